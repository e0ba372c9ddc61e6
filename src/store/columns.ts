// Every column of the tables that keep a stored search vector (migration 35: cases, reports,
// organizations, advisories), except the vector. Reads and RETURNING name these instead of `*`:
// the vector is only for search's own queries, and `*` would read it and ship it with every row
// (its text is about a fifth of a case row in the search bench, more for a long summary). Each
// list names every column of its row type once: the compiler refuses one that misses a column or
// names one the type lacks, so a new column cannot be left out of reads by mistake.
import type { AdvisoriesTable } from './schemaRelease.js'
import type { CasesTable, OrganizationsTable, ReportsTable } from './schema.js'

const every = <T>(columns: Record<keyof T & string, true>) => Object.keys(columns) as (keyof T & string)[]

/** The columns of a list, qualified by the table's name or alias (for a query that joins others). */
export const qualified = <A extends string, C extends string>(alias: A, columns: readonly C[]) =>
  columns.map((c) => `${alias}.${c}` as `${A}.${C}`)

export const caseColumns = every<CasesTable>({
  id: true,
  case_number: true,
  title: true,
  summary: true,
  tlp: true,
  public_aware_at: true,
  exploit_public_at: true,
  attacks_observed_at: true,
  em_state: true,
  embargo_ends_at: true,
  embargo_ended_at: true,
  owners_pre_noticed_at: true,
  owners_pre_noticed_for: true,
  embargo_end_reason: true,
  import_source: true,
  import_key: true,
  import_version: true,
  published_at: true,
  created_by: true,
  ledger_count: true,
  ledger_head: true,
  handed_over_at: true,
  handed_over_to: true,
  handed_over_url: true,
  created_at: true,
  updated_at: true,
})

export const reportColumns = every<ReportsTable>({
  id: true,
  tracking_id: true,
  follow_up_token_hash: true,
  state: true,
  anonymous: true,
  reporter_name: true,
  reporter_organization: true,
  reporter_email: true,
  reporter_pgp_key: true,
  reporter_user_id: true,
  title: true,
  affected: true,
  description: true,
  impact: true,
  reproduction: true,
  public_already: true,
  public_references: true,
  exploited_already: true,
  exploited_references: true,
  vendor_contact: true,
  disclosure_plans: true,
  disclosure_deadline: true,
  credit: true,
  submitted_ip: true,
  assigned_to: true,
  cvss_vector: true,
  cvss_score: true,
  cwe: true,
  ssvc: true,
  case_id: true,
  reporter_read_at: true,
  via: true,
  created_at: true,
  updated_at: true,
})

export const organizationColumns = every<OrganizationsTable>({
  id: true,
  name: true,
  slug: true,
  kind: true,
  website: true,
  notes: true,
  embargo_preferred_days: true,
  embargo_min_days: true,
  embargo_max_days: true,
  critical_infrastructure: true,
  pre_notice_due_at: true,
  created_at: true,
})

export const advisoryColumns = every<AdvisoriesTable>({
  id: true,
  case_id: true,
  public_id: true,
  draft: true,
  draft_version: true,
  state: true,
  released_at: true,
  revision: true,
  snapshot: true,
  owners_alerted_at: true,
  ended: true,
  ended_at: true,
  end_detail: true,
  created_at: true,
  updated_at: true,
})
