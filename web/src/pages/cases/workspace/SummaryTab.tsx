// The case's summary tab: what the case is about, its status and events, its vulnerabilities and
// the reports it came from, and (for its coordinators) the other coordinators it is shared with and
// what they said of their own vendors; first, when the case was handed over to a peer or taken over
// from one, that.
import type { CaseDetail } from '../../../api/types'
import { Link } from '../../../router'
import { CaseStatus } from '../CaseStatus'
import { Vulnerabilities } from '../Vulnerabilities'
import { SharedWithPeers } from '../../federation/SharedWithPeers'
import { FromPeers } from '../../federation/FromPeers'
import { HandoffBanner } from '../../federation/HandoffBanner'

export function SummaryTab({ detail, onChanged }: { detail: CaseDetail; onChanged(): Promise<void> }) {
  return (
    <>
      <HandoffBanner detail={detail} />
      <section aria-labelledby="summary-heading">
        <h2 id="summary-heading">Summary</h2>
        {detail.summary ? <p className="prose-block">{detail.summary}</p> : <p className="muted">No summary yet.</p>}
      </section>
      <CaseStatus detail={detail} onChanged={onChanged} />
      <Vulnerabilities detail={detail} onChanged={onChanged} />
      {detail.abilities.read_ledger && <SharedWithPeers detail={detail} />}
      {detail.abilities.read_ledger && <FromPeers detail={detail} />}
      <section aria-labelledby="reports-heading">
        <h2 id="reports-heading">Reports</h2>
        <ul className="link-list">
          {detail.reports.map((r) => (
            <li key={r.id}>
              <Link to={`/reports/${r.id}`}>{r.trackingId}</Link>: {r.title}
            </li>
          ))}
        </ul>
      </section>
    </>
  )
}
