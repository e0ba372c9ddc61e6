// Human-readable sequence numbers. Cases count per year (LS-2026-0001) from a counter row: the
// upsert takes a row lock, so two cases never get the same number. Reports arrive in bursts, so
// their numbers come from a sequence that never makes one report wait for another.
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

export async function nextReportNumber(db: Db): Promise<number> {
  const { rows } = await sql<{ n: string }>`SELECT nextval('report_number_seq') AS n`.execute(db)
  return Number(rows[0]!.n)
}
