// Login throttling as pure arithmetic. Two counters guard a sign-in:
//  - per client (this e-mail from this address, or this known device): 5 free failures, then a lock
//    that doubles from 1 minute up to 15 minutes;
//  - per account, only for clients without a known-device cookie: 20 failures in 15 minutes lock
//    unknown clients out for 15 minutes.
// A person who has signed in before from their browser carries a device cookie and is never
// subject to the account lock, so nobody can lock someone else out indefinitely by guessing.
// Every attempt is counted as a failure *before* its password is checked (`reserveAttempt`), and
// a success takes its own count back: many wrong passwords sent at once are then counted one by
// one, and no more of them reach the password hash than the free failures allow.

export interface ThrottleState {
  failures: number
  windowStartedAt: Date
  lockedUntil: Date | null
}

export interface ThrottleLimits {
  freeFailures: number
  windowMs: number
  firstLockMs: number
  maxLockMs: number
}

export const clientLimits: ThrottleLimits = {
  freeFailures: 5,
  windowMs: 15 * 60_000,
  firstLockMs: 60_000,
  maxLockMs: 15 * 60_000,
}
export const accountLimits: ThrottleLimits = {
  freeFailures: 20,
  windowMs: 15 * 60_000,
  firstLockMs: 15 * 60_000,
  maxLockMs: 15 * 60_000,
}

/** Seconds to wait before another attempt is even checked; 0 when free to try. */
export function retryAfterSeconds(state: ThrottleState | undefined, now: Date): number {
  if (!state?.lockedUntil) return 0
  return Math.max(0, Math.ceil((state.lockedUntil.getTime() - now.getTime()) / 1000))
}

export function recordFailure(state: ThrottleState | undefined, now: Date, limits: ThrottleLimits): ThrottleState {
  const fresh =
    !state ||
    now.getTime() - state.windowStartedAt.getTime() > limits.windowMs + (state.lockedUntil ? limits.maxLockMs : 0)
  const failures = fresh ? 1 : state.failures + 1
  const windowStartedAt = fresh ? now : state.windowStartedAt
  const over = failures - limits.freeFailures
  const lockMs = over > 0 ? Math.min(limits.maxLockMs, limits.firstLockMs * 2 ** (over - 1)) : 0
  return { failures, windowStartedAt, lockedUntil: lockMs > 0 ? new Date(now.getTime() + lockMs) : null }
}

export interface Reservation {
  /** Whether this attempt may have its password checked. */
  allowed: boolean
  /** The state to store: this attempt counted as a failure (unchanged when refused while locked). */
  state: ThrottleState
  retryAfterSeconds: number
}

/**
 * Counts an attempt before its password is checked. Refused while a lock runs; refused too when
 * counting it starts the first lock (the attempt beyond the free failures), so exactly
 * `freeFailures` passwords are checked per window. After a lock has run out, one attempt is let
 * through at a time, each starting the next, doubled lock.
 */
export function reserveAttempt(state: ThrottleState | undefined, now: Date, limits: ThrottleLimits): Reservation {
  const wait = retryAfterSeconds(state, now)
  if (wait > 0 && state) return { allowed: false, state, retryAfterSeconds: wait }
  const next = recordFailure(state, now, limits)
  const startsFirstLock = next.lockedUntil !== null && !state?.lockedUntil
  return {
    allowed: !startsFirstLock,
    state: next,
    retryAfterSeconds: startsFirstLock ? retryAfterSeconds(next, now) : 0,
  }
}

/** A successful sign-in takes back the failure its reservation counted. */
export function releaseAttempt(state: ThrottleState, limits: ThrottleLimits): ThrottleState {
  const failures = Math.max(0, state.failures - 1)
  return { ...state, failures, lockedUntil: failures < limits.freeFailures ? null : state.lockedUntil }
}
