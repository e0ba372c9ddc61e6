// The after-release job, enqueued by the release inside its own transaction: it exists exactly
// when the release committed, and nothing outside Lockstep (owners' mail, CVE Services) is touched
// before that. The worker (adapters/jobs/afterRelease.ts) does the work, idempotently.
import PgBoss from 'pg-boss'
import type { Db } from '../store/db.js'
import { queues, sqlExecutor } from './jobQueue.js'

export interface AfterReleaseJob {
  caseId: string
  /** The advisory row's id. */
  advisoryId: string
}

/**
 * Inserts the job with the caller's transaction. Only the insert runs here, so a client that is
 * never started does (pg-boss's `send` with our executor); the queue itself is created by
 * `startJobQueue`, and a database that never had it refuses loudly rather than losing the job.
 */
export async function enqueueAfterRelease(trx: Db, job: AfterReleaseJob): Promise<void> {
  const id = await new PgBoss({ db: sqlExecutor(trx), schema: 'pgboss' }).send(queues.afterRelease, { ...job })
  if (!id) throw new Error(`the ${queues.afterRelease} queue does not exist: start the job queue once (lockstep serve)`)
}
