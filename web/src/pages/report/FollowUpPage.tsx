// /follow-up/:token: a finder's private view of their report: tracking ID, title, status in plain
// words, when it was sent, the credit that will be given, the messages with the coordinators with a
// reply form, and the files either side sent, with a way to add one. An unknown link says so
// without telling why.
import { useState } from 'react'
import { api, uploadFile } from '../../api/client'
import { useLoad } from '../../api/hooks'
import { useFollowUpEvents } from '../../api/liveEvents'
import type { Attachment, FollowUpView } from '../../api/types'
import { AttachFileForm } from '../../components/AttachFileForm'
import { AttachmentList } from '../../components/Attachments'
import { MessageThread } from '../../components/MessageThread'
import { Loading, LoadError } from '../../components/Status'
import { Time } from '../../components/Time'
import { usePageTitle } from '../../pageTitle'
import { Link } from '../../router'
import { creditHow, creditWording } from '../labels'
import { finderStatus } from './finderLabels'

/** How the advisory will credit the finder; the wording they gave, or "not given" with how to give one. */
function FinderCredit({ credit }: { credit: FollowUpView['credit'] }) {
  if (credit.preference === 'anonymous' || credit.preference === 'none') return <>{creditHow[credit.preference]}</>
  const wording = creditWording(credit)
  return wording ? (
    <>
      {creditHow[credit.preference]}: “{wording}”
    </>
  ) : (
    <>
      {creditHow[credit.preference]}: <span className="muted">not given</span>. Write below how the credit should read.
    </>
  )
}

export function FollowUpPage({ token }: { token: string }) {
  const status = useLoad(() => api.post<FollowUpView>('/reports/follow-up', { token }), token)
  // A reply answers with the whole view, which replaces the loaded one.
  const [replied, setReplied] = useState<FollowUpView | null>(null)
  // Files added here join the list without reloading the view (which would mark messages read).
  const [added, setAdded] = useState<Attachment[]>([])
  const loadedReport = replied ?? status.data
  const report = loadedReport && {
    ...loadedReport,
    attachments: [
      ...loadedReport.attachments,
      ...added.filter((a) => !loadedReport.attachments.some((b) => b.id === a.id)),
    ],
  }
  // The coordinators' replies and the release show up while the page is open; the view then
  // loaded is the newest, so it replaces the one a reply answered with.
  useFollowUpEvents(token, async () => {
    await status.reload()
    setReplied(null)
  })
  const notFound = status.error?.status === 404
  usePageTitle(notFound ? 'Link not valid' : report ? `Report ${report.trackingId}` : 'Your report')

  async function reply(body: string) {
    setReplied(await api.post<FollowUpView>('/reports/follow-up/messages', { token, body }))
  }

  if (notFound) return <InvalidLink />
  return (
    <div className="medium">
      <h1>Your report</h1>
      {status.error ? (
        <LoadError error={status.error} retry={() => void status.reload()} />
      ) : !report ? (
        <Loading what="your report" />
      ) : (
        <Report report={report} token={token} send={reply} onFileAdded={(a) => setAdded((list) => [...list, a])} />
      )}
    </div>
  )
}

interface ReportProps {
  report: FollowUpView
  token: string
  send(body: string): Promise<unknown>
  onFileAdded(attachment: Attachment): void
}

function Report({ report, token, send, onFileAdded }: ReportProps) {
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
            <span className="badge badge-neutral">{finderStatus[report.state].label}</span>
            <p className="muted">{finderStatus[report.state].next}</p>
          </dd>
        </div>
        <div>
          <dt>Sent</dt>
          <dd>
            <Time iso={report.submittedAt} />
          </dd>
        </div>
        {report.published && (
          <div>
            <dt>Published</dt>
            <dd>
              <span className="badge badge-success">Public</span> since <Time iso={report.published.releasedAt} />:{' '}
              <a href={report.published.url}>advisory {report.published.advisoryId}</a>
            </dd>
          </div>
        )}
        <div>
          <dt>Credit</dt>
          <dd>
            <FinderCredit credit={report.credit} />
          </dd>
        </div>
      </dl>
      <p className="muted">
        Keep this page’s address private: whoever has it can read your report’s status and write to the coordinators.
      </p>
      <section aria-labelledby="messages-heading">
        <h2 id="messages-heading">Messages</h2>
        <MessageThread messages={report.messages} reader="reporter" send={send} />
      </section>
      <section aria-labelledby="files-heading">
        <h2 id="files-heading">Files</h2>
        <AttachmentList
          attachments={report.attachments}
          via={{ kind: 'followUp', token }}
          label="Files on your report"
          empty="Files you add, and files the coordinators send you, appear here."
        />
        <div className="panel">
          <h3>Add a file</h3>
          <p className="muted">A proof of concept, a log or a screenshot: the coordinators see it with your report.</p>
          <AttachFileForm
            title="Add a file"
            submitLabel="Add the file"
            fileLabel="File to add"
            upload={(file) =>
              uploadFile<Attachment>('/reports/follow-up/attachments', file, {}, { 'x-follow-up-token': token })
            }
            onUploaded={onFileAdded}
          />
        </div>
      </section>
    </>
  )
}

function InvalidLink() {
  return (
    <div className="narrow">
      <h1>This link is not valid</h1>
      <p>
        No report belongs to this follow-up link. It may be mistyped or incomplete (copy the whole link), or it may have
        been revoked.
      </p>
      <p>
        <Link to="/report">Report a vulnerability</Link>
      </p>
    </div>
  )
}
