// Runs the after-release jobs waiting in the queue now, as the server's worker would, and answers
// how many ran: a test waits for the job's effect without a sleep. Nothing is started: the jobs are
// fetched and completed through the test's own database.
import PgBoss from 'pg-boss'
import { queues, sqlExecutor } from '../../src/jobs/jobQueue.js'
import type { AfterReleaseJob } from '../../src/jobs/afterRelease.js'
import { runAfterRelease, type AfterReleaseDeps } from '../../src/adapters/jobs/afterRelease.js'

export async function drainAfterRelease(deps: AfterReleaseDeps, now?: Date): Promise<number> {
  const boss = new PgBoss({ db: sqlExecutor(deps.db), schema: 'pgboss' })
  let ran = 0
  for (;;) {
    const jobs = await boss.fetch<AfterReleaseJob>(queues.afterRelease, { batchSize: 10 })
    if (!jobs.length) return ran
    for (const job of jobs) {
      await runAfterRelease(deps, job.data, now)
      await boss.complete(queues.afterRelease, job.id)
      ran++
    }
  }
}
