// Resetting a demo instance: every table of the instance emptied and the demo seeded again with a
// fresh timeline (its release minutes ahead), in one transaction. Only an instance recorded as a
// demo, and only by its admin (the policy's demo_instance.reset), or the console (the system).
//
// Safe against the running server: the transaction first takes every table in ACCESS EXCLUSIVE
// mode, in one statement (the release scheduler, the jobs and the requests wait, then see the new
// demo whole, or the old one if anything failed); concurrent resets queue on an advisory lock; the
// pending jobs that name the old rows (mail, inbound mail, the after-release job) go with them.
// The migrations record and the instance's secrets (the ledger's signing key) stay: a reset demo
// keeps its keys and fingerprints.
import { sql } from 'kysely'
import type { Actor } from '../../domain/actor.js'
import { ValidationError } from '../../domain/errors.js'
import { authorize } from '../../domain/policy/index.js'
import type { Db } from '../../store/db.js'
import { inTransaction } from '../../store/db.js'
import { emptyTables, readCatalogue } from '../../store/backupTables.js'
import { demoInstanceRecord } from '../../store/demoInstance.js'
import { dropInstanceJobs } from '../../jobs/demoLateVendors.js'

/** Tables a reset keeps: the instance's secrets (besides the migrations record, never emptied). */
const KEPT = new Set(['instance_secrets'])

/** An arbitrary constant: the advisory lock that queues concurrent resets. */
const RESET_LOCK = 398025

export class NotADemoError extends ValidationError {}

export async function resetDemoInstance<T>(
  db: Db,
  actor: Actor,
  /** Seeds the demo again, in the reset's transaction. */
  reseed: (trx: Db) => Promise<T>,
): Promise<T> {
  return inTransaction(db, async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${RESET_LOCK})`.execute(trx)
    const recorded = (await demoInstanceRecord(trx)) !== null
    if (!recorded && actor.kind === 'system')
      throw new NotADemoError([
        { field: 'instance', message: 'is not a demo instance (never seeded with the demo): nothing was reset' },
      ])
    authorize(actor, 'reset', { type: 'demo_instance', recorded })
    const tables = (await readCatalogue(trx)).tables.map((t) => t.name).filter((name) => !KEPT.has(name))
    await sql`LOCK TABLE ${sql.join(tables.map((t) => sql.id(t)))} IN ACCESS EXCLUSIVE MODE`.execute(trx)
    await emptyTables(trx, tables)
    await dropInstanceJobs(trx)
    return reseed(trx)
  })
}
