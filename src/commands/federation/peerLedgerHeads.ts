// Each side of a shared case records the other's signed ledger head (issue 17: "the ledgers can be
// compared"). Every case-protocol message sent to a sharing peer carries the case's latest signed
// head here (`lockstep:ledgerHead`) with the ledger public key that signed it, and the head we
// hold of the peer's own ledger (`lockstep:yourLedgerHead`); the message itself is signed with our
// pinned federation key, so the peer may trust that key as ours. The receiver checks the head's
// signature against that key, keeps the latest head per case and peer, and compares both ways
// (domain/federation/ledgerAgreement.ts): the new head against the one kept before, and the head
// the peer holds of our ledger against our own entries. A disagreement is kept on the row and
// written to the case's ledger once; GET /cases/:id/ledger/heads answers all of it.
import { readSavedHeads, type SignedHead } from '../../domain/ledgerHead.js'
import {
  heldHeadDisagreement,
  peerHeadDisagreement,
  readHeldHead,
  type HeldHead,
} from '../../domain/federation/ledgerAgreement.js'
import { appendLedger } from '../../store/ledger.js'
import { sql } from 'kysely'
import type { Db } from '../../store/db.js'
import type { PeerRow } from '../../store/federation/peers.js'
import { ensureLedgerKey } from '../../store/ledgerHeads.js'
import { caseSharedWith } from './sharedEmbargo.js'
import { headSignatureHolds, ledgerKeyId, readLedgerPublicKey } from '../../security/ledgerKey.js'

/** The case's latest signed head and the public key that checks it, as it travels to the peers. */
export async function ourLedgerHead(trx: Db, caseId: string) {
  const row = await trx
    .selectFrom('ledger_heads')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('sequence', 'desc')
    .limit(1)
    .executeTakeFirst()
  if (!row) return null
  const key = await ensureLedgerKey(trx)
  return {
    caseId: row.case_id,
    sequence: row.sequence,
    hash: row.hash,
    signedAt: row.signed_at,
    keyId: row.key_id,
    signature: row.signature,
    publicKeyPem: key.publicKeyPem,
  }
}

/** Whether the head is signed by the key sent with it (and that key is the one the head names). */
function verified(head: SignedHead, publicKeyPem: unknown): boolean {
  if (typeof publicKeyPem !== 'string' || publicKeyPem.length > 2000) return false
  try {
    const key = readLedgerPublicKey(publicKeyPem)
    return ledgerKeyId(key) === head.keyId && headSignatureHolds(key, head)
  } catch {
    return false
  }
}

/**
 * Keeps the peer's head carried by an activity it sent about a case shared with it (in the
 * activity's transaction), and compares the two ledgers as far as the activity allows. A head that
 * is not one, or of no case shared with that peer, is left out without refusing the activity: the
 * head is a record, not part of the protocol's moves.
 */
export async function keepPeerLedgerHead(trx: Db, peer: PeerRow, activity: unknown, now = new Date()) {
  const a = activity as Record<string, unknown>
  const carried = a['lockstep:ledgerHead'] as Record<string, unknown> | undefined
  if (!carried || typeof carried !== 'object' || typeof a.context !== 'string') return
  let head: SignedHead
  try {
    head = readSavedHeads(carried)[0]!
  } catch {
    return
  }
  const peerCaseUrl = a.context
  let caseId: string
  try {
    caseId = await caseSharedWith(trx, peer, peerCaseUrl)
  } catch {
    return // of no case shared with that peer (a refusal of the activity itself comes from its own reader)
  }
  const kept = await trx
    .selectFrom('federation_peer_ledger_heads')
    .select(['sequence', 'hash', 'key_id as keyId', 'verified', 'disagreement'])
    .where('case_id', '=', caseId)
    .where('peer_id', '=', peer.id)
    .executeTakeFirst()
  const row = {
    peer_case_url: peerCaseUrl,
    sequence: head.sequence,
    hash: head.hash.slice(0, 200),
    signed_at: head.signedAt.slice(0, 40),
    key_id: head.keyId.slice(0, 200),
    signature: head.signature.slice(0, 500),
    verified: verified(head, carried.publicKeyPem),
    received_at: now,
  }
  await trx
    .insertInto('federation_peer_ledger_heads')
    .values({ case_id: caseId, peer_id: peer.id, ...row })
    .onConflict((oc) =>
      oc
        .columns(['case_id', 'peer_id'])
        .doUpdateSet(row)
        // Messages may arrive out of order: a head never goes back.
        .where('federation_peer_ledger_heads.sequence', '<=', head.sequence),
    )
    .execute()
  const held = readHeldHead(a['lockstep:yourLedgerHead'])
  const heldProblem = held ? await heldHeadProblem(trx, caseId, held, peer.name) : null
  const problem = peerHeadDisagreement(kept, { ...head, verified: row.verified }, peer.name) ?? heldProblem
  // One update for what this message showed: the head of ours it confirms, the first disagreement.
  const confirmed = held && !heldProblem
  const firstProblem = problem && !kept?.disagreement ? problem : null
  if (!confirmed && !firstProblem) return
  await trx
    .updateTable('federation_peer_ledger_heads')
    .set({
      ...(confirmed
        ? { confirmed_sequence: sql`greatest(confirmed_sequence, ${held.sequence})`, confirmed_at: now }
        : {}),
      // The first disagreement stays, with its entry on the ledger; later ones add nothing new to do.
      ...(firstProblem ? { disagreement: firstProblem, disagreement_at: now } : {}),
    })
    .where('case_id', '=', caseId)
    .where('peer_id', '=', peer.id)
    .execute()
  if (firstProblem)
    await appendLedger(trx, caseId, ledgerAuditor, 'case.peer_ledger_disagrees', {
      peer: peer.base_url,
      peerName: peer.name,
      reason: firstProblem,
    })
}

