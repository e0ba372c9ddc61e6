// A new case and all it starts with (vulnerabilities, vendors, their statements, its first ledger
// entries and signed head) written by one statement: data-modifying CTEs, each table's rows sent
// as one JSON parameter and read back through the table's own row type, as a backup is restored
// (backupTables.ts). One statement is one transaction, so the case is there whole or not at all;
// and one round trip instead of a dozen is what lets an archive of 20,000 notes import in
// tens of seconds (`npm run bench:import`). The SQL text never changes, so it is prepared once.
import { CompiledQuery, type Selectable } from 'kysely'
import type { JsonValue } from '../domain/ledger.js'
import type { Db } from './db.js'
import type { Database } from './schema.js'

// Each table's columns, in the order its rows are written (parents before the rows pointing at
// them; the foreign keys are checked at the end of the statement anyway).
const COLUMNS = {
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
} as const satisfies { [T in keyof Database]?: readonly (keyof Database[T])[] }

type Columns = typeof COLUMNS
/** A row of `T` as written here: its listed columns, as they read back. */
type Row<T extends keyof Columns> = Pick<
  Selectable<Database[T]>,
  Extract<Columns[T][number], keyof Selectable<Database[T]>>
>

export interface WholeCase {
  cases: Row<'cases'>
  vulnerabilities: Row<'vulnerabilities'>[]
  participants: Row<'participants'>[]
  vendor_statements: Row<'vendor_statements'>[]
  /** The payload as it is: the statement's JSON carries it into its jsonb column as it stands. */
  ledger_entries: (Omit<Row<'ledger_entries'>, 'payload'> & { payload: JsonValue })[]
  ledger_heads: Row<'ledger_heads'>
}

const TABLES = Object.keys(COLUMNS) as (keyof Columns)[]

function insertFromJson(table: keyof Columns, parameter: number): string {
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
