// Scoring a report: a CVSS 3.1 or 4.0 vector built with the calculator (the server scores it again
// on saving), a CWE, and the seven SSVC coordinator-triage decision points, whose outcome (decline,
// track, coordinate) the server decides from CERT/CC's table; the saved decision is shown with
// the path it took and why.
import { lazy, Suspense, useState } from 'react'
import { api } from '../../api/client'
import { useAction } from '../../api/hooks'
import type { ReportDetail } from '../../api/types'
import { FormAlert, SubmitButton, TextField, submitted } from '../../components/forms'
import { Loading } from '../../components/Status'
import '../../styles/owners.css'
import '../../styles/triage.css'
import { SsvcPath } from './SsvcPath'
import { cvssText } from './triageLabels'
import { SsvcFields, ssvcChoice, ssvcFields } from './SsvcFields'

// The calculator brings the CVSS library (about 190 kB): loaded when a report's scores are shown,
// not with every page.
const CvssCalculator = lazy(() => import('./CvssCalculator').then((m) => ({ default: m.CvssCalculator })))

export function ScoresForm({ report, onChanged }: { report: ReportDetail; onChanged(report: ReportDetail): void }) {
  const [vector, setVector] = useState(report.cvss?.vector ?? '')
  const [cwe, setCwe] = useState(report.cwe ?? '')
  const [inputs, setInputs] = useState<Record<string, string>>(() => ({ ...(report.ssvc?.inputs ?? {}) }))
  const [saved, setSaved] = useState('')
  const action = useAction()

  async function save() {
    setSaved('')
    const body = {
      cvss: vector.trim() || null,
      cwe: cwe.trim() || null,
      ssvc: ssvcChoice(inputs),
    }
    const updated = await action.run(() => api.put<ReportDetail>(`/reports/${report.id}/scores`, body))
    if (!updated) return
    setVector(updated.cvss?.vector ?? '')
    setCwe(updated.cwe ?? '')
    setSaved('Scores saved.')
    onChanged(updated)
  }

  return (
    <section className="panel" aria-labelledby="scores-heading">
      <h2 id="scores-heading">Scores</h2>
      <dl className="report-facts">
        <div>
          <dt>CVSS</dt>
          <dd data-testid="cvss-result">
            {report.cvss ? cvssText(report.cvss) : <span className="muted">Not scored</span>}
          </dd>
        </div>
        <div>
          <dt>CWE</dt>
          <dd>{report.cwe ?? <span className="muted">Not set</span>}</dd>
        </div>
        <div>
          <dt>SSVC outcome</dt>
          <dd>
            {report.ssvc ? (
              <SsvcPath decision={report.ssvc} cvss={report.cvss} />
            ) : (
              <span className="muted">Not decided</span>
            )}
          </dd>
        </div>
      </dl>
      <form onSubmit={submitted(save)} noValidate aria-busy={action.busy}>
        <FormAlert error={action.error} fields={['cvss', 'cwe', ...ssvcFields]} />
        <p className="copy-status" role="status">
          {saved}
        </p>
        <Suspense fallback={<Loading what="the CVSS calculator" />}>
          <CvssCalculator vector={vector} onChange={setVector} error={action.fieldError('cvss')} />
        </Suspense>
        <TextField
          label="CWE"
          hint="For example CWE-120."
          value={cwe}
          onChange={setCwe}
          className="short"
          spellCheck={false}
          autoComplete="off"
          optional
          error={action.fieldError('cwe')}
        />
        <SsvcFields inputs={inputs} onChange={setInputs} fieldError={action.fieldError} />
        <SubmitButton busy={action.busy} busyText="Saving…">
          Save scores
        </SubmitButton>
      </form>
    </section>
  )
}
