// The report form's proof of work: find a nonce such that SHA-256 of `challenge:nonce` starts
// with `bits` zero bits (src/security/proofOfWork.ts checks it). Digests run in batches so the
// page stays responsive; about 65,000 tries at 16 bits, well under a few seconds.
import { api } from './client'
import type { ReportChallenge, ReportProof } from './types'

const BATCH = 512

export function leadingZeroBits(digest: Uint8Array): number {
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

/** Tries base-36 counters as nonces until one is good; stops (throws) once `cancelled()` says so. */
export async function solve(challenge: string, bits: number, cancelled: () => boolean = () => false): Promise<string> {
  if (!globalThis.crypto?.subtle) throw new Error('This browser cannot prepare the form here: open it over HTTPS.')
  const encoder = new TextEncoder()
  for (let start = 0; ; start += BATCH) {
    if (cancelled()) throw new Error('cancelled')
    const nonces = Array.from({ length: BATCH }, (_, i) => (start + i).toString(36))
    const digests = await Promise.all(
      nonces.map((nonce) => crypto.subtle.digest('SHA-256', encoder.encode(`${challenge}:${nonce}`))),
    )
    const found = digests.findIndex((digest) => leadingZeroBits(new Uint8Array(digest)) >= bits)
    if (found >= 0) return nonces[found]!
  }
}

/** A fresh challenge from the server, solved. */
export async function fetchProof(cancelled?: () => boolean): Promise<ReportProof> {
  const { challenge, bits } = await api.get<ReportChallenge>('/reports/challenge')
  return { challenge, nonce: await solve(challenge, bits, cancelled) }
}
