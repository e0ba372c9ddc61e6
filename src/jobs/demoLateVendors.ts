// The demo's after-publication vendors job ({ caseId }), enqueued with the caller's connection or
// transaction (as the after-release job is) so a reset schedules it in the reset's own transaction.
// One per demo case (a singleton key): a restart that schedules it again adds nothing.
import PgBoss from 'pg-boss'
import type { Db } from '../store/db.js'
import { queues, sqlExecutor } from './jobQueue.js'

export interface LateVendorsJob {
  caseId: string
}

/** False when the queue does not exist yet (a database no server has started): the next start schedules it. */
export async function enqueueLateVendors(db: Db, job: LateVendorsJob, startAfter: Date): Promise<boolean> {
  const { rows } = await sqlExecutor(db).executeSql(`SELECT to_regclass('pgboss.queue') IS NOT NULL AS installed`, [])
  if (!(rows[0] as { installed: boolean }).installed) return false
  const queue = await sqlExecutor(db).executeSql(`SELECT 1 FROM pgboss.queue WHERE name = $1`, [queues.demoLateVendors])
  if (queue.rows.length === 0) return false
  await new PgBoss({ db: sqlExecutor(db), schema: 'pgboss' }).send(
    queues.demoLateVendors,
    { ...job },
    { startAfter, singletonKey: `demo-late-vendors:${job.caseId}` },
  )
  return true
}

/** Drops the jobs that name rows of an instance being wiped (mail, inbound mail, releases, the demo's). */
export async function dropInstanceJobs(db: Db): Promise<void> {
  const { rows } = await sqlExecutor(db).executeSql(`SELECT to_regclass('pgboss.job') IS NOT NULL AS installed`, [])
  if (!(rows[0] as { installed: boolean }).installed) return
  await sqlExecutor(db).executeSql(`DELETE FROM pgboss.job WHERE name = ANY($1) AND state < 'completed'`, [
    [queues.mailDeliver, queues.inboundProcess, queues.afterRelease, queues.demoLateVendors],
  ])
}
