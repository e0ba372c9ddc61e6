// On an owner organization's page: the way to its inventory and its alerts, with how many assets
// it keeps and how many alerts still have open items, so the page says at once whether anything
// needs doing.
import { api } from '../../api/client'
import { useLoad } from '../../api/hooks'
import type { AlertSummary, AssetSummary } from '../../api/ownerTypes'
import type { Organization } from '../../api/types'
import { Link } from '../../router'

export function OwnerSection({ organization: org }: { organization: Organization }) {
  const assets = useLoad(() => api.get<AssetSummary[]>(`/organizations/${org.id}/assets`), org.id)
  const alerts = useLoad(() => api.get<AlertSummary[]>(`/organizations/${org.id}/alerts`), org.id)
  const open = alerts.data?.filter((a) => a.counts.open > 0).length
  return (
    <section aria-labelledby="owner-heading">
      <h2 id="owner-heading">Inventory and alerts</h2>
      <ul className="link-list">
        <li>
          <Link to={`/organizations/${org.id}/inventory`}>Inventory</Link>
          {assets.data && `: ${assets.data.length} asset${assets.data.length === 1 ? '' : 's'}`}
          {assets.data?.length === 0 && '. Upload an SBOM so Lockstep can tell you when an advisory affects you.'}
        </li>
        <li>
          <Link to={`/organizations/${org.id}/alerts`}>Alerts</Link>
          {alerts.data &&
            `: ${alerts.data.length} alert${alerts.data.length === 1 ? '' : 's'}${open ? `, ${open} with components still open` : ''}`}
        </li>
      </ul>
    </section>
  )
}
