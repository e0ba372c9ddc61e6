// Human-readable sequence numbers (LSR-2026-0001), one counter per scope, safe under concurrency:
// the upsert takes a row lock, so two reports never get the same number.
import { sql } from 'kysely'
import type { Db } from './db.js'

export async function nextCounter(db: Db, scope: string): Promise<number> {
  const row = await db
    .insertInto('id_counters')
    .values({ scope, value: 1 })
    .onConflict((oc) => oc.column('scope').doUpdateSet({ value: sql`id_counters.value + 1` }))
    .returning('value')
    .executeTakeFirstOrThrow()
  return row.value
}
