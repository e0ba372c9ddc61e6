// A report's RM state and the moves possible from it: one button per allowed event, with a
// reason (needed to invalidate or defer). A refused move shows the server's 409, which names
// what is allowed now.
import { useState } from 'react'
import { api } from '../../api/client'
import { useAction } from '../../api/hooks'
import type { ReportDetail, RmEvent } from '../../api/types'
import { FormAlert, TextAreaField, localProblem } from '../../components/forms'
import { eventLabel, needsReason } from './triageLabels'

interface TransitionFormProps {
  report: ReportDetail
  /** Opening a case is the next step (it accepts the report too): accepting alone is then secondary. */
  caseIsNext: boolean
  onChanged(report: ReportDetail): void
}

export function TransitionForm({ report, caseIsNext, onChanged }: TransitionFormProps) {
  const label = (event: RmEvent) => (caseIsNext && event === 'accept' ? 'Accept without a case' : eventLabel[event])
  const primary = (event: RmEvent) => !caseIsNext && event !== 'invalidate' && event !== 'close'
  const [reason, setReason] = useState('')
  const [done, setDone] = useState('')
  const action = useAction()

  async function move(event: RmEvent) {
    setDone('')
    if (needsReason.has(event) && !reason.trim()) {
      action.fail(localProblem('reason', `is needed to ${event} a report`, `Say why you ${event} this report.`))
      return
    }
    const updated = await action.run(() =>
      api.post<ReportDetail>(`/reports/${report.id}/transitions`, {
        event,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      }),
    )
    if (!updated) return
    setReason('')
    setDone(`Now: ${updated.stateLabel}.${updated.state === 'valid' ? ' Next step: open a case.' : ''}`)
    onChanged(updated)
  }

  return (
    <section className="panel" aria-labelledby="state-heading">
      <h2 id="state-heading">State</h2>
      <p>
        <span className="badge badge-neutral">{report.stateLabel}</span>
      </p>
      <FormAlert error={action.error} fields={['reason']} />
      <p className="copy-status" role="status">
        {done}
      </p>
      {caseIsNext && (
        <p className="hint">Opening a case accepts the report too: accept it here only to keep it without a case.</p>
      )}
      {report.allowedEvents.length === 0 ? (
        <p className="muted">No further moves: the report is {report.stateLabel.toLowerCase()}.</p>
      ) : (
        <form onSubmit={(e) => e.preventDefault()} noValidate aria-busy={action.busy}>
          <TextAreaField
            label="Reason"
            optional={!report.allowedEvents.some((e) => needsReason.has(e))}
            hint="Recorded in the report’s history. Needed to invalidate or defer."
            rows={3}
            value={reason}
            onChange={setReason}
            error={action.fieldError('reason')}
          />
          <div className="button-row">
            {report.allowedEvents.map((event) => (
              <button
                key={event}
                type="button"
                className={`button ${primary(event) ? 'primary' : 'secondary'}`}
                onClick={() => void move(event)}
              >
                {label(event)}
              </button>
            ))}
          </div>
        </form>
      )}
    </section>
  )
}
