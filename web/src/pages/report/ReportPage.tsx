// /report: anyone reports a vulnerability, signed in or not; once sent, the tracking ID and the
// private follow-up link take the form's place, and the files chosen with the report go up there.
// Those who would rather write get the intake address and the instance key above the form.
import { useState } from 'react'
import type { ReportSubmitted } from '../../api/types'
import { EmailReportNote } from '../../components/InstanceKeyNote'
import { usePageTitle } from '../../pageTitle'
import { ReportForm } from './ReportForm'
import { ReportSent } from './ReportSent'

export function ReportPage() {
  const [sent, setSent] = useState<{ report: ReportSubmitted; files: File[] } | null>(null)
  // A new form (with a new proof of work) for each report.
  const [round, setRound] = useState(0)
  usePageTitle(sent ? 'Report sent' : 'Report a vulnerability')

  if (sent)
    return (
      <ReportSent
        sent={sent.report}
        files={sent.files}
        onAnother={() => {
          setSent(null)
          setRound((r) => r + 1)
        }}
      />
    )
  return (
    <div className="medium">
      <h1>Report a vulnerability</h1>
      <p className="lead">Tell the coordinators what you found. You do not need an account.</p>
      <p className="muted">
        Fields not marked optional are needed. After sending you get a tracking ID and a private link to follow your
        report.
      </p>
      <EmailReportNote />
      <ReportForm key={round} onSent={(report, files) => setSent({ report, files })} />
    </div>
  )
}
