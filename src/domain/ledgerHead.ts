// A case's ledger head as the instance signs it at every append, and the comparison of a chain with
// heads signed earlier. The hash chain alone (ledger.ts) only shows that entries fit each other: a
// database writer who edits an entry and recomputes every hash after it leaves a chain that fits.
// A signed head pins the chain's hash at a sequence number; the writer cannot sign again without
// the instance's ledger key, and a head a participant saved elsewhere pins it even against someone
// who has the key. The hash at sequence n covers every entry up to n, so one signed head anchors
// the whole chain before it.
import { canonicalJson, type LedgerEntry } from './ledger.js'

export interface SignedHead {
  caseId: string
  sequence: number
  hash: string
  /** UTC ISO instant of the signature (the append's time). */
  signedAt: string
  /** Lower-case hex SHA-256 of the signing key's public half (SPKI DER). */
  keyId: string
  /** Base64 Ed25519 signature over headStatement(). */
  signature: string
}

export const HEAD_STATEMENT_TYPE = 'lockstep.ledger-head/1'

/** The exact bytes signed: canonical JSON, so anyone can rebuild and check them with any Ed25519 tool. */
export function headStatement(h: Pick<SignedHead, 'caseId' | 'sequence' | 'hash' | 'signedAt'>): string {
  return canonicalJson({
    type: HEAD_STATEMENT_TYPE,
    caseId: h.caseId,
    sequence: h.sequence,
    hash: h.hash,
    signedAt: h.signedAt,
  })
}

export interface HeadProblem {
  sequence: number
  reason: string
}

/**
 * Compares the chain with heads signed earlier. `genuine` says whether a head's signature checks
 * out against the trusted ledger key. `stored` heads are the instance's own (from the database);
 * for them the chain's last entry must also be signed, so deleting the heads does not help.
 * `saved` heads were kept elsewhere by a participant.
 */
export function compareHeads(
  entries: readonly LedgerEntry[],
  heads: readonly SignedHead[],
  genuine: (head: SignedHead) => boolean,
  source: 'stored' | 'saved',
): HeadProblem[] {
  const problems: HeadProblem[] = []
  const bySequence = new Map(entries.map((e) => [e.sequence, e]))
  const whose = source === 'saved' ? 'saved head' : 'signed head'
  for (const head of [...heads].sort((a, b) => a.sequence - b.sequence)) {
    if (!genuine(head)) {
      problems.push({
        sequence: head.sequence,
        reason: `the ${whose}'s signature does not check out against the instance's ledger key (altered, or signed by key ${head.keyId})`,
      })
      continue
    }
    const entry = bySequence.get(head.sequence)
    if (!entry) {
      problems.push({
        sequence: head.sequence,
        reason: `a ${whose} exists for entry ${head.sequence} but the ledger has ${entries.length} entries: cut short`,
      })
    } else if (entry.hash !== head.hash) {
      problems.push({
        sequence: head.sequence,
        reason: `the ledger's hash at entry ${head.sequence} is not the one signed at ${head.signedAt}: rewritten since`,
      })
    }
  }
  const last = entries.at(-1)
  // Deleting the heads must not help: the instance signs every append, so its last entry has one.
  // (A head for it that does not fit is reported above.)
  if (source === 'stored' && last && !heads.some((h) => h.sequence === last.sequence))
    problems.push({
      sequence: last.sequence,
      reason: `the ledger's last entry (${last.sequence}) has no genuine signed head`,
    })
  return problems
}

const headFields = {
  caseId: 'string',
  sequence: 'number',
  hash: 'string',
  signedAt: 'string',
  keyId: 'string',
  signature: 'string',
} as const

/**
 * Heads saved by a participant, as GET /api/v1/cases/:id/ledger/heads answered them (the whole
 * answer, its `heads` array, or one head). Throws an error naming the first head that is not one.
 */
export function readSavedHeads(json: unknown): SignedHead[] {
  const list: unknown =
    json !== null && typeof json === 'object' && !Array.isArray(json) && 'heads' in json
      ? (json as { heads: unknown }).heads
      : json
  const items: unknown[] = Array.isArray(list) ? list : [list]
  return items.map((item, i) => {
    if (item === null || typeof item !== 'object') throw new Error(`saved head ${i + 1} is not an object`)
    for (const [field, type] of Object.entries(headFields))
      if (typeof (item as Record<string, unknown>)[field] !== type)
        throw new Error(`saved head ${i + 1} has no ${field} (a ${type})`)
    const h = item as SignedHead
    return {
      caseId: h.caseId,
      sequence: h.sequence,
      hash: h.hash,
      signedAt: h.signedAt,
      keyId: h.keyId,
      signature: h.signature,
    }
  })
}
