// The after-release worker: once a release has committed (its job is enqueued in the release's
// transaction, jobs/afterRelease.ts), the owners it affects are alerted and, when CVE Services is
// configured, the records of IDs reserved there are published. Both are idempotent, so a retried
// job does nothing twice: the owners' alerts are guarded by the advisory's owners_alerted_at, the
// CVE records by their 'cve.published' ledger entries. A record CVE Services refused fails the job,
// so pg-boss retries it with backoff (each failure is in the ledger).
import type PgBoss from 'pg-boss'
import type { Config } from '../../config.js'
import type { Db } from '../../store/db.js'
import { queues } from '../../jobs/jobQueue.js'
import type { AfterReleaseJob } from '../../jobs/afterRelease.js'
import { alertOwnersOfRelease } from '../../commands/owners/releaseAlerts.js'
import { publishCveRecords, type CvePublisher } from '../../commands/release/publishCveRecords.js'

export interface AfterReleaseDeps {
  db: Db
  config: Pick<Config, 'release'>
  /** CVE Services, when configured. */
  cvePublisher: CvePublisher | null
}

export async function runAfterRelease(deps: AfterReleaseDeps, job: AfterReleaseJob, now = new Date()): Promise<void> {
  await alertOwnersOfRelease(deps.db, job.advisoryId, now)
  if (!deps.cvePublisher) return
  const r = await publishCveRecords(deps.db, job.caseId, deps.config.release.cna, deps.cvePublisher, now)
  if (r.failed.length)
    throw new Error(`CVE Services refused ${r.failed.map((f) => `${f.id} (${f.message})`).join(', ')}; retrying`)
}

export async function startAfterReleaseWorker(
  deps: AfterReleaseDeps & { boss: PgBoss },
): Promise<{ stop(): Promise<void> }> {
  await deps.boss.work<AfterReleaseJob>(queues.afterRelease, { pollingIntervalSeconds: 1 }, async (jobs) => {
    for (const job of jobs) await runAfterRelease(deps, job.data)
  })
  return {
    async stop() {
      await deps.boss.offWork(queues.afterRelease)
    },
  }
}
