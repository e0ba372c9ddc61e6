// Detached signatures of published documents, kept by the SHA-256 of the bytes they sign. A
// document is signed once per process however many readers ask for its `.asc` at the same moment
// (the first ask signs, the others wait for that signature), and the release scheduler signs what
// it prepared before the instant, so the first reader after a release does not wait for gpg work.
import { createHash } from 'node:crypto'
import { signDetached } from './pgp.js'

/** Signatures kept; the oldest goes first. A document signed once is not signed again. */
const KEPT = 10_000
const signatures = new Map<string, Promise<string>>()

/** The detached, armored signature of `body` with the given key (the instance key). */
export function signatureOf(body: Uint8Array, armoredPrivateKey: string): Promise<string> {
  const hash = createHash('sha256').update(body).digest('hex')
  const kept = signatures.get(hash)
  if (kept) return kept
  const signing = signDetached(body, armoredPrivateKey)
  if (signatures.size >= KEPT) signatures.delete(signatures.keys().next().value!)
  signatures.set(hash, signing)
  // A failed signature is not kept: the next ask tries again.
  signing.catch(() => signatures.delete(hash))
  return signing
}
