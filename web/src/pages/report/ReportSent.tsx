// What a finder sees once the report is in: the tracking ID, the files chosen with it going up,
// and the private follow-up link with a warning to keep it safe (it is shown only here).
import { useEffect, useRef } from 'react'
import type { ReportSubmitted } from '../../api/types'
import { CopyField } from '../../components/CopyField'
import { Link } from '../../router'
import { SentFiles } from './SentFiles'

export function ReportSent({ sent, files, onAnother }: { sent: ReportSubmitted; files: File[]; onAnother(): void }) {
  const heading = useRef<HTMLHeadingElement>(null)
  const followUpPath = new URL(sent.followUpUrl, window.location.origin).pathname
  // The link's last segment is its secret, which uploads carry in a header.
  const token = decodeURIComponent(followUpPath.split('/').pop() ?? '')

  // The form gave way to this without a navigation: start keyboard and screen-reader users here.
  useEffect(() => {
    window.scrollTo(0, 0)
    heading.current?.focus()
  }, [])

  return (
    <div className="medium">
      <h1 ref={heading} tabIndex={-1}>
        Report sent
      </h1>
      <div className="alert alert-success">
        <p>Thank you. The coordinators have your report.</p>
      </div>
      <p className="eyebrow">Tracking ID</p>
      <p className="tracking-id">{sent.trackingId}</p>
      <p>Quote it whenever you write to the coordinators about this report.</p>
      {files.length > 0 && <SentFiles files={files} token={token} />}
      <section className="secret-box" aria-labelledby="follow-up-heading">
        <h2 id="follow-up-heading">Your private follow-up link</h2>
        <CopyField
          label="Follow-up link"
          value={sent.followUpUrl}
          hint="Open it at any time to see how your report is doing."
        />
        <p className="warning">
          <strong>Keep this link safe.</strong> Whoever has it can read your report’s status. It is shown only now: save
          it somewhere private, such as a password manager.
        </p>
        <p>
          <Link to={followUpPath}>Open the follow-up page</Link>
        </p>
      </section>
      <button type="button" className="button secondary" onClick={onAnother}>
        Report another vulnerability
      </button>
    </div>
  )
}