const ledgerAuditor = { id: 'system', displayName: 'Lockstep (ledger comparison)' }

/** Compares the head a peer holds of our ledger with our own entry at its sequence. */
async function heldHeadProblem(trx: Db, caseId: string, held: HeldHead, peer: string) {
  const entry = await trx
    .selectFrom('ledger_entries')
    .select('hash')
    .where('case_id', '=', caseId)
    .where('sequence', '=', held.sequence)
    .executeTakeFirst()
  if (entry) return heldHeadDisagreement(held, entry.hash, held.sequence, peer)
  // Only a missing entry needs the ledger's length, to say how short it is.
  const { ledger_count } = await trx
    .selectFrom('cases')
    .select('ledger_count')
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow()
  return heldHeadDisagreement(held, undefined, ledger_count, peer)
}

/** The head we hold of each sharing peer's ledger for the case, to send back with our messages. */
export async function heldPeerHeads(trx: Db, caseId: string): Promise<Map<string, HeldHead>> {
  const rows = await trx
    .selectFrom('federation_peer_ledger_heads')
    .select(['peer_id', 'sequence', 'hash'])
    .where('case_id', '=', caseId)
    .where('verified', '=', true)
    .execute()
  return new Map(rows.map((r) => [r.peer_id, { sequence: r.sequence, hash: r.hash }]))
}

/** The heads the peers sharing the case sent last, with the verdict on each signature. */
export async function peerLedgerHeadsOf(db: Db, caseId: string) {
  const rows = await db
    .selectFrom('federation_peer_ledger_heads')
    .innerJoin('federation_peers', 'federation_peers.id', 'federation_peer_ledger_heads.peer_id')
    .select([
      'federation_peers.name as peer',
      'federation_peers.base_url as peerUrl',
      'federation_peer_ledger_heads.peer_case_url as peerCaseUrl',
      'federation_peer_ledger_heads.sequence',
      'federation_peer_ledger_heads.hash',
      'federation_peer_ledger_heads.signed_at as signedAt',
      'federation_peer_ledger_heads.key_id as keyId',
      'federation_peer_ledger_heads.signature',
      'federation_peer_ledger_heads.verified',
      'federation_peer_ledger_heads.received_at as receivedAt',
      'federation_peer_ledger_heads.disagreement',
      'federation_peer_ledger_heads.disagreement_at as disagreementAt',
      'federation_peer_ledger_heads.confirmed_sequence as confirmedSequence',
      'federation_peer_ledger_heads.confirmed_at as confirmedAt',
    ])
    .where('federation_peer_ledger_heads.case_id', '=', caseId)
    .orderBy('federation_peers.name')
    .execute()
  return rows.map((r) => ({
    ...r,
    receivedAt: r.receivedAt.toISOString(),
    disagreementAt: r.disagreementAt?.toISOString() ?? null,
    confirmedAt: r.confirmedAt?.toISOString() ?? null,
  }))
}
