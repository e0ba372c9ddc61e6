// /cases/:caseNumber: a case's number and TLP label, what changed since the viewer's last visit,
// summary, status, its embargo (a line under the title, and a section to negotiate it),
// vulnerabilities, participants, vendors' statements, the advisory draft, threads (with their
// files), the reports it came from, (for staff) its ledger, and its signed ledger heads to keep.
// Staff record the case's events, edit its vulnerabilities, add, move and take out its
// participants, find and notify its vendors, follow them and approve their statements from here;
// a vendor gives its statements and records its fix; everyone negotiates the embargo and reviews the advisory.
// A case the viewer is not part of is "not found", exactly as the API answers.
import { useEffect, useState } from 'react'
import { api } from '../../api/client'
import { useLoad } from '../../api/hooks'
import type { Embargo } from '../../api/embargoTypes'
import type { CaseDetail, VendorStatement } from '../../api/types'
import { Loading, LoadError } from '../../components/Status'
import { Time } from '../../components/Time'
import { usePageTitle } from '../../pageTitle'
import { Link, useLocation } from '../../router'
import { NotFoundPage } from '../NotFoundPage'
import { useCaseLiveUpdates } from '../../api/liveEvents'
import { CaseChanges } from './CaseChanges'
import { CaseLabel } from './CaseLabel'
import { CaseStatus } from './CaseStatus'
import { CaseThreads } from './CaseThreads'
import { LedgerHeadsDownload } from './LedgerHeadsDownload'
import { LedgerTimeline } from './LedgerTimeline'
import { ParticipantsTable } from './ParticipantsTable'
import { Vulnerabilities } from './Vulnerabilities'
import { AdvisorySection } from './advisory/AdvisorySection'
import { EmbargoSection } from './embargo/EmbargoSection'
import { EmbargoSummary } from './embargo/EmbargoSummary'
import { CaseVendors } from './vendors/CaseVendors'
import { useOwnVendorParticipant } from './vendors/ownVendorParticipant'
import { Statements } from './vendors/Statements'
import { VendorPortal } from './vendors/VendorPortal'

export function CasePage({ caseNumber }: { caseNumber: string }) {
  const loaded = useLoad(() => api.get<CaseDetail>(`/cases/${encodeURIComponent(caseNumber)}`), caseNumber)
  usePageTitle(loaded.data ? `${loaded.data.caseNumber}: ${loaded.data.title}` : caseNumber)
  if (loaded.error?.status === 404 || loaded.error?.status === 403) return <NotFoundPage />
  if (loaded.error) return <LoadError error={loaded.error} retry={() => void loaded.reload()} />
  if (!loaded.data) return <Loading what="the case" />
  return <Case detail={loaded.data} reload={loaded.reload} />
}

function Case({ detail, reload }: { detail: CaseDetail; reload(): Promise<void> }) {
  const openThread = useLocation().search.get('thread')
  // Every change is a new ledger entry: the ledger reloads when this moves on.
  const [revision, setRevision] = useState(0)
  const statements = useLoad(
    () => api.get<VendorStatement[]>(`/cases/${encodeURIComponent(detail.id)}/statements`),
    `${detail.id}|${revision}`,
  )
  const ownVendor = useOwnVendorParticipant(detail, revision)
  // Loaded here, not in its section: the line under the title says it too.
  const embargo = useLoad(
    () => api.get<Embargo>(`/cases/${encodeURIComponent(detail.id)}/embargo`),
    `${detail.id}|${revision}`,
  )
  // Opening the page is a visit: what changed is then counted from the next one. Reading the case
  // records nothing, so the page says so once, when it opens.
  useEffect(() => {
    void api.post(`/cases/${encodeURIComponent(detail.id)}/visit`).catch(() => undefined)
  }, [detail.id])
  const staff = detail.abilities.update
  const changed = async () => {
    await reload()
    setRevision((r) => r + 1)
  }
  useCaseLiveUpdates(detail.id, changed)
  return (
    <>
      <p className="breadcrumb">
        <Link to="/cases">All cases</Link>
      </p>
      <div className="page-heading">
        <p className="eyebrow">
          Case <span className="case-number">{detail.caseNumber}</span>
        </p>
        <CaseLabel detail={detail} />
      </div>
      <h1>{detail.title}</h1>
      <p className="muted">
        Opened <Time iso={detail.createdAt} />
      </p>
      <EmbargoSummary embargo={embargo.data} />

      <CaseChanges caseId={detail.id} caseNumber={detail.caseNumber} />

      <section aria-labelledby="summary-heading">
        <h2 id="summary-heading">Summary</h2>
        {detail.summary ? <p className="prose-block">{detail.summary}</p> : <p className="muted">No summary yet.</p>}
      </section>

      <CaseStatus detail={detail} onChanged={changed} />

      <EmbargoSection caseId={detail.id} embargo={embargo} staff={staff} onChanged={changed} />

      <Vulnerabilities detail={detail} onChanged={changed} />

      {ownVendor && (
        <VendorPortal detail={detail} participant={ownVendor} statements={statements.data} onChanged={changed} />
      )}

      <section aria-labelledby="participants-heading">
        <h2 id="participants-heading">Participants</h2>
        <ParticipantsTable
          caseId={detail.id}
          caseNumber={detail.caseNumber}
          participants={detail.participants}
          staff={staff}
          onChanged={changed}
        />
      </section>

      {staff && <CaseVendors caseId={detail.id} revision={revision} onChanged={changed} />}

      <Statements
        caseId={detail.id}
        statements={statements}
        staff={staff}
        ownParticipantId={ownVendor?.id ?? null}
        onApproved={changed}
      />

      <AdvisorySection caseId={detail.id} revision={revision} onChanged={changed} />

      <CaseThreads detail={detail} openKey={openThread} onPosted={() => setRevision((r) => r + 1)} />

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

      {detail.abilities.read_ledger && (
        <LedgerTimeline caseId={detail.id} participants={detail.participants} revision={revision} />
      )}
      {detail.abilities.read_ledger_heads && <LedgerHeadsDownload caseId={detail.id} caseNumber={detail.caseNumber} />}
    </>
  )
}
