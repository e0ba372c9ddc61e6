// Checking one stretch of a case's ledger (a page of it) without re-reading the whole chain. The
// hash at sequence n covers every entry up to n, so entries a..h that recompute, link to each
// other and end at a head the instance signed (ledgerHead.ts) are the ones that were signed: the
// entries before a need not be read. A page therefore costs its own entries plus one signature.
import { GENESIS_HASH, hashProblem, type LedgerEntry } from './ledger.js'
import type { SignedHead } from './ledgerHead.js'

export type SegmentVerdict = { ok: true } | { ok: false; sequence: number; reason: string }

/**
 * `entries` run from some sequence a up to the signed `anchor`'s sequence, in order. `genuine`
 * says whether the anchor's signature holds against the instance's ledger key.
 */
export function verifySegment(
  entries: readonly LedgerEntry[],
  caseId: string,
  anchor: SignedHead | null,
  genuine: (head: SignedHead) => boolean,
): SegmentVerdict {
  const first = entries[0]
  if (!first) return { ok: true }
  if (first.sequence === 1 && first.prevHash !== GENESIS_HASH)
    return { ok: false, sequence: 1, reason: 'previous hash is not the genesis hash' }
  let previous: LedgerEntry | null = null
  for (const entry of entries) {
    const bad = (reason: string): SegmentVerdict => ({ ok: false, sequence: entry.sequence, reason })
    if (entry.caseId !== caseId) return bad('belongs to another case')
    if (previous && entry.sequence !== previous.sequence + 1)
      return bad(`sequence gap: expected ${previous.sequence + 1}`)
    if (previous && entry.prevHash !== previous.hash)
      return bad(`previous hash does not match entry ${previous.sequence}`)
    const problem = hashProblem(entry)
    if (problem) return bad(problem)
    previous = entry
  }
  const last = entries.at(-1)!
  if (!anchor) return { ok: false, sequence: last.sequence, reason: 'no signed head covers this entry' }
  if (anchor.caseId !== caseId || anchor.sequence !== last.sequence)
    return { ok: false, sequence: last.sequence, reason: 'the signed head is not the one for this entry' }
  if (!genuine(anchor))
    return {
      ok: false,
      sequence: anchor.sequence,
      reason: `the signed head's signature does not check out against the instance's ledger key`,
    }
  if (anchor.hash !== last.hash)
    return {
      ok: false,
      sequence: anchor.sequence,
      reason: `the ledger's hash at entry ${anchor.sequence} is not the one signed at ${anchor.signedAt}: rewritten since`,
    }
  return { ok: true }
}
