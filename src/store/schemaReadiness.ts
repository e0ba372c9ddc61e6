// Row types of the release-readiness tables (migration 0025): items the coordinator left out of a
// release on purpose, and the checklist mailed before an embargo's end. Part of schema.ts.
import type { CreatedAt } from './schemaColumns.js'

export interface ReleaseLeaveOutsTable {
  case_id: string
  /** The checklist item's key: "statement:<id>", "vendor:<participant id>", "cve:<vulnerability id>", "score:<…>", "draft:<version>". */
  item: string
  reason: string
  decided_by: string | null
  decided_by_label: string
  decided_at: CreatedAt
}

export interface ReleaseReadinessNoticesTable {
  case_id: string
  embargo_ends_at: Date
  sent_at: CreatedAt
}
