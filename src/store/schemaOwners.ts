// Row types of the owners' tables: assets, their components and the history of uploads (migration
// 0009); imported advisories and the owners' alerts with their items and status history (0010). Part of schema.ts, which re-exports them.
import type { ColumnType, Generated } from 'kysely'
import type { CreatedAt, NullableTimestamp } from './schemaColumns.js'

export interface AssetsTable {
  id: Generated<string>
  organization_id: string
  name: string
  format: string
  component_count: Generated<number>
  created_at: CreatedAt
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}

export interface AssetComponentsTable {
  id: Generated<string>
  asset_id: string
  /** The asset's owner and name, copied for matching by index alone (migration 0010); neither changes. */
  organization_id: string
  asset_name: string
  purl: string | null
  purl_type: string | null
  purl_namespace: string | null
  purl_name: string | null
  name: string
  version: string | null
  ecosystem: string | null
}

export interface InventoryUploadsTable {
  id: Generated<string>
  asset_id: string
  format: string
  components: number
  added: number
  removed: number
  changed: number
  problems: ColumnType<{ component: string; message: string }[], string | undefined, never>
  uploaded_by: string | null
  created_at: CreatedAt
}

export interface ExternalAdvisoriesTable {
  id: string
  source: string
  summary: string | null
  details: string | null
  aliases: ColumnType<string[], string[] | undefined, string[]>
  severity: string | null
  published: NullableTimestamp
  modified: ColumnType<Date, Date | string, Date | string>
  withdrawn: NullableTimestamp
  document: ColumnType<unknown, string, string>
  imported_at: CreatedAt
  /** CSAF's tracking.version (migration 0027); null for OSV. */
  revision: ColumnType<string | null, string | null | undefined, string | null>
  /** The publisher's page of the advisory (CSAF's self reference); null: osv.dev's page. */
  url: ColumnType<string | null, string | null | undefined, string | null>
}

export interface ExternalAffectedTable {
  id: Generated<string>
  advisory_id: string
  purl: string
  purl_type: string
  purl_namespace: string | null
  purl_name: string
  range: string | null
  versions: ColumnType<string[], string[] | undefined, string[]>
  fixed_versions: ColumnType<string[], string[] | undefined, string[]>
}

export type AlertItemStatus = 'open' | 'patched' | 'mitigated' | 'not_applicable'

export interface OwnerAlertsTable {
  id: Generated<string>
  organization_id: string
  advisory_id: string | null
  external_advisory_id: string | null
  pre_noticed_at: NullableTimestamp
  alerted_at: NullableTimestamp
  created_at: CreatedAt
}

export interface OwnerAlertItemsTable {
  id: Generated<string>
  alert_id: string
  asset_id: string
  component: string
  purl: string | null
  version: string | null
  vulnerability: string
  certain: boolean
  reason: string
  fixed_versions: ColumnType<string[], string[] | undefined, string[]>
  status: ColumnType<AlertItemStatus, AlertItemStatus | undefined, AlertItemStatus>
  status_note: string | null
  status_changed_at: NullableTimestamp
  status_changed_by: string | null
  found_at: CreatedAt
}

export interface OwnerAlertItemEventsTable {
  id: Generated<string>
  item_id: string
  status: AlertItemStatus
  note: string | null
  by_user_id: string | null
  source: 'owner' | 'inventory'
  at: CreatedAt
}
