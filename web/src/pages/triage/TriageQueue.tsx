// The triage queue table: one row per report with the reporter's messages not read yet, its age,
// state, scores and assignee.
import type { ReportSummary, User } from '../../api/types'
import { DataTable } from '../../components/DataTable'
import { Link } from '../../router'
import { formatUtc } from '../../time'
import { assigneeName } from './useStaff'
import { age, cvssText, outcomeLabel } from './triageLabels'

export function TriageQueue({
  reports,
  staff,
  me,
  label = 'Triage queue',
}: {
  reports: ReportSummary[]
  staff: User[] | undefined
  me: string
  label?: string
}) {
  return (
    <DataTable label={label} columns={['Tracking ID', 'Title', 'Age', 'State', 'CVSS', 'SSVC', 'Assignee']}>
      {reports.map((r) => (
        <tr key={r.id}>
          <th scope="row">
            <Link to={`/reports/${r.id}`}>{r.trackingId}</Link>
            {r.unreadMessages > 0 && (
              <>
                {' '}
                <span className="badge badge-unread">
                  {r.unreadMessages === 1 ? '1 unread message' : `${r.unreadMessages} unread messages`}
                </span>
              </>
            )}
          </th>
          <td>{r.title}</td>
          <td>
            <time dateTime={r.submittedAt} title={`Sent ${formatUtc(r.submittedAt)}`}>
              {age(r.submittedAt)}
            </time>
          </td>
          <td>{r.stateLabel}</td>
          <td className={r.cvss ? `severity-${r.cvss.severity.toLowerCase()}` : undefined}>{cvssText(r.cvss)}</td>
          <td>{r.ssvcOutcome ? (outcomeLabel[r.ssvcOutcome] ?? r.ssvcOutcome) : '—'}</td>
          <td>{assigneeName(staff, r.assignedTo, me)}</td>
        </tr>
      ))}
    </DataTable>
  )
}
