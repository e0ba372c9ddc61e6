// At start: every stored message not yet processed gets a job of its own at once. Its first job
// may have been lost, or left "active" by a server that died (pg-boss would hand it out again only
// once it expires, minutes later); processing is idempotent (process.ts), so a second job for a
// message that another server is processing right now does nothing.
import type PgBoss from 'pg-boss'
import type { Db } from '../../../store/db.js'
import { queues } from '../../../jobs/jobQueue.js'

/** Queues a job for each message still "received"; answers how many. */
export async function requeueUnprocessedMail(db: Db, boss: PgBoss): Promise<number> {
  const waiting = await db.selectFrom('inbound_mail').select('id').where('status', '=', 'received').execute()
  if (waiting.length === 0) return 0
  await boss.insert(waiting.map((m) => ({ name: queues.inboundProcess, data: { inboundId: m.id } })))
  return waiting.length
}
