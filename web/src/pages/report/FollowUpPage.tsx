// /follow-up/:token: a finder's private view of their report: tracking ID, title, status in plain
// words, when it was sent, the credit that will be given, and the messages with the coordinators
// with a reply form. An unknown link says so without telling why.
import { useState } from 'react'
import { api } from '../../api/client'
import { useLoad } from '../../api/hooks'
import type { FollowUpView } from '../../api/types'
import { MessageThread } from '../../components/MessageThread'
import { Loading, LoadError } from '../../components/Status'
import { Time } from '../../components/Time'
import { usePageTitle } from '../../pageTitle'
import { Link } from '../../router'

const creditText: Record<FollowUpView['credit']['preference'], string> = {
  name: 'Your name',
  organization: 'Your organization',
  anonymous: 'Credited anonymously',
  none: 'No credit',
}

export function FollowUpPage({ token }: { token: string }) {
  const status = useLoad(() => api.post<FollowUpView>('/reports/follow-up', { token }), token)
  // A reply answers with the whole view, which replaces the loaded one.
  const [replied, setReplied] = useState<FollowUpView | null>(null)
  const report = replied ?? status.data
  const notFound = status.error?.status === 404
  usePageTitle(notFound ? 'Link not valid' : report ? `Report ${report.trackingId}` : 'Your report')

  async function reply(body: string) {
    setReplied(await api.post<FollowUpView>('/reports/follow-up/messages', { token, body }))
  }

  if (notFound) return <InvalidLink />
  return (
    <div className="medium">
      <h1>Your report</h1>
      {status.error ? <LoadError error={status.error} retry={() => void status.reload()} /> : !report ? <Loading what="your report" /> : <Report report={report} send={reply} />}
    </div>
  )
}

function Report({ report, send }: { report: FollowUpView; send(body: string): Promise<unknown> }) {
  return (
    <>
      <dl className="report-facts panel">
        <div>
          <dt>Tracking ID</dt>
          <dd className="tracking-id">{report.trackingId}</dd>
        </div>
        <div>
          <dt>Title</dt>
          <dd>{report.title}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            <span className="badge badge-neutral">{report.stateLabel}</span>
          </dd>
        </div>
        <div>
          <dt>Sent</dt>
          <dd>
            <Time iso={report.submittedAt} />
          </dd>
        </div>
        <div>
          <dt>Credit</dt>
          <dd>
            {creditText[report.credit.preference]}
            {report.credit.text && `: “${report.credit.text}”`}
          </dd>
        </div>
      </dl>
      <p className="muted">Keep this page’s address private: whoever has it can read your report’s status and write to the coordinators.</p>
      <section aria-labelledby="messages-heading">
        <h2 id="messages-heading">Messages</h2>
        <MessageThread messages={report.messages} reader="reporter" send={send} />
      </section>
    </>
  )
}

function InvalidLink() {
  return (
    <div className="narrow">
      <h1>This link is not valid</h1>
      <p>No report belongs to this follow-up link. It may be mistyped or incomplete (copy the whole link), or it may have been revoked.</p>
      <p>
        <Link to="/report">Report a vulnerability</Link>
      </p>
    </div>
  )
}
