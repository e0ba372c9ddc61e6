// Every table of the instance, read and written whole for `lockstep backup` and `restore`. Rows
// travel as PostgreSQL's own JSON of the row (row_to_json), kept as text and never parsed here,
// and come back through jsonb_populate_recordset against the target table's own row type: so
// timestamps keep their microseconds, bytea its bytes (as \x hex), numerics their digits, arrays
// and json their shape, on PGlite and on a PostgreSQL server alike. The job queue (schema
// pgboss) is not part of it: a started server rebuilds what it needs (release sweep, outbox,
// inbound requeue).
import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database } from './schema.js'

type Db = Kysely<Database> | Transaction<Database>

export interface TableFacts {
  name: string
  columns: string[]
  primaryKey: string[]
  /** Columns numbered by a sequence (identity or serial): set past the highest after a restore. */
  numbered: string[]
}

export interface Catalogue {
  tables: TableFacts[]
  references: { from: string; to: string }[]
}

const KEPT_ASIDE = new Set(['schema_migrations'])

export async function readCatalogue(db: Db): Promise<Catalogue> {
  const { rows: columns } = await sql<{ table_name: string; column_name: string; numbered: boolean }>`
    SELECT c.table_name, c.column_name,
      (c.is_identity = 'YES' OR coalesce(c.column_default, '') LIKE 'nextval(%') AS numbered
    FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
    WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.is_generated = 'NEVER'
    ORDER BY c.table_name, c.ordinal_position`.execute(db)
  const { rows: keys } = await sql<{ table_name: string; column_name: string }>`
    SELECT k.table_name, k.column_name
    FROM information_schema.table_constraints tc
    JOIN information_schema.key_column_usage k ON k.constraint_name = tc.constraint_name AND k.table_schema = tc.table_schema
    WHERE tc.table_schema = 'public' AND tc.constraint_type = 'PRIMARY KEY'
    ORDER BY k.table_name, k.ordinal_position`.execute(db)
  const { rows: references } = await sql<{ from: string; to: string }>`
    SELECT cl.relname AS "from", ref.relname AS "to"
    FROM pg_constraint con
    JOIN pg_class cl ON cl.oid = con.conrelid
    JOIN pg_class ref ON ref.oid = con.confrelid
    WHERE con.contype = 'f' AND con.connamespace = 'public'::regnamespace`.execute(db)
  const tables = new Map<string, TableFacts>()
  for (const c of columns) {
    if (KEPT_ASIDE.has(c.table_name)) continue
    const t = tables.get(c.table_name) ?? { name: c.table_name, columns: [], primaryKey: [], numbered: [] }
    t.columns.push(c.column_name)
    if (c.numbered) t.numbered.push(c.column_name)
    tables.set(c.table_name, t)
  }
  for (const k of keys) tables.get(k.table_name)?.primaryKey.push(k.column_name)
  return { tables: [...tables.values()], references }
}

/** The table's rows as JSON text, a batch at a time, in primary-key order (one snapshot: call inside a transaction). */
export async function* tableRows(trx: Transaction<Database>, table: TableFacts, batch = 500): AsyncGenerator<string[]> {
  const cursor = `backup_${table.name}`
  const order = table.primaryKey.length ? table.primaryKey : table.columns
  await sql`DECLARE ${sql.id(cursor)} NO SCROLL CURSOR FOR
    SELECT row_to_json(x)::text AS j FROM (
      SELECT ${sql.join(table.columns.map((c) => sql.id(c)))} FROM ${sql.id(table.name)}
      ORDER BY ${sql.join(order.map((c) => sql.id(c)))}
    ) x`.execute(trx)
  try {
    for (;;) {
      const { rows } = await sql<{ j: string }>`FETCH ${sql.raw(String(batch))} FROM ${sql.id(cursor)}`.execute(trx)
      if (rows.length === 0) return
      yield rows.map((r) => r.j)
    }
  } finally {
    await sql`CLOSE ${sql.id(cursor)}`.execute(trx)
  }
}

/** Inserts rows given as JSON texts of the backup's columns (those the target lacks are refused by the caller). */
export async function insertRows(
  trx: Db,
  table: string,
  columns: readonly string[],
  rows: readonly string[],
): Promise<void> {
  if (rows.length === 0) return
  const cols = sql.join(columns.map((c) => sql.id(c)))
  await sql`INSERT INTO ${sql.id(table)} (${cols}) OVERRIDING SYSTEM VALUE
    SELECT ${cols} FROM jsonb_populate_recordset(NULL::${sql.id(table)}, ${`[${rows.join(',')}]`}::jsonb)`.execute(trx)
}

/** Empties every table of the instance (not the migrations record). */
export async function emptyTables(trx: Db, tables: readonly string[]): Promise<void> {
  if (tables.length === 0) return
  await sql`TRUNCATE ${sql.join(tables.map((t) => sql.id(t)))} RESTART IDENTITY CASCADE`.execute(trx)
}

/** Sets each numbering sequence past the highest number restored. */
export async function resetNumbering(trx: Db, tables: readonly TableFacts[]): Promise<void> {
  for (const t of tables)
    for (const c of t.numbered)
      await sql`SELECT setval(pg_get_serial_sequence(${t.name}, ${c}), coalesce((SELECT max(${sql.id(c)}) FROM ${sql.id(t.name)}), 0) + 1, false)`.execute(
        trx,
      )
}

/** The tables holding rows that only use makes (people, organizations, reports, cases). */
export async function holdsData(db: Db): Promise<boolean> {
  const { rows } = await sql<{ n: boolean }>`
    SELECT EXISTS (SELECT 1 FROM users) OR EXISTS (SELECT 1 FROM organizations)
      OR EXISTS (SELECT 1 FROM reports) OR EXISTS (SELECT 1 FROM cases) AS n`.execute(db)
  return rows[0]?.n === true
}
