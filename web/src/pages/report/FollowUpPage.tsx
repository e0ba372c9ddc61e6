// /follow-up/:token: a finder's private view of their report: tracking ID, title, status in plain
// words, when it was sent, and (once the server has them) the messages with the coordinators and
// a reply form. An unknown link says so without telling why.
import { api } from '../../api/client'
import { useLoad } from '../../api/hooks'
import type { ReportStatusWithMessages } from '../../api/types'
import { MessageThread } from '../../components/MessageThread'
import { EmptyState, Loading, LoadError } from '../../components/Status'
import { Time } from '../../components/Time'
import { usePageTitle } from '../../pageTitle'
import { Link } from '../../router'

export function FollowUpPage({ token }: { token: string }) {
  const status = useLoad(() => api.post<ReportStatusWithMessages>('/reports/follow-up', { token }), token)
  const notFound = status.error?.status === 404
  usePageTitle(notFound ? 'Link not valid' : status.data ? `Report ${status.data.trackingId}` : 'Your report')

  if (notFound) return <InvalidLink />
  return (
    <div className="medium">
      <h1>Your report</h1>
      {status.error ? <LoadError error={status.error} retry={() => void status.reload()} /> : !status.data ? <Loading what="your report" /> : <Report report={status.data} send={(body) => sendReply(token, body, status.reload)} />}
    </div>
  )
}

async function sendReply(token: string, body: string, reload: () => Promise<void>) {
  await api.post('/reports/follow-up/messages', { token, body })
  await reload()
}

function Report({ report, send }: { report: ReportStatusWithMessages; send(body: string): Promise<unknown> }) {
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
      </dl>
      <p className="muted">Keep this page’s address private: whoever has it can read your report’s status.</p>
      <section aria-labelledby="messages-heading">
        <h2 id="messages-heading">Messages</h2>
        {report.messages ? (
          <MessageThread messages={report.messages} reader="reporter" send={send} />
        ) : (
          <EmptyState title="No messages yet">
            <p>Writing to the coordinators from this page is coming in a later version of Lockstep. Until then, they reach you at the e-mail address you gave, if you gave one.</p>
          </EmptyState>
        )}
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
