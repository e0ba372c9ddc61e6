// On a demo instance: the vendors the 2003 record told only after publication are told a minute
// after the demo's release, by a job (jobs/demoLateVendors.ts) scheduled at every start of a demo
// instance and by a reset (seed/demoAfterRelease.ts), run by the worker every demo start registers.
import type PgBoss from 'pg-boss'
import type { Db } from '../../store/db.js'
import { queues } from '../../jobs/jobQueue.js'
import type { LateVendorsJob } from '../../jobs/demoLateVendors.js'
import { tellLateVendors } from '../../seed/demoAfterRelease.js'

export async function startLateVendorsWorker(boss: PgBoss, db: Db): Promise<{ stop(): Promise<void> }> {
  await boss.work<LateVendorsJob>(queues.demoLateVendors, { pollingIntervalSeconds: 2 }, async (jobs) => {
    for (const job of jobs) await tellLateVendors(db, job.data.caseId)
  })
  return {
    async stop() {
      await boss.offWork(queues.demoLateVendors)
    },
  }
}
