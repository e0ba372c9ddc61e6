// Whether the database answers at all, for the readiness check.
import { sql } from 'kysely'
import type { Db } from './db.js'

export async function pingDatabase(db: Db): Promise<void> {
  await sql`SELECT 1`.execute(db)
}
