// The daily digest as a pg-boss job: scheduled once a day (07:00 UTC) on the shared queue, so with
// several servers it still runs once; each notification is marked when a digest lists it.
import type PgBoss from 'pg-boss'
import { sendDigests } from '../../commands/needs/digest.js'
import { queues } from '../../jobs/jobQueue.js'
import type { Db } from '../../store/db.js'

export async function startDigestJob(boss: PgBoss, db: Db): Promise<void> {
  await boss.work(queues.needsDigest, async () => {
    await sendDigests(db, new Date())
  })
  await boss.schedule(queues.needsDigest, '0 7 * * *', {}, { tz: 'UTC' })
}
