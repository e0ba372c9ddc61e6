// API types: an owner's inventory (assets, their components, what an upload changed), the alerts
// Lockstep raises when an advisory affects an asset, and the coordinator's view of how the owners
// adopt the fix, as src/adapters/http/routes/inventories.ts and the alerts routes answer them.

export type InventoryHint = 'cyclonedx' | 'spdx' | 'purls'

export interface UploadOutcome {
  assetId: string
  asset: string
  /** 'cyclonedx-1.5', 'spdx-2.3', 'purls'. */
  format: string
  components: number
  /** Components by identity: the purl without its version, or `name:<name>`. */
  added: string[]
  removed: string[]
  changed: { component: string; from: string | null; to: string | null }[]
  problems: { component: string; message: string }[]
  /** The new inventory matched against every published advisory: how many affect it, new alert items, open items it shows fixed. */
  alerts?: { advisories: number; newItems: number; resolved: number }
}

export interface AssetSummary {
  id: string
  name: string
  format: string
  components: number
  uploads: number
  /** Affected components on it still open: its exposure. */
  openItems: number
  updatedAt: string
}

export interface AssetComponent {
  purl: string | null
  name: string
  version: string | null
  ecosystem: string | null
}

export interface AssetUpload {
  format: string
  components: number
  added: number
  removed: number
  changed: number
  problems: { component: string; message: string }[]
  at: string
}

export interface AssetDetail {
  id: string
  name: string
  format: string
  components: number
  /** One page of the components, by name. */
  items: AssetComponent[]
  /** The latest uploads, newest first. */
  uploads: AssetUpload[]
}

export type AlertItemStatus = 'open' | 'patched' | 'mitigated' | 'not_applicable'
export type StatusCounts = Record<AlertItemStatus, number>

export interface AlertSummary {
  id: string
  advisory: {
    source: 'lockstep' | 'osv'
    id: string
    title: string
    url: string | null
    releasedAt: string | null
    releaseAt: string | null
  }
  /** pre_notice: a TLP:AMBER warning to a critical-infrastructure owner before the release. */
  stage: 'pre_notice' | 'released'
  tlp: 'AMBER' | 'CLEAR'
  preNoticedAt: string | null
  alertedAt: string | null
  createdAt: string
  counts: StatusCounts
  /** The highest CVSS base score among the advisory's vulnerabilities, when it has one. */
  severity: Severity | null
  /** How many of the organization's assets it affects. */
  assets: number
  /** The first open components (at most five; counts.open says how many in all). Empty on a single alert. */
  openItems: OpenItem[]
}

export type SeverityRating = 'None' | 'Low' | 'Medium' | 'High' | 'Critical'

export interface Severity {
  score: number
  rating: SeverityRating
}

export interface OpenItem {
  asset: string
  component: string
  fixedVersions: string[]
}

export interface AlertItem {
  id: string
  asset: { id: string; name: string }
  component: string
  purl: string | null
  version: string | null
  vulnerability: string
  /** False when the match needs a person to check it (no version, an unknown scheme). */
  certain: boolean
  reason: string
  fixedVersions: string[]
  status: AlertItemStatus
  statusNote: string | null
  statusChangedAt: string | null
}

export interface AlertDetail extends AlertSummary {
  /** What to do before the release, for a pre-notice. */
  prepare: string | null
  items: AlertItem[]
}

export interface AdoptionPoint {
  at: string
  total: number
  patched: number
  mitigated: number
  notApplicable: number
  open: number
}

export interface Adoption {
  owners: number
  items: number
  counts: StatusCounts
  patchedShare: number
  series: AdoptionPoint[]
  exposed: {
    organization: { id: string; name: string; critical: boolean }
    asset: { id: string; name: string }
    component: string
    version: string | null
    vulnerability: string
    status: 'open'
    since: string
  }[]
}
