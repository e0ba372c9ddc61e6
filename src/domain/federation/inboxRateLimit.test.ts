// The inbox's allowance per sender: a peer posting faster than its allowance is told when to come
// back, another sender is not held back by it, and the allowance returns with the next window.
import { describe, expect, it } from 'vitest'
import { claimedKeyId, InboxRateLimiter, peerKey, unverifiedKey } from './inboxRateLimit.js'

describe('the federation inbox rate limit', () => {
  it('refuses a sender over its allowance until its window ends, and no one else', () => {
    const limiter = new InboxRateLimiter()
    const t0 = 1_000_000
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfter(peerKey('k1'), 3, 10, t0 + i)).toBe(0)
      limiter.hit(peerKey('k1'), 10, t0 + i)
    }
    expect(limiter.retryAfter(peerKey('k1'), 3, 10, t0 + 2500)).toBe(8)
    expect(limiter.retryAfter(peerKey('k2'), 3, 10, t0 + 2500)).toBe(0)
    expect(limiter.retryAfter(unverifiedKey('192.0.2.1'), 3, 10, t0 + 2500)).toBe(0)
    expect(limiter.retryAfter(peerKey('k1'), 3, 10, t0 + 9999)).toBe(1)
    expect(limiter.retryAfter(peerKey('k1'), 3, 10, t0 + 10_000)).toBe(0)
  })

  it('reads the key id a request claims', () => {
    expect(claimedKeyId('lockstep=("@method");created=1;keyid="ab12";alg="ed25519"')).toBe('ab12')
    expect(claimedKeyId(undefined)).toBeNull()
    expect(claimedKeyId('lockstep=("@method")')).toBeNull()
  })
})
