// An owner organization's part of Home: its assets and their exposure, the alerts still open
// first, and the upload of an inventory (a file dropped on the block opens the form; a pipeline
// sends it with an API token instead). One per owner organization the person manages.
import { useState, type DragEvent } from 'react'
import { api } from '../../api/client'
import { useLoad, type Loaded } from '../../api/hooks'
import { useAlertLiveUpdates } from '../../api/liveEvents'
import type { AlertSummary, AssetSummary } from '../../api/ownerTypes'
import type { Organization } from '../../api/types'
import { EmptyState, LoadError, Loading } from '../../components/Status'
import { Link } from '../../router'
import { ExposureSummary } from './ExposureSummary'
import { OpenAlertList } from './OpenAlertList'
import { carriesFiles, UploadInventoryForm } from './UploadInventoryForm'
import '../../styles/owners.css'

/**
 * A file dropped on the block beside the form would make the browser open it in place of
 * Lockstep: over the block, what the form did not take is refused (no-drop cursor) instead.
 */
function refuseBesideForm(e: DragEvent) {
  if (!carriesFiles(e) || e.defaultPrevented) return
  e.preventDefault()
  e.dataTransfer.dropEffect = 'none'
}

export function OwnerHome({ organization: org }: { organization: Organization }) {
  const base = `/organizations/${org.id}`
  const assets = useLoad(() => api.get<AssetSummary[]>(`${base}/assets`), `${org.id} assets`)
  const alerts = useLoad(() => api.get<AlertSummary[]>(`${base}/alerts`), `${org.id} alerts`)
  // Closed once there are assets, to keep Home short; a file dragged over the block opens it.
  const [uploadOpen, setUploadOpen] = useState<boolean | null>(null)
  const reload = async () => {
    await Promise.all([assets.reload(), alerts.reload()])
  }
  // A new alert changes the assets' open components as well as the list: both are read again, or
  // the figures above the list would contradict it.
  useAlertLiveUpdates(reload)
  const id = `owner-${org.id}`
  return (
    <section
      aria-labelledby={id}
      className="owner-home"
      onDragEnter={(e) => carriesFiles(e) && setUploadOpen(true)}
      onDragOver={refuseBesideForm}
    >
      <h2 id={id}>{org.name}: your assets and alerts</h2>
      <p className="owner-home-links">
        <Link to={`${base}/alerts`}>Alerts of {org.name}</Link> ·{' '}
        <Link to={`${base}/inventory`}>Inventory of {org.name}</Link>
      </p>
      <Exposure organizationId={org.id} assets={assets} alerts={alerts} retry={reload} />
      <details
        className="owner-upload"
        open={uploadOpen ?? assets.data?.length === 0}
        onToggle={(e) => setUploadOpen(e.currentTarget.open)}
      >
        <summary>Upload an SBOM or a list of package URLs</summary>
        <UploadInventoryForm
          organizationId={org.id}
          assetNames={assets.data?.map((a) => a.name) ?? []}
          onUploaded={reload}
          headingLevel={3}
        />
      </details>
      <p className="muted pipeline-hint">
        From a pipeline: <code>PUT /api/v1/organizations/{org.id}/inventory?asset=NAME</code> with an API token (
        <Link to="/account#api-tokens">make one on your account page</Link>).
      </p>
    </section>
  )
}

interface ExposureProps {
  organizationId: string
  assets: Loaded<AssetSummary[]>
  alerts: Loaded<AlertSummary[]>
  retry(): Promise<void>
}

function Exposure({ organizationId, assets, alerts, retry }: ExposureProps) {
  const error = assets.error ?? alerts.error
  if (error) return <LoadError error={error} retry={() => void retry()} />
  if (!assets.data || !alerts.data) return <Loading what="your assets and alerts" />
  if (assets.data.length === 0) {
    return (
      <EmptyState title="No assets yet.">
        <p>Upload the SBOM of a system you run below, and Lockstep tells you when an advisory affects it.</p>
      </EmptyState>
    )
  }
  return (
    <>
      <h3>Exposure at a glance</h3>
      <ExposureSummary assets={assets.data} alerts={alerts.data} />
      <h3>Open alerts</h3>
      {alerts.data.length === 0 ? (
        <p>No advisory affects your assets so far. Lockstep tells you here, and by e-mail, when one does.</p>
      ) : (
        <OpenAlertList organizationId={organizationId} alerts={alerts.data} />
      )}
    </>
  )
}
