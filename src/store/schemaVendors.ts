// Row types of the vendor tables (migration 0006): products, statements and suggestions. Part of
// schema.ts, which re-exports them.
import type { ColumnType, Generated } from 'kysely'
import type { CreatedAt, NullableTimestamp } from './schemaColumns.js'

export interface VendorProductsTable {
  id: Generated<string>
  organization_id: string
  pattern: string
  kind: 'purl' | 'cpe'
  purl_type: string | null
  purl_namespace: string | null
  purl_name: string | null
  cpe_part: string | null
  cpe_vendor: string | null
  cpe_product: string | null
  created_at: CreatedAt
}

export type { VexStatus } from '../domain/vex.js'

export interface VendorStatementsTable {
  id: Generated<string>
  case_id: string
  vulnerability_id: string
  participant_id: string
  status: import('../domain/vex.js').VexStatus
  justification: string | null
  fixed_versions: ColumnType<string[], string[] | undefined, string[]>
  remediation: string | null
  references: ColumnType<string[], string[] | undefined, string[]>
  shareable: Generated<boolean>
  author_user_id: string | null
  approved_at: NullableTimestamp
  approved_by: string | null
  created_at: CreatedAt
}

export interface VendorSuggestionsTable {
  id: Generated<string>
  case_id: string
  suggested_by_participant: string | null
  organization_id: string | null
  name: string
  reason: Generated<string>
  decision: 'added' | 'declined' | null
  decided_by: string | null
  decided_at: NullableTimestamp
  created_at: CreatedAt
}

/** A product thread of a case (migration 0007); its product stored as its parts, like a vendor's. */
export interface CaseTopicsTable {
  id: Generated<string>
  case_id: string
  title: string
  pattern: string
  kind: 'purl' | 'cpe'
  purl_type: string | null
  purl_namespace: string | null
  purl_name: string | null
  cpe_part: string | null
  cpe_vendor: string | null
  cpe_product: string | null
  created_by: string | null
  created_at: CreatedAt
}
