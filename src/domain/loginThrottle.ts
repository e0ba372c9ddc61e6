// Login throttling as pure arithmetic. Two counters guard a sign-in:
//  - per client (this e-mail from this address, or this known device): 5 free failures, then a lock
//    that doubles from 1 minute up to 15 minutes;
//  - per account, only for clients without a known-device cookie: 20 failures in 15 minutes lock
//    unknown clients out for 15 minutes.
// A person who has signed in before from their browser carries a device cookie and is never
// subject to the account lock, so nobody can lock someone else out indefinitely by guessing.

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
