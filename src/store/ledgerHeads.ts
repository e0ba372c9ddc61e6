// Signed ledger heads: the instance's Ed25519 ledger key, kept with the other instance secrets
// like the OpenPGP key (so every server of the instance signs with the same key), and the head
// signed at every append, in the append's transaction (appendLedger). See domain/ledgerHead.ts.
import { verifyChain, type LedgerEntry } from '../domain/ledger.js'
import type { SignedHead } from '../domain/ledgerHead.js'
import { generateLedgerKey, signHead, type LedgerKeyPair } from '../security/ledgerKey.js'
import type { Selectable } from 'kysely'
import type { Db } from './db.js'
import type { Database } from './schema.js'
import { readLedger } from './ledgerRows.js'

const NAME = 'ledger-signing-key'

async function storedKey(db: Db): Promise<LedgerKeyPair | null> {
  const row = await db.selectFrom('instance_secrets').select('value').where('name', '=', NAME).executeTakeFirst()
  return row ? (JSON.parse(row.value) as LedgerKeyPair) : null
}

/** The ledger key, made on first use; servers make it at start so appends find it. */
export async function ensureLedgerKey(db: Db): Promise<LedgerKeyPair> {
  const existing = await storedKey(db)
  if (existing) return existing
  await db
    .insertInto('instance_secrets')
    .values({ name: NAME, value: JSON.stringify(generateLedgerKey()) })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute()
  // Another server may have made one first: everyone uses the one that was stored.
  const stored = await storedKey(db)
  if (!stored) throw new Error('the ledger key could not be stored')
  return stored
}

/** The public half the instance publishes, or null before any key was made. */
export async function ledgerPublicKey(db: Db): Promise<{ publicKeyPem: string; keyId: string } | null> {
  const key = await storedKey(db)
  return key && { publicKeyPem: key.publicKeyPem, keyId: key.keyId }
}

/** Must run inside the transaction that appends `entry`. */
export async function signLedgerHead(trx: Db, entry: LedgerEntry): Promise<SignedHead> {
  return storeSignedHead(trx, {
    caseId: entry.caseId,
    sequence: entry.sequence,
    hash: entry.hash,
    signedAt: entry.instant,
  })
}

async function storeSignedHead(trx: Db, unsigned: Omit<SignedHead, 'keyId' | 'signature'>): Promise<SignedHead> {
  const head = signHead(await ensureLedgerKey(trx), unsigned)
  await trx.insertInto('ledger_heads').values(signedHeadRow(head)).execute()
  return head
}

/**
 * The signed head of `entry` as its ledger_heads row, signed with a key the caller holds: for work
 * that writes many cases' heads with the same key (an import), without reading it each time.
 */
export function signedHeadRowOf(key: LedgerKeyPair, entry: LedgerEntry) {
  return signedHeadRow(
    signHead(key, { caseId: entry.caseId, sequence: entry.sequence, hash: entry.hash, signedAt: entry.instant }),
  )
}

function signedHeadRow(head: SignedHead) {
  return {
    case_id: head.caseId,
    sequence: head.sequence,
    hash: head.hash,
    signed_at: head.signedAt,
    key_id: head.keyId,
    signature: head.signature,
  }
}

export async function readSignedHeads(db: Db, caseId: string): Promise<SignedHead[]> {
  const rows = await db
    .selectFrom('ledger_heads')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('sequence')
    .execute()
  return rows.map(signedHeadOf)
}

/** A ledger_heads row as the domain's SignedHead. */
export function signedHeadOf(r: Selectable<Database['ledger_heads']>): SignedHead {
  return {
    caseId: r.case_id,
    sequence: r.sequence,
    hash: r.hash,
    signedAt: r.signed_at,
    keyId: r.key_id,
    signature: r.signature,
  }
}

/**
 * Cases whose ledgers were written before heads were signed (no signed head at all) get their
 * current head signed, once, at server start, if their chain is intact. Only those: a case that
 * has signed heads is never signed again here, so deleting its newest head and restarting does
 * not bless a rewritten chain.
 */
export async function signLegacyHeads(db: Db, now = new Date()): Promise<number> {
  const unsigned = await db
    .selectFrom('cases')
    .select(['id', 'ledger_count', 'ledger_head'])
    .where('ledger_count', '>', 0)
    .where((eb) =>
      eb.not(
        eb.exists(eb.selectFrom('ledger_heads').select('sequence').whereRef('ledger_heads.case_id', '=', 'cases.id')),
      ),
    )
    .execute()
  let signed = 0
  for (const c of unsigned)
    await db.transaction().execute(async (trx) => {
      const verdict = verifyChain(await readLedger(trx, c.id), { caseId: c.id })
      // A broken chain is left unsigned for `lockstep ledger verify` to report.
      if (!verdict.ok || verdict.count !== c.ledger_count || verdict.head !== c.ledger_head) return
      await storeSignedHead(trx, {
        caseId: c.id,
        sequence: c.ledger_count,
        hash: c.ledger_head,
        signedAt: now.toISOString(),
      })
      signed++
    })
  return signed
}
