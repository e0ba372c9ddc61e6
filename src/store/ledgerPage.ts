// A page of a case's ledger, newest pages first, checked from the signed heads rather than from
// the first entry: the page's entries must recompute and end at a head the instance signed, and
// the case's last entry must be signed with the hash the case row records (domain/ledgerSegment.ts).
// Reading a page of a ledger of 20,000 entries reads the page, not the 20,000.
import type { KeyObject } from 'node:crypto'
import type { LedgerEntry } from '../domain/ledger.js'
import type { SignedHead } from '../domain/ledgerHead.js'
import { verifySegment, type SegmentVerdict } from '../domain/ledgerSegment.js'
import { headSignatureHolds, readLedgerPublicKey } from '../security/ledgerKey.js'
import type { Db } from './db.js'
import { ledgerPublicKey, signedHeadOf } from './ledgerHeads.js'
import { ledgerEntryOf } from './ledgerRows.js'

export interface LedgerPage {
  /** Oldest first, like the whole ledger. */
  entries: LedgerEntry[]
  /** How many entries the ledger has in all. */
  total: number
  /** The sequence to ask `before` for the next (older) page, or null at the first entry. */
  nextBefore: number | null
  verdict: SegmentVerdict
}

// The public key is parsed once per text: every page read checks a signature with it.
let parsed: { pem: string; key: KeyObject } | null = null
function publicKeyOf(pem: string): KeyObject {
  if (parsed?.pem !== pem) parsed = { pem, key: readLedgerPublicKey(pem) }
  return parsed.key
}

// A signature once checked holds for the same head, key and signature (an Ed25519 check is
// deterministic): remembered, a page read again, or the newest page whose anchor is also the
// ledger's last head, checks it once. Bounded; the oldest remembered are forgotten first.
const checked = new Map<string, boolean>()
const CHECKED_MAX = 10_000
function signatureHolds(pem: string, key: KeyObject, h: SignedHead): boolean {
  const id = JSON.stringify([pem, h.caseId, h.sequence, h.hash, h.signedAt, h.keyId, h.signature])
  let holds = checked.get(id)
  if (holds === undefined) {
    holds = headSignatureHolds(key, h)
    if (checked.size >= CHECKED_MAX) checked.delete(checked.keys().next().value!)
    checked.set(id, holds)
  }
  return holds
}

/** The `limit` entries before sequence `before` (the newest ones without it), read in one snapshot. */
export async function readLedgerPage(
  db: Db,
  caseId: string,
  page: { limit: number; before?: number | undefined },
): Promise<LedgerPage> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      const row = await trx
        .selectFrom('cases')
        .select(['ledger_count', 'ledger_head'])
        .where('id', '=', caseId)
        .executeTakeFirstOrThrow()
      const total = row.ledger_count
      const top = Math.min(total, (page.before ?? total + 1) - 1)
      if (top < 1) return { entries: [], total, nextBefore: null, verdict: { ok: true } }
      const bottom = Math.max(1, top - page.limit + 1)
      // Every append is signed, so the anchor is usually the page's own newest entry; a ledger
      // written before heads were signed is anchored at the first head after it.
      const [anchorRow, lastRow, stored] = await Promise.all([
        trx
          .selectFrom('ledger_heads')
          .selectAll()
          .where('case_id', '=', caseId)
          .where('sequence', '>=', top)
          .orderBy('sequence')
          .limit(1)
          .executeTakeFirst(),
        trx
          .selectFrom('ledger_heads')
          .selectAll()
          .where('case_id', '=', caseId)
          .where('sequence', '=', total)
          .executeTakeFirst(),
        ledgerPublicKey(trx),
      ])
      const anchor = anchorRow ? signedHeadOf(anchorRow) : null
      const rows = await trx
        .selectFrom('ledger_entries')
        .selectAll()
        .where('case_id', '=', caseId)
        .where('sequence', '>=', bottom)
        .where('sequence', '<=', anchor?.sequence ?? top)
        .orderBy('sequence')
        .execute()
      const segment = rows.map(ledgerEntryOf)
      const key = stored ? publicKeyOf(stored.publicKeyPem) : null
      const genuine = (h: SignedHead) => key !== null && signatureHolds(stored!.publicKeyPem, key, h)
      let verdict = verifySegment(segment, caseId, anchor, genuine)
      const last = lastRow ? signedHeadOf(lastRow) : null
      if (verdict.ok && (!last || !genuine(last)))
        verdict = {
          ok: false,
          sequence: total,
          reason: `the ledger's last entry (${total}) has no genuine signed head`,
        }
      else if (verdict.ok && last && last.hash !== row.ledger_head)
        verdict = { ok: false, sequence: total, reason: 'the chain does not end at the head recorded on the case' }
      return {
        entries: segment.filter((e) => e.sequence <= top),
        total,
        nextBefore: bottom > 1 ? bottom : null,
        verdict,
      }
    })
}
