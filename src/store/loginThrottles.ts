// Persistence of the login throttle counters (the arithmetic is in domain/loginThrottle.ts).
import type { ThrottleLimits, ThrottleState } from '../domain/loginThrottle.js'
import { recordFailure } from '../domain/loginThrottle.js'
import type { Db } from './db.js'
import { inTransaction } from './db.js'

export async function readThrottle(db: Db, key: string): Promise<ThrottleState | undefined> {
  const row = await db.selectFrom('login_throttles').selectAll().where('key', '=', key).executeTakeFirst()
  return row && { failures: row.failures, windowStartedAt: row.window_started_at, lockedUntil: row.locked_until }
}

export function recordThrottleFailure(db: Db, key: string, now: Date, limits: ThrottleLimits): Promise<ThrottleState> {
  return inTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom('login_throttles')
      .selectAll()
      .where('key', '=', key)
      .forUpdate()
      .executeTakeFirst()
    const next = recordFailure(
      row && { failures: row.failures, windowStartedAt: row.window_started_at, lockedUntil: row.locked_until },
      now,
      limits,
    )
    const values = { failures: next.failures, window_started_at: next.windowStartedAt, locked_until: next.lockedUntil }
    await trx
      .insertInto('login_throttles')
      .values({ key, ...values })
      .onConflict((oc) => oc.column('key').doUpdateSet(values))
      .execute()
    return next
  })
}

export async function clearThrottle(db: Db, keys: string[]): Promise<void> {
  if (keys.length) await db.deleteFrom('login_throttles').where('key', 'in', keys).execute()
}
