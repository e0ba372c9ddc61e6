// Group commit: many small writes that each must be durable before their caller answers (a peer's
// message taken, a delivery settled), and that each append to one hash-chained ledger under its
// head lock, are slow one transaction at a time, since the lock is held across every commit's
// flush to disk. Here the writes that arrive while a transaction is running wait for it, then all
// run in the next one, each inside its own savepoint: a write that throws is undone alone and its
// caller gets the error, the others commit together, and every caller hears only after the commit.
// Nothing waits on a timer: a lone write runs at once.
import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database } from './schema.js'
import type { Db } from './db.js'

type Work = (trx: Transaction<Database>) => Promise<unknown>
interface Pending {
  work: Work
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

/** The most writes one transaction takes, so that one commit never holds the lock for long. */
const MOST_PER_COMMIT = 64

const queues = new WeakMap<object, { pending: Pending[]; running: boolean }>()

/**
 * Runs `work` in a transaction shared with the other writes waiting at this moment, and answers
 * once that transaction has committed. Inside a transaction already, runs it there.
 */
export function inGroupCommit<T>(db: Db, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db as Transaction<Database>)
  let queue = queues.get(db)
  if (!queue) queues.set(db, (queue = { pending: [], running: false }))
  const q = queue
  const done = new Promise<T>((resolve, reject) =>
    q.pending.push({ work, resolve: resolve as (value: unknown) => void, reject }),
  )
  if (!q.running) void drain(db as Kysely<Database>, q)
  return done
}

async function drain(db: Kysely<Database>, q: { pending: Pending[]; running: boolean }): Promise<void> {
  q.running = true
  try {
    while (q.pending.length) {
      const batch = q.pending.splice(0, MOST_PER_COMMIT)
      const outcomes: { ok: boolean; value: unknown }[] = []
      try {
        await db.transaction().execute(async (trx) => {
          outcomes.length = 0
          for (const item of batch) outcomes.push(await inSavepoint(trx, item.work))
        })
      } catch (error) {
        // The commit itself failed: nothing of the batch was written, every caller hears so.
        for (const item of batch) item.reject(error)
        continue
      }
      batch.forEach((item, i) => (outcomes[i]!.ok ? item.resolve : item.reject)(outcomes[i]!.value))
    }
  } finally {
    q.running = false
  }
}

async function inSavepoint(trx: Transaction<Database>, work: Work): Promise<{ ok: boolean; value: unknown }> {
  await sql`SAVEPOINT group_write`.execute(trx)
  try {
    const value = await work(trx)
    await sql`RELEASE SAVEPOINT group_write`.execute(trx)
    return { ok: true, value }
  } catch (error) {
    await sql`ROLLBACK TO SAVEPOINT group_write`.execute(trx)
    await sql`RELEASE SAVEPOINT group_write`.execute(trx)
    return { ok: false, value: error }
  }
}
