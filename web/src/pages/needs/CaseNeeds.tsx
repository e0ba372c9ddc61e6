// Per case in a case list, what needs attention: the release counting down, vendors silent after
// a reminder, statements waiting for approval (those two only for who runs the case).
import { api } from '../../api/client'
import { useLoad } from '../../api/hooks'
import { useHomeLiveUpdates } from '../../api/liveEvents'
import type { CaseNeeds, HomeNeeds } from '../../api/needsTypes'
import { Countdown } from '../../components/Time'

export function useCaseNeeds(): Map<string, CaseNeeds> {
  const home = useLoad(() => api.get<HomeNeeds>('/home'), 'case needs')
  useHomeLiveUpdates(home.reload)
  return new Map((home.data?.cases ?? []).map((c) => [c.caseNumber, c]))
}

export function CaseNeedsCell({ needs }: { needs: CaseNeeds | undefined }) {
  if (!needs) return <span className="muted">Nothing waiting</span>
  return (
    <ul className="case-needs">
      {needs.releaseAt && (
        <li>
          Released <Countdown iso={needs.releaseAt} />
        </li>
      )}
      {needs.silentVendors > 0 && (
        <li>
          {needs.silentVendors} silent {needs.silentVendors === 1 ? 'vendor' : 'vendors'}
        </li>
      )}
      {needs.statementsWaiting > 0 && (
        <li>
          {needs.statementsWaiting} {needs.statementsWaiting === 1 ? 'statement' : 'statements'} to approve
        </li>
      )}
    </ul>
  )
}
