// Who looks after a report: any staff member, nobody, or (one click) me.
import { useState } from 'react'
import { api } from '../../api/client'
import { useAction } from '../../api/hooks'
import type { ReportDetail, User } from '../../api/types'
import { FormAlert, SelectField, SubmitButton, submitted } from '../../components/forms'
import { assigneeName } from './useStaff'

export function AssignForm({
  report,
  staff,
  me,
  onChanged,
}: {
  report: ReportDetail
  staff: User[]
  me: string
  onChanged(report: ReportDetail): void
}) {
  const [choice, setChoice] = useState(report.assignedTo ?? '')
  const action = useAction()

  async function assign(userId: string | null) {
    const updated = await action.run(() => api.put<ReportDetail>(`/reports/${report.id}/assignee`, { userId }))
    if (!updated) return
    setChoice(updated.assignedTo ?? '')
    onChanged(updated)
  }

  const options = [
    { value: '', label: 'Nobody' },
    ...staff.map((u) => ({ value: u.id, label: u.id === me ? `${u.name} (you)` : u.name })),
  ]
  return (
    <section className="panel" aria-labelledby="assign-heading">
      <h2 id="assign-heading">Assignee</h2>
      <p>
        Looked after by: <strong>{assigneeName(staff, report.assignedTo, me)}</strong>
      </p>
      <form onSubmit={submitted(() => assign(choice || null))} noValidate aria-busy={action.busy}>
        <FormAlert error={action.error} fields={['userId']} />
        <SelectField
          label="Assign to"
          value={choice}
          onChange={setChoice}
          options={options}
          error={action.fieldError('userId')}
        />
        <div className="button-row">
          <SubmitButton busy={action.busy} className="secondary">
            Save assignee
          </SubmitButton>
          {report.assignedTo !== me && (
            <button type="button" className="button primary" onClick={() => void assign(me)}>
              Assign to me
            </button>
          )}
        </div>
      </form>
    </section>
  )
}
