// Each side of a shared case records the other's signed ledger head (issue 17: "the ledgers can be
// compared"). Every case-protocol message sent to a sharing peer carries the case's latest signed
// head here (`lockstep:ledgerHead`) with the ledger public key that signed it; the message itself
// is signed with our pinned federation key, so the peer may trust that key as ours. The receiver
// checks the head's signature against that key and keeps the latest head per case and peer, with
// the verdict: a coordinator compares it with what the peer's case ledger shows (their
// GET /cases/:id/ledger/heads answers both sides' heads).
import { readSavedHeads, type SignedHead } from '../../domain/ledgerHead.js'
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
 * activity's transaction). A head that is not one, or of no case shared with that peer, is left
 * out without refusing the activity: the head is a record, not part of the protocol's moves.
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
    ])
    .where('federation_peer_ledger_heads.case_id', '=', caseId)
    .orderBy('federation_peers.name')
    .execute()
  return rows.map((r) => ({ ...r, receivedAt: r.receivedAt.toISOString() }))
}
