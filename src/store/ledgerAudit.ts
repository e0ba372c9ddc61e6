// The whole check of a case's ledger, as `lockstep ledger verify` runs it: the hash chain (and
// that it ends where the case row says), every signed head stored with it against the ledger key,
// and heads a participant saved elsewhere earlier. The ledger key is the one stored with the
// instance unless the caller pins one read from outside the database: a writer who can replace
// the stored key can sign again, but not make heads saved elsewhere match a rewritten chain.
import type { KeyObject } from 'node:crypto'
import { compareHeads, type HeadProblem, type SignedHead } from '../domain/ledgerHead.js'
import { headSignatureHolds, ledgerKeyId, readLedgerPublicKey } from '../security/ledgerKey.js'
import type { Db } from './db.js'
import { readVerifiedLedger, type LedgerVerdict } from './ledger.js'
import { ledgerPublicKey, readSignedHeads } from './ledgerHeads.js'

export interface LedgerAudit {
  chain: LedgerVerdict
  /** The key the signatures were checked with, and whether it was pinned by the caller. */
  key: { keyId: string; pinned: boolean } | null
  signedHeads: number
  signatureProblems: HeadProblem[]
  savedHeads: number
  savedProblems: HeadProblem[]
  ok: boolean
}

export async function auditCaseLedger(
  db: Db,
  caseId: string,
  opts: { trustedPublicKeyPem?: string; savedHeads?: readonly SignedHead[] } = {},
): Promise<LedgerAudit> {
  const { entries, verdict } = await readVerifiedLedger(db, caseId)
  const heads = await readSignedHeads(db, caseId)
  const stored = await ledgerPublicKey(db)
  const pem = opts.trustedPublicKeyPem ?? stored?.publicKeyPem
  const key: KeyObject | null = pem ? readLedgerPublicKey(pem) : null
  const genuine = (h: SignedHead) => key !== null && headSignatureHolds(key, h)
  const signatureProblems =
    entries.length === 0 && heads.length === 0 ? [] : compareHeads(entries, heads, genuine, 'stored')
  const saved = (opts.savedHeads ?? []).filter((h) => h.caseId === caseId)
  const savedProblems = compareHeads(entries, saved, genuine, 'saved')
  return {
    chain: verdict,
    key: key && { keyId: ledgerKeyId(key), pinned: opts.trustedPublicKeyPem !== undefined },
    signedHeads: heads.length,
    signatureProblems,
    savedHeads: saved.length,
    savedProblems,
    ok: verdict.ok && signatureProblems.length === 0 && savedProblems.length === 0,
  }
}
