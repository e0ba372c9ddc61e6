// /cases/:caseNumber/<tab>: a case as a workspace. The header (number, TLP label, title, the
// embargo in a line, what changed since the viewer's last visit) stays; under it the tabs, each at
// its own address and loading only what it shows: summary (status, vulnerabilities, reports),
// vendors (participants, finding and notifying them for staff, statements, a vendor's own part),
// threads (?thread=<key> opens one), embargo, advisory, owners (staff: the fix's uptake after the
// release) and ledger (staff's ledger, everyone's signed heads). /cases/:caseNumber is the summary;
// an old link /cases/:caseNumber?thread=<key> opens the thread.
// A case the viewer is not part of is "not found", exactly as the API answers.
import { useEffect, useState } from 'react'
import { api } from '../../api/client'
import { useLoad } from '../../api/hooks'
import type { Embargo } from '../../api/embargoTypes'
import type { CaseDetail } from '../../api/types'
import { Loading, LoadError } from '../../components/Status'
import { Time } from '../../components/Time'
import { usePageTitle } from '../../pageTitle'
import { Link, navigate, useLocation } from '../../router'
import { NotFoundPage } from '../NotFoundPage'
import { useCaseLiveUpdates } from '../../api/liveEvents'
import { CaseChanges } from './CaseChanges'
import { CaseLabel } from './CaseLabel'
import { CaseThreads } from './CaseThreads'
import { LedgerHeadsDownload } from './LedgerHeadsDownload'
import { PeerLedgers } from '../federation/PeerLedgers'
import { LedgerTimeline } from './LedgerTimeline'
import { AdvisorySection } from './advisory/AdvisorySection'
import { EmbargoSection } from './embargo/EmbargoSection'
import { EmbargoSummary } from './embargo/EmbargoSummary'
import { CaseTabNav } from './workspace/CaseTabNav'
import { casePath, caseTabLabel, isCaseTab, tabsFor, type CaseTab } from './workspace/caseTabs'
import { OwnersTab } from './workspace/OwnersTab'
import { SummaryTab } from './workspace/SummaryTab'
import { VendorsTab } from './workspace/VendorsTab'

export function CasePage({ caseNumber, tab }: { caseNumber: string; tab?: string | undefined }) {
  const loaded = useLoad(() => api.get<CaseDetail>(`/cases/${encodeURIComponent(caseNumber)}`), caseNumber)
  const thread = useLocation().search.get('thread')
  const current: CaseTab | null = tab === undefined ? (thread ? 'threads' : 'summary') : isCaseTab(tab) ? tab : null
  // The address says which tab is open: /cases/:n becomes /cases/:n/summary (or /threads?thread=).
  useEffect(() => {
    if (tab === undefined && current)
      navigate(casePath(caseNumber, current, thread ? { thread } : {}), { replace: true })
  }, [tab, current, caseNumber, thread])
  const title = loaded.data ? `${loaded.data.caseNumber}: ${loaded.data.title}` : caseNumber
  usePageTitle(current ? `${caseTabLabel[current]} · ${title}` : title)
  if (loaded.error?.status === 404 || loaded.error?.status === 403) return <NotFoundPage />
  if (loaded.error) return <LoadError error={loaded.error} retry={() => void loaded.reload()} />
  if (!loaded.data) return <Loading what="the case" />
  if (!current || !tabsFor(loaded.data).includes(current)) return <NotFoundPage />
  return <Case detail={loaded.data} tab={current} openThread={thread} reload={loaded.reload} />
}

interface CaseProps {
  detail: CaseDetail
  tab: CaseTab
  openThread: string | null
  reload(): Promise<void>
}

function Case({ detail, tab, openThread, reload }: CaseProps) {
  // Every change is a new ledger entry: what shows it reloads when this moves on.
  const [revision, setRevision] = useState(0)
  // Loaded here, not in its tab: the line under the title says it too.
  const embargo = useLoad(
    () => api.get<Embargo>(`/cases/${encodeURIComponent(detail.id)}/embargo`),
    `${detail.id}|${revision}`,
  )
  // Opening the page is a visit: what changed is then counted from the next one. Reading the case
  // records nothing, so the page says so once, when it opens (not at every tab).
  useEffect(() => {
    void api.post(`/cases/${encodeURIComponent(detail.id)}/visit`).catch(() => undefined)
  }, [detail.id])
  const staff = detail.abilities.update
  const changed = async () => {
    await reload()
    setRevision((r) => r + 1)
  }
  // Open pages follow what others change (a release, a new participant) without reloading.
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
      <EmbargoSummary embargo={embargo.data} href={casePath(detail.caseNumber, 'embargo')} />

      <CaseChanges caseId={detail.id} caseNumber={detail.caseNumber} />

      <CaseTabNav caseNumber={detail.caseNumber} tabs={tabsFor(detail)} current={tab} />

      {tab === 'summary' && <SummaryTab detail={detail} onChanged={changed} />}
      {tab === 'vendors' && <VendorsTab detail={detail} revision={revision} onChanged={changed} />}
      {tab === 'threads' && (
        <CaseThreads detail={detail} openKey={openThread} onPosted={() => setRevision((r) => r + 1)} />
      )}
      {tab === 'embargo' && <EmbargoSection caseId={detail.id} embargo={embargo} staff={staff} onChanged={changed} />}
      {tab === 'advisory' && <AdvisorySection caseId={detail.id} revision={revision} onChanged={changed} />}
      {tab === 'owners' && <OwnersTab caseId={detail.id} revision={revision} />}
      {tab === 'ledger' && (
        <>
          {detail.abilities.read_ledger && (
            <LedgerTimeline caseId={detail.id} participants={detail.participants} revision={revision} />
          )}
          {detail.abilities.read_ledger_heads && (
            <LedgerHeadsDownload caseId={detail.id} caseNumber={detail.caseNumber} />
          )}
          {detail.abilities.read_ledger && detail.abilities.read_ledger_heads && <PeerLedgers caseId={detail.id} />}
        </>
      )}
    </>
  )
}
