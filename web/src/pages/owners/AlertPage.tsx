// /organizations/:id/alerts/:alertId: one advisory's alert to an owner. Its stage (a TLP:AMBER
// pre-notice before the release, or released), what to prepare, and the affected components
// grouped by asset, each with its fixed versions and a status the owner saves per component.
import { api } from '../../api/client'
import { useLoad } from '../../api/hooks'
import { useAlertLiveUpdates } from '../../api/liveEvents'
import type { AlertDetail, AlertItem } from '../../api/ownerTypes'
import { LoadedList } from '../../components/Status'
import { Link } from '../../router'
import { AlertItemForm } from './AlertItemForm'
import { countsWords } from './alertWords'
import { StageNotice } from './AlertStage'
import { OwnerFrame } from './OwnerFrame'

export function AlertPage({ organizationId, alertId }: { organizationId: string; alertId: string }) {
  const path = `/organizations/${organizationId}/alerts/${alertId}`
  const alert = useLoad(() => api.get<AlertDetail>(path), path)
  useAlertLiveUpdates(alert.reload)
  return (
    <OwnerFrame
      organizationId={organizationId}
      title={alert.data?.advisory.title ?? 'Alert'}
      trail={[{ to: `/organizations/${organizationId}/alerts`, label: 'Alerts' }]}
    >
      {(org) => (
        <>
          <p className="eyebrow">Alert{alert.data && ` · ${alert.data.advisory.id}`}</p>
          <h1>{alert.data?.advisory.title ?? 'Alert'}</h1>
          <LoadedList loaded={alert} what="the alert">
            {(a) => (
              <>
                <StageNotice alert={a} />
                {a.advisory.url && (
                  <p>
                    <a href={a.advisory.url}>Read the advisory {a.advisory.id}</a>
                  </p>
                )}
                {a.prepare && (
                  <section aria-labelledby="prepare-heading">
                    <h2 id="prepare-heading">What to prepare</h2>
                    <p className="prose-block">{a.prepare}</p>
                  </section>
                )}
                <p className="lead">
                  Affected components in {org.name}’s assets: {countsWords(a.counts)}.
                </p>
                <AssetGroups path={path} organizationId={org.id} items={a.items} onSaved={alert.reload} />
              </>
            )}
          </LoadedList>
        </>
      )}
    </OwnerFrame>
  )
}

function AssetGroups({
  path,
  organizationId,
  items,
  onSaved,
}: {
  path: string
  organizationId: string
  items: AlertItem[]
  onSaved(): Promise<void>
}) {
  const byAsset = new Map<string, AlertItem[]>()
  for (const item of items) byAsset.set(item.asset.id, [...(byAsset.get(item.asset.id) ?? []), item])
  return (
    <>
      {[...byAsset.values()].map((group) => {
        const asset = group[0]!.asset
        return (
          <section key={asset.id} aria-labelledby={`asset-${asset.id}`} className="alert-asset">
            <h2 id={`asset-${asset.id}`}>
              <Link to={`/organizations/${organizationId}/inventory/${asset.id}`}>{asset.name}</Link>
            </h2>
            <ul className="alert-items">
              {group.map((item) => (
                <AlertItemForm key={item.id} path={path} item={item} onSaved={onSaved} />
              ))}
            </ul>
          </section>
        )
      })}
    </>
  )
}
