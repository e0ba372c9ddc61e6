// Persistence of the login throttle counters (the arithmetic is in domain/loginThrottle.ts). Each
// attempt is counted under a row lock before its password is checked, so concurrent attempts are
// counted one after the other and none slips past a lock another has just started.
import type { ThrottleLimits, ThrottleState } from '../domain/loginThrottle.js'
import { releaseAttempt, reserveAttempt, retryAfterSeconds } from '../domain/loginThrottle.js'
import type { Db } from './db.js'
import { inTransaction } from './db.js'
import type { Selectable } from 'kysely'
import type { LoginThrottlesTable } from './schema.js'

type LoginThrottleRow = Selectable<LoginThrottlesTable>

export interface ThrottleKey {
  key: string
  limits: ThrottleLimits
}

const stateOf = (row: LoginThrottleRow): ThrottleState => ({
  failures: row.failures,
  windowStartedAt: row.window_started_at,
  lockedUntil: row.locked_until,
})

async function lockRows(trx: Db, keys: string[], now: Date): Promise<Map<string, LoginThrottleRow>> {
  // A row for each key first (a zero count), so that two first attempts lock the same row
  // instead of both reading "no row" and both writing a count of one.
  await trx
    .insertInto('login_throttles')
    .values(keys.map((key) => ({ key, failures: 0, window_started_at: now, locked_until: null })))
    .onConflict((oc) => oc.column('key').doNothing())
    .execute()
  const rows = await trx
    .selectFrom('login_throttles')
    .selectAll()
    .where('key', 'in', keys)
    .orderBy('key')
    .forUpdate()
    .execute()
  return new Map(rows.map((r) => [r.key, r]))
}

/**
 * Counts one attempt against every key, before the password is checked. Refused (and nothing
 * counted) while any key is locked; refused and counted when it is the attempt that starts a lock.
 */
export function reserveSignInAttempt(
  db: Db,
  keys: ThrottleKey[],
  now: Date,
): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  return inTransaction(db, async (trx) => {
    const rows = await lockRows(
      trx,
      keys.map((k) => k.key),
      now,
    )
    const waits = keys.map((k) => retryAfterSeconds(stateOf(rows.get(k.key)!), now))
    if (Math.max(...waits) > 0) return { allowed: false, retryAfterSeconds: Math.max(...waits) }
    let allowed = true
    let wait = 0
    for (const k of keys) {
      const row = rows.get(k.key)!
      const reservation = reserveAttempt(row.failures === 0 ? undefined : stateOf(row), now, k.limits)
      allowed &&= reservation.allowed
      wait = Math.max(wait, reservation.retryAfterSeconds)
      await writeState(trx, k.key, reservation.state)
    }
    return { allowed, retryAfterSeconds: wait }
  })
}

/** A success takes back the failure its reservation counted against each key. */
export async function releaseSignInAttempt(db: Db, keys: ThrottleKey[], now: Date): Promise<void> {
  if (!keys.length) return
  await inTransaction(db, async (trx) => {
    const rows = await lockRows(
      trx,
      keys.map((k) => k.key),
      now,
    )
    for (const k of keys) await writeState(trx, k.key, releaseAttempt(stateOf(rows.get(k.key)!), k.limits))
  })
}

async function writeState(trx: Db, key: string, s: ThrottleState): Promise<void> {
  await trx
    .updateTable('login_throttles')
    .set({ failures: s.failures, window_started_at: s.windowStartedAt, locked_until: s.lockedUntil })
    .where('key', '=', key)
    .execute()
}

export async function clearThrottle(db: Db, keys: string[]): Promise<void> {
  if (keys.length) await db.deleteFrom('login_throttles').where('key', 'in', keys).execute()
}
