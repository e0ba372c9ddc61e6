// A new case and all it starts with (vulnerabilities, vendors, their statements, its first ledger
// entries and signed head) written by one statement: data-modifying CTEs, each table's rows sent
// as one JSON parameter and read back through the table's own row type, as a backup is restored
// (backupTables.ts). One statement is one transaction, so the case is there whole or not at all;
// and one round trip instead of a dozen is what lets an archive of 20,000 notes import in
// tens of seconds (`npm run bench:import`). The SQL text never changes, so it is prepared once.
import { CompiledQuery } from 'kysely'
import type { JsonValue } from '../domain/ledger.js'
import type { Db } from './db.js'
import type { TlpLabelColumn } from './schema.js'

interface CaseRow {
  id: string
  case_number: string
  title: string
  summary: string
  tlp: TlpLabelColumn
  public_aware_at: Date | null
  published_at: Date | null
  import_source: string | null
  import_key: string | null
  import_version: string | null
  created_at: Date
  updated_at: Date
  ledger_count: number
  ledger_head: string
}

interface VulnerabilityRow {
  id: string
  case_id: string
  title: string
  description: string
  cve_id: string | null
  created_at: Date
}

interface ParticipantRow {
  id: string
  case_id: string
  organization_id: string
  roles: string[]
  rm_state: string
  vendor_aware_at: Date | null
  notified_at: Date | null
  responded_at: Date | null
  statement_at: Date | null
  created_at: Date
}

interface StatementRow {
  case_id: string
  vulnerability_id: string
  participant_id: string
  status: string
  justification: string | null
  remediation: string | null
  references: string[]
  shareable: boolean
  approved_at: Date | null
  created_at: Date
}

interface LedgerEntryRow {
  case_id: string
  sequence: number
  instant: string
  actor_id: string
  actor_name: string
  kind: string
  payload: JsonValue
  prev_hash: string
  hash: string
}

interface LedgerHeadRow {
  case_id: string
  sequence: number
  hash: string
  signed_at: string
  key_id: string
  signature: string
}

export interface WholeCase {
  cases: CaseRow
  vulnerabilities: VulnerabilityRow[]
  participants: ParticipantRow[]
  vendor_statements: StatementRow[]
  ledger_entries: LedgerEntryRow[]
  ledger_heads: LedgerHeadRow
}

// Each table's columns, in the order its rows are written (parents before the rows pointing at
// them; the foreign keys are checked at the end of the statement anyway).
const COLUMNS: { [T in keyof WholeCase]: readonly (keyof (WholeCase[T] extends (infer R)[] ? R : WholeCase[T]))[] } = {
  cases: [
    'id',
    'case_number',
    'title',
    'summary',
    'tlp',
    'public_aware_at',
    'published_at',
    'import_source',
    'import_key',
    'import_version',
    'created_at',
    'updated_at',
    'ledger_count',
    'ledger_head',
  ],
  vulnerabilities: ['id', 'case_id', 'title', 'description', 'cve_id', 'created_at'],
  participants: [
    'id',
    'case_id',
    'organization_id',
    'roles',
    'rm_state',
    'vendor_aware_at',
    'notified_at',
    'responded_at',
    'statement_at',
    'created_at',
  ],
  vendor_statements: [
    'case_id',
    'vulnerability_id',
    'participant_id',
    'status',
    'justification',
    'remediation',
    'references',
    'shareable',
    'approved_at',
    'created_at',
  ],
  ledger_entries: ['case_id', 'sequence', 'instant', 'actor_id', 'actor_name', 'kind', 'payload', 'prev_hash', 'hash'],
  ledger_heads: ['case_id', 'sequence', 'hash', 'signed_at', 'key_id', 'signature'],
}

const TABLES = Object.keys(COLUMNS) as (keyof WholeCase)[]

function insertFromJson(table: keyof WholeCase, parameter: number): string {
  const cols = COLUMNS[table].map((c) => `"${String(c)}"`).join(', ')
  return `INSERT INTO ${table} (${cols}) SELECT ${cols} FROM json_populate_recordset(NULL::${table}, $${parameter}::json)`
}

const STATEMENT = (() => {
  const last = TABLES.length - 1
  const ctes = TABLES.slice(0, last).map((t, i) => `w_${t} AS (${insertFromJson(t, i + 1)})`)
  return `WITH ${ctes.join(',\n')}\n${insertFromJson(TABLES[last]!, last + 1)}`
})()

/** Writes the case whole; in the caller's transaction if `db` is one, else as one of its own. */
export async function insertWholeCase(db: Db, rows: WholeCase): Promise<void> {
  const parameters = TABLES.map((t) => {
    const value = rows[t]
    return JSON.stringify(Array.isArray(value) ? value : [value])
  })
  await db.executeQuery(CompiledQuery.raw(STATEMENT, parameters))
}
