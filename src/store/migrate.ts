// Applies pending migrations, each in its own transaction, under an advisory lock so that several
// servers starting at once do not race.
import { sql, type Kysely } from 'kysely'
import { latestVersion, migrations } from './migrations/index.js'
import type { Database } from './schema.js'

const MIGRATION_LOCK = 7_243_001

export interface MigrationResult {
  applied: { version: number; name: string }[]
  current: number
}

export async function migrate(
  db: Kysely<Database>,
  onApply?: (m: { version: number; name: string }) => void,
  /** Stop after this version (a restore brings a database to its backup's level first). */
  opts: { upTo?: number } = {},
): Promise<MigrationResult> {
  return db.connection().execute(async (conn) => {
    await sql`SELECT pg_advisory_lock(${MIGRATION_LOCK})`.execute(conn)
    try {
      await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`.execute(conn)
      const done = new Set(
        (await conn.selectFrom('schema_migrations').select('version').execute()).map((r) => r.version),
      )
      const applied: MigrationResult['applied'] = []
      for (const m of migrations) {
        if (done.has(m.version)) continue
        if (opts.upTo !== undefined && m.version > opts.upTo) break
        await conn.transaction().execute(async (trx) => {
          await sql.raw(m.up).execute(trx)
          await trx.insertInto('schema_migrations').values({ version: m.version, name: m.name }).execute()
        })
        applied.push({ version: m.version, name: m.name })
        onApply?.(m)
      }
      return { applied, current: opts.upTo === undefined ? latestVersion : Math.min(opts.upTo, latestVersion) }
    } finally {
      await sql`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`.execute(conn)
    }
  })
}

/** The highest applied version, or 0 when the database has never been migrated. */
export async function appliedVersion(db: Kysely<Database>): Promise<number> {
  const exists = await sql<{ t: string | null }>`SELECT to_regclass('schema_migrations')::text AS t`.execute(db)
  if (!exists.rows[0]?.t) return 0
  const row = await db
    .selectFrom('schema_migrations')
    .select((eb) => eb.fn.max('version').as('v'))
    .executeTakeFirst()
  return Number(row?.v ?? 0)
}

export { latestVersion }
