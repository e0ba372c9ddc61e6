// A small proof of work on the public report form, instead of a third-party CAPTCHA: the server
// hands out a signed, expiring challenge; the browser finds a nonce whose SHA-256 with the
// challenge starts with `bits` zero bits (about 65,000 tries at 16 bits: well under a second),
// and each challenge is good for one report.
import { createHash, createHmac, randomBytes } from 'node:crypto'
import { safeEqual } from './tokens.js'

export const POW_BITS = 16
export const POW_LIFETIME_MS = 30 * 60_000

export interface Challenge {
  challenge: string
  bits: number
  expiresAt: Date
}

function sign(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url')
}

export function issueChallenge(secret: string, now = new Date(), bits = POW_BITS): Challenge {
  const expiresAt = new Date(now.getTime() + POW_LIFETIME_MS)
  const payload = `${expiresAt.getTime()}.${bits}.${randomBytes(12).toString('base64url')}`
  return { challenge: `${payload}.${sign(secret, payload)}`, bits, expiresAt }
}

export function leadingZeroBits(digest: Buffer): number {
  let bits = 0
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8
      continue
    }
    return bits + Math.clz32(byte) - 24
  }
  return bits
}

export function proofDigest(challenge: string, nonce: string): Buffer {
  return createHash('sha256').update(`${challenge}:${nonce}`).digest()
}

export type ProofProblem = 'malformed' | 'forged' | 'expired' | 'insufficient'

/** Checks signature, expiry and work; whether the challenge was already spent is the caller's job. */
export function checkProof(
  secret: string,
  challenge: string,
  nonce: string,
  now = new Date(),
): { ok: true; expiresAt: Date } | { ok: false; problem: ProofProblem } {
  const parts = challenge.split('.')
  if (parts.length !== 4 || nonce.length === 0 || nonce.length > 64) return { ok: false, problem: 'malformed' }
  const [expires, bits, , mac] = parts as [string, string, string, string]
  if (!safeEqual(sign(secret, parts.slice(0, 3).join('.')), mac)) return { ok: false, problem: 'forged' }
  const expiresAt = new Date(Number(expires))
  if (!(expiresAt > now)) return { ok: false, problem: 'expired' }
  if (leadingZeroBits(proofDigest(challenge, nonce)) < Number(bits)) return { ok: false, problem: 'insufficient' }
  return { ok: true, expiresAt }
}

/** What a browser does, for tests and scripts: try nonces until the digest has enough zero bits. */
export function solveChallenge(challenge: string, bits: number): string {
  for (let n = 0; ; n++) {
    const nonce = n.toString(36)
    if (leadingZeroBits(proofDigest(challenge, nonce)) >= bits) return nonce
  }
}
