// The job queue: pg-boss on the same database (PostgreSQL or the embedded PGlite), through our
// own connection pool, so jobs can be created inside the transaction that needs them and any
// number of servers share one queue.
import { CompiledQuery } from 'kysely'
import PgBoss from 'pg-boss'
import type { Db } from '../store/db.js'

export const queues = {
  /** Deliver one outbox message ({ outboxId }). */
  mailDeliver: 'mail-deliver',
  /** Process one stored inbound message ({ inboundId }). */
  inboundProcess: 'inbound-process',
  /** Daily: warn the owners of keys about to expire. */
  keyExpiry: 'pgp-key-expiry',
  /** Hourly: remind and escalate vendors that stay silent. */
  vendorFollowUp: 'vendor-follow-up',
  /** After a release commits: alert the owners, publish the CVE records ({ caseId, advisoryId }). */
  afterRelease: 'after-release',
  /** Daily: each person's digest of what they have not read. */
  needsDigest: 'needs-digest',
  /** Demo instances: tell the vendors the 2003 record told only after publication ({ caseId }). */
  demoLateVendors: 'demo-late-vendors',
} as const

/** pg-boss's database interface over a Kysely instance or transaction. */
export function sqlExecutor(db: Db): PgBoss.Db {
  return {
    async executeSql(text: string, values: unknown[]) {
      const result = await db.executeQuery(CompiledQuery.raw(text, values ?? []))
      return { rows: result.rows as unknown[] }
    },
  }
}

export async function startJobQueue(db: Db): Promise<PgBoss> {
  const boss = new PgBoss({
    db: sqlExecutor(db),
    schema: 'pgboss',
    // Notifications should leave within a second or two of the change.
    monitorStateIntervalSeconds: 60,
    maintenanceIntervalSeconds: 120,
  })
  boss.on('error', (error) => console.error(`lockstep: job queue: ${error.message}`))
  await boss.start()
  await createQueues(boss)
  return boss
}

async function createQueues(boss: PgBoss): Promise<void> {
  for (const name of Object.values(queues)) {
    await boss.createQueue(name, { name, retryLimit: 8, retryDelay: 15, retryBackoff: true, expireInSeconds: 120 })
  }
}

/**
 * Installs pg-boss's tables and Lockstep's queues and runs nothing: for a database that takes jobs
 * (a release enqueues one) before any server has started the queue on it, as the tests' databases.
 */
export async function installJobQueue(db: Db): Promise<void> {
  const boss = new PgBoss({ db: sqlExecutor(db), schema: 'pgboss', supervise: false, schedule: false })
  await boss.start()
  await createQueues(boss)
  await boss.stop({ graceful: false, wait: true, timeout: 2000 })
}
