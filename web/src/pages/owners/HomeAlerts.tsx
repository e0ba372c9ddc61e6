// On Home, under an owner organization: a line leading to its alerts when it has any, saying how
// many still have open components and whether a pre-notice is among them. Nothing otherwise, so
// Home stays quiet for those with nothing to do.
import { api } from '../../api/client'
import { useLoad } from '../../api/hooks'
import type { AlertSummary } from '../../api/ownerTypes'
import type { Organization } from '../../api/types'
import { Link } from '../../router'

export function HomeAlerts({ organization: org }: { organization: Organization }) {
  const alerts = useLoad(() => api.get<AlertSummary[]>(`/organizations/${org.id}/alerts`), org.id)
  const list = alerts.data ?? []
  if (list.length === 0) return null
  const open = list.filter((a) => a.counts.open > 0).length
  const preNotices = list.filter((a) => a.stage === 'pre_notice').length
  return (
    <p>
      <Link to={`/organizations/${org.id}/alerts`}>Alerts of {org.name}</Link>: {list.length} advisor{list.length === 1 ? 'y affects' : 'ies affect'} your assets
      {open > 0 && `, ${open} with components still open`}
      {preNotices > 0 && ` (${preNotices} TLP:AMBER pre-notice${preNotices === 1 ? '' : 's'})`}.
    </p>
  )
}
