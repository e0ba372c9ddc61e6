import { describe, expect, it } from 'vitest'
import { checkProof, issueChallenge, leadingZeroBits, solveChallenge } from './proofOfWork.js'

const secret = 'test-secret'

describe('proof of work', () => {
  it('counts leading zero bits', () => {
    expect(leadingZeroBits(Buffer.from([0x00, 0x0f, 0xff]))).toBe(12)
    expect(leadingZeroBits(Buffer.from([0x80]))).toBe(0)
    expect(leadingZeroBits(Buffer.from([0x01]))).toBe(7)
  })

  it('accepts a solved challenge and refuses an unsolved one', () => {
    const { challenge, bits } = issueChallenge(secret, new Date(), 8)
    const nonce = solveChallenge(challenge, bits)
    expect(checkProof(secret, challenge, nonce).ok).toBe(true)
    const wrong = [...Array(50).keys()].map(String).find((n) => !checkProof(secret, challenge, n).ok)!
    expect(checkProof(secret, challenge, wrong)).toEqual({ ok: false, problem: 'insufficient' })
  })

  it('refuses a forged, expired or malformed challenge', () => {
    const { challenge, bits } = issueChallenge(secret, new Date(), 4)
    const nonce = solveChallenge(challenge, bits)
    expect(checkProof('another secret', challenge, nonce)).toEqual({ ok: false, problem: 'forged' })
    const easier = challenge.replace(/^(\d+)\.4\./, '$1.0.')
    expect(checkProof(secret, easier, nonce)).toEqual({ ok: false, problem: 'forged' })
    expect(checkProof(secret, challenge, nonce, new Date(Date.now() + 31 * 60_000))).toEqual({
      ok: false,
      problem: 'expired',
    })
    expect(checkProof(secret, 'not-a-challenge', nonce)).toEqual({ ok: false, problem: 'malformed' })
  })
})
