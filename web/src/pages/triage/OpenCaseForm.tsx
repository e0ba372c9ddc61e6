// Opening a case from a valid or accepted report: title (the report's, to start with), TLP
// (AMBER unless chosen otherwise) and a summary; on success, the new case's page.
import { useState } from 'react'
import { api } from '../../api/client'
import { useAction } from '../../api/hooks'
import type { CaseDetail, ReportDetail } from '../../api/types'
import { FormAlert, SelectField, SubmitButton, TextAreaField, TextField, submitted } from '../../components/forms'
import { navigate } from '../../router'

const tlpOptions = [
  { value: 'CLEAR', label: 'TLP:CLEAR — no limit on disclosure' },
  { value: 'GREEN', label: 'TLP:GREEN — the community' },
  { value: 'AMBER', label: 'TLP:AMBER — each organization and its clients' },
  { value: 'AMBER+STRICT', label: 'TLP:AMBER+STRICT — each organization only' },
  { value: 'RED', label: 'TLP:RED — named recipients only' },
]

export function OpenCaseForm({ report }: { report: ReportDetail }) {
  const [title, setTitle] = useState(report.title)
  const [tlp, setTlp] = useState('AMBER')
  const [summary, setSummary] = useState('')
  const action = useAction()

  async function open() {
    const created = await action.run(() =>
      api.post<CaseDetail>('/cases', {
        reportIds: [report.id],
        title: title.trim(),
        tlp,
        ...(summary.trim() ? { summary: summary.trim() } : {}),
      }),
    )
    if (created) navigate(`/cases/${created.caseNumber}`)
  }

  return (
    <section className="panel" aria-labelledby="open-case-heading">
      <h2 id="open-case-heading">Open a case</h2>
      <p>The reporter joins the case as its finder; vendors are added on the case page.</p>
      <form onSubmit={submitted(open)} noValidate aria-busy={action.busy}>
        <FormAlert error={action.error} fields={['title', 'tlp', 'summary']} />
        <TextField label="Case title" value={title} onChange={setTitle} error={action.fieldError('title')} />
        <SelectField
          label="TLP"
          hint="How far participants may share what the case holds."
          value={tlp}
          onChange={setTlp}
          options={tlpOptions}
          error={action.fieldError('tlp')}
        />
        <TextAreaField
          label="Summary"
          optional
          rows={4}
          value={summary}
          onChange={setSummary}
          error={action.fieldError('summary')}
        />
        <SubmitButton busy={action.busy} busyText="Opening…">
          Open the case
        </SubmitButton>
      </form>
    </section>
  )
}
