// Opens the configured database for one CLI command, migrated, and closes it afterwards.
import type { Kysely } from 'kysely'
import { loadConfig } from '../../config.js'
import { openDatabase } from '../../store/database.js'
import { migrate } from '../../store/migrate.js'
import type { Database } from '../../store/schema.js'

export async function withDatabase<T>(
  fn: (db: Kysely<Database>, publicUrl: string) => Promise<T>,
  opts: { migrate?: boolean; poolSize?: number } = {},
): Promise<T> {
  const config = loadConfig()
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: opts.poolSize ?? 2,
  })
  try {
    if (opts.migrate !== false) await migrate(database.db)
    return await fn(database.db, config.publicUrl)
  } finally {
    await database.close()
  }
}
