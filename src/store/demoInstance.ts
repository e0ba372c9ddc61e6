// Whether this instance is a demo (migration 14). Recorded when the demo is seeded, in the seed's
// own transaction, so that an instance holding the demo's public accounts always knows it, whichever
// way it is started later; nothing unrecords it (a demo instance is never turned into a real one).
import type { Db } from './db.js'

const DEMO = 'demo'

export interface DemoRecord {
  since: string
  how: string
}

export async function recordDemoInstance(db: Db, how: string): Promise<void> {
  await db
    .insertInto('instance_settings')
    .values({ name: DEMO, value: JSON.stringify({ since: new Date().toISOString(), how }) })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute()
}

/** The record, or null on a real (non-demo) instance. */
export async function demoInstanceRecord(db: Db): Promise<DemoRecord | null> {
  const row = await db.selectFrom('instance_settings').select('value').where('name', '=', DEMO).executeTakeFirst()
  return row ? (row.value as DemoRecord) : null
}
