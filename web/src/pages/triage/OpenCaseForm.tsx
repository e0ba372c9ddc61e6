// The next step once a report is valid (or accepted without a case): opening a case, said as the
// one primary action with what it does. Title (the report's, to start with), TLP (AMBER unless
// chosen otherwise) and a summary; on success, the new case's page.
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
    <section className="panel next-step" aria-labelledby="open-case-heading">
      <h2 id="open-case-heading">Next step: open a case</h2>
      {report.state === 'valid' ? (
        <p>
          The report is confirmed as valid. Opening a case <strong>accepts it for coordination</strong>: the reporter
          joins as its finder, and the case is where you notify the vendors and agree a release date. Accept it without
          a case only to keep it on record here; you can still open one later.
        </p>
      ) : (
        <p>
          The report is accepted for coordination but has no case yet. Open one to notify the vendors; the reporter
          joins it as its finder.
        </p>
      )}
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
