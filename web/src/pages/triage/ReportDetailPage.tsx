// /reports/:id: one report for the coordinators: what the reporter sent, and beside it the
// triage panel (state and its moves, assignee, scores), messages and files exchanged with the
// reporter, opening a case, and the history. Every action shows only when the report's abilities allow it.
import { useState } from 'react'
import { api } from '../../api/client'
import { useLoad } from '../../api/hooks'
import { useSignedIn } from '../../api/session'
import type { ReportDetail, TlpLabel } from '../../api/types'
import { MessageThread } from '../../components/MessageThread'
import { Loading, LoadError } from '../../components/Status'
import { Time } from '../../components/Time'
import { usePageTitle } from '../../pageTitle'
import { Link } from '../../router'
import { NotFoundPage } from '../NotFoundPage'
import { ReportToPeers } from '../federation/ReportToPeers'
import { AssignForm } from './AssignForm'
import { OpenCaseForm } from './OpenCaseForm'
import { ReportContent } from './ReportContent'
import { ReportFiles } from './ReportFiles'
import { ReportHistory } from './ReportHistory'
import { ScoresForm } from './ScoresForm'
import { TransitionForm } from './TransitionForm'
import { useStaff } from './useStaff'

export function ReportDetailPage({ reportId }: { reportId: string }) {
  const loaded = useLoad(async () => {
    const path = `/reports/${encodeURIComponent(reportId)}`
    const detail = await api.get<ReportDetail>(path)
    // The messages new to this reader are marked in `detail`; now say they have been read.
    await api.post(`${path}/read`)
    return detail
  }, reportId)
  const [changed, setChanged] = useState<ReportDetail | null>(null)
  const report = changed ?? loaded.data
  usePageTitle(report ? `${report.trackingId}: ${report.title}` : 'Report')

  if (loaded.error?.status === 404 || loaded.error?.status === 403) return <NotFoundPage />
  if (loaded.error) return <LoadError error={loaded.error} retry={() => void loaded.reload()} />
  if (!report) return <Loading what="the report" />
  return <Report report={report} onChanged={setChanged} />
}

function Report({ report, onChanged }: { report: ReportDetail; onChanged(report: ReportDetail): void }) {
  const { session, user } = useSignedIn()
  const triage = report.abilities.triage
  const staff = useStaff(triage && session.instance.list_users)
  const inCase = report.case
  const mayOpenCase =
    session.instance.open_case && triage && (report.state === 'valid' || report.state === 'accepted') && !inCase

  async function sendMessage(body: string, tlp: TlpLabel) {
    onChanged(await api.post<ReportDetail>(`/reports/${report.id}/messages`, { body, tlp }))
  }

  return (
    <>
      {session.instance.list_reports && (
        <p className="breadcrumb">
          <Link to="/triage">Triage queue</Link>
        </p>
      )}
      <p className="eyebrow">
        Report <span className="case-number">{report.trackingId}</span>
      </p>
      <h1>{report.title}</h1>
      <p className="muted">
        Sent <Time iso={report.submittedAt} /> · <span className="badge badge-neutral">{report.stateLabel}</span>
        {inCase && (
          <>
            {' '}
            · in case <Link to={`/cases/${inCase.caseNumber}`}>{inCase.caseNumber}</Link>
          </>
        )}
      </p>
      <div className="two-columns">
        <div>
          <ReportContent report={report} />
          <section aria-labelledby="messages-heading">
            <h2 id="messages-heading">Messages with the reporter</h2>
            {report.anonymous && !report.reporter && (
              <p className="muted">
                The reporter is anonymous: they read and answer through their private follow-up link.
              </p>
            )}
            <MessageThread
              messages={report.messages}
              reader="coordinator"
              withTlp
              send={triage ? sendMessage : undefined}
            />
          </section>
          <ReportFiles report={report} onChanged={onChanged} />
          {triage && <ReportHistory history={report.history} />}
        </div>
        {triage && (
          <div>
            {mayOpenCase && <OpenCaseForm report={report} />}
            <TransitionForm report={report} caseIsNext={mayOpenCase} onChanged={onChanged} />
            {staff.data && (
              <AssignForm
                key={report.assignedTo ?? ''}
                report={report}
                staff={staff.data}
                me={user.id}
                onChanged={onChanged}
              />
            )}
            <ScoresForm report={report} onChanged={onChanged} />
            {/* Remounted when the report changes, so a ruling's times show. */}
            <ReportToPeers key={report.state} report={report} />
          </div>
        )}
      </div>
    </>
  )
}
