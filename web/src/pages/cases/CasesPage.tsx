// /cases: the cases the viewer takes part in (every case, for staff).
import { api } from '../../api/client'
import { useLoad } from '../../api/hooks'
import { useSignedIn } from '../../api/session'
import type { CaseSummary } from '../../api/types'
import { EmptyState, LoadedList } from '../../components/Status'
import { usePageTitle } from '../../pageTitle'
import { Link } from '../../router'
import { CaseList } from './CaseList'

export function CasesPage() {
  usePageTitle('Cases')
  const { session } = useSignedIn()
  const cases = useLoad(() => api.get<CaseSummary[]>('/cases'), 'cases')
  return (
    <>
      <h1>Cases</h1>
      <LoadedList loaded={cases} what="cases" empty={<NoCases staff={session.instance.list_reports} />}>
        {(list) => <CaseList cases={list} />}
      </LoadedList>
    </>
  )
}

export function NoCases({ staff }: { staff: boolean }) {
  return (
    <EmptyState title="No cases yet.">
      {staff ? (
        <p>
          Cases are opened from valid reports: pick one in the <Link to="/triage">triage queue</Link>.
        </p>
      ) : (
        <p>When a coordinator adds you or your organization to a case, it appears here.</p>
      )}
    </EmptyState>
  )
}
