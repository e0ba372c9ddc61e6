// Row types of the owners' inventory tables (migration 0009): assets, their components and the
// history of uploads. Part of schema.ts, which re-exports them.
import type { ColumnType, Generated } from 'kysely'
import type { CreatedAt } from './schemaColumns.js'

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
