// /organizations/:id/inventory: what an owner runs, asset by asset, so Lockstep can tell them when
// an advisory affects it. The assets table, the upload form (which says what changed), and for
// the coordinators the critical-infrastructure flag. Reached from the organization's page.
import { api } from '../../api/client'
import { useLoad } from '../../api/hooks'
import type { AssetSummary } from '../../api/ownerTypes'
import type { Organization } from '../../api/types'
import { EmptyState, LoadedList } from '../../components/Status'
import { Link } from '../../router'
import { AssetsTable } from './AssetsTable'
import { CriticalFlag } from './CriticalFlag'
import { OwnerFrame } from './OwnerFrame'
import { UploadInventoryForm } from './UploadInventoryForm'

export function InventoryPage({ organizationId }: { organizationId: string }) {
  return (
    <OwnerFrame organizationId={organizationId} title="Inventory">
      {(org) => <Inventory organization={org} />}
    </OwnerFrame>
  )
}

function Inventory({ organization: org }: { organization: Organization }) {
  const path = `/organizations/${org.id}/assets`
  const assets = useLoad(() => api.get<AssetSummary[]>(path), path)
  return (
    <>
      <p className="eyebrow">{org.name}</p>
      <h1>Inventory</h1>
      <p className="lead">
        The systems {org.name} runs and the components in each. When an advisory affects one of them, Lockstep raises an{' '}
        <Link to={`/organizations/${org.id}/alerts`}>alert</Link>.
      </p>
      <section aria-labelledby="assets-heading">
        <h2 id="assets-heading">Assets</h2>
        <LoadedList
          loaded={assets}
          what="the assets"
          empty={
            <EmptyState title="No assets yet.">
              <p>
                Upload the SBOM of a system you run below, or send it from your build pipeline with an API token (PUT
                /api/v1/organizations/{org.id}/inventory?asset=…).
              </p>
            </EmptyState>
          }
        >
          {(list) => (
            <AssetsTable organizationId={org.id} organizationName={org.name} assets={list} onRemoved={assets.reload} />
          )}
        </LoadedList>
      </section>
      <UploadInventoryForm
        organizationId={org.id}
        assetNames={assets.data?.map((a) => a.name) ?? []}
        onUploaded={assets.reload}
      />
      {org.abilities.flag_critical && (
        <CriticalFlag organizationId={org.id} name={org.name} initial={org.criticalInfrastructure} />
      )}
    </>
  )
}
