import { describe, expect, it } from 'vitest'
import {
  accountLimits,
  clientLimits,
  recordFailure,
  releaseAttempt,
  reserveAttempt,
  retryAfterSeconds,
  type ThrottleState,
} from './loginThrottle.js'

const t0 = new Date('2026-01-01T00:00:00Z')
const after = (ms: number) => new Date(t0.getTime() + ms)

function fail(times: number, limits = clientLimits, at = t0): ThrottleState | undefined {
  let s: ThrottleState | undefined
  for (let i = 0; i < times; i++) s = recordFailure(s, at, limits)
  return s
}

describe('login throttle', () => {
  it('lets the first five wrong passwords through without a lock', () => {
    expect(retryAfterSeconds(fail(5), t0)).toBe(0)
  })

  it('locks the sixth for a minute, then doubles', () => {
    expect(retryAfterSeconds(fail(6), t0)).toBe(60)
    expect(retryAfterSeconds(fail(7), t0)).toBe(120)
    expect(retryAfterSeconds(fail(8), t0)).toBe(240)
  })

  it('never locks a client for more than 15 minutes, however many failures', () => {
    expect(retryAfterSeconds(fail(500), t0)).toBe(15 * 60)
  })

  it('the account-wide lock is 15 minutes and starts after 20 failures', () => {
    expect(retryAfterSeconds(fail(20, accountLimits), t0)).toBe(0)
    expect(retryAfterSeconds(fail(21, accountLimits), t0)).toBe(15 * 60)
  })

  it('forgets old failures once the window and any lock have passed', () => {
    const s = fail(9)
    const later = recordFailure(s, after(31 * 60_000), clientLimits)
    expect(later.failures).toBe(1)
    expect(retryAfterSeconds(later, after(31 * 60_000))).toBe(0)
  })

  it('is free again when the lock expires', () => {
    expect(retryAfterSeconds(fail(6), after(61_000))).toBe(0)
  })

  it('counts attempts before their password is checked: the free ones pass, the one after starts the lock', () => {
    let s: ThrottleState | undefined
    const allowed: boolean[] = []
    for (let i = 0; i < 25; i++) {
      const r = reserveAttempt(s, t0, accountLimits)
      allowed.push(r.allowed)
      s = r.state
    }
    expect(allowed.filter(Boolean)).toHaveLength(20)
    expect(allowed.slice(0, 20).every(Boolean)).toBe(true)
    expect(retryAfterSeconds(s, t0)).toBe(15 * 60)
  })

  it('lets one attempt through once a lock has run out, which starts the next, longer lock', () => {
    const s = fail(6)!
    const r = reserveAttempt(s, after(61_000), clientLimits)
    expect(r.allowed).toBe(true)
    expect(retryAfterSeconds(r.state, after(61_000))).toBe(120)
    expect(reserveAttempt(r.state, after(62_000), clientLimits).allowed).toBe(false)
  })

  it('a success takes back its own count and lifts no lock others started', () => {
    const r = reserveAttempt(fail(3, accountLimits), t0, accountLimits)
    expect(releaseAttempt(r.state, accountLimits).failures).toBe(3)
    const locked = fail(21, accountLimits)!
    expect(retryAfterSeconds(releaseAttempt(locked, accountLimits), t0)).toBe(15 * 60)
  })
})
