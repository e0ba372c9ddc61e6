// The peer machine: added (pending, its key fetched but not trusted) → pinned (an admin confirmed
// the fingerprint out of band) → removed (its messages refused; the row stays for the ledger and
// the outbox rows that name it). Re-adding a removed peer starts again at pending, with the key
// fetched anew. Each move writes the state and the instance ledger entry in the caller's transaction.
import { ConflictError } from '../../domain/errors.js'
import type { LedgerActor } from '../../domain/ledger.js'
import { fingerprintOf } from '../../security/federationKey.js'
import type { Db } from '../../store/db.js'
import { appendInstanceLedger } from '../../store/federation/instanceLedger.js'
import type { PeerRow } from '../../store/federation/peers.js'

export interface FetchedPeer {
  baseUrl: string
  name: string
  inbox: string
  keyId: string
  publicKeyPem: string
}

export async function addPeerState(
  trx: Db,
  actor: LedgerActor & { userId: string | null },
  peer: FetchedPeer,
  existing: PeerRow | undefined,
): Promise<PeerRow> {
  if (existing && existing.state !== 'removed')
    throw new ConflictError(
      `${peer.baseUrl} is already a peer (${existing.state}); remove it first to fetch its key again.`,
    )
  const values = {
    base_url: peer.baseUrl,
    name: peer.name,
    inbox_url: peer.inbox,
    key_id: peer.keyId,
    public_key_pem: peer.publicKeyPem,
    state: 'pending' as const,
    added_by: actor.userId,
    pinned_at: null,
    pinned_by: null,
  }
  const row = existing
    ? await trx
        .updateTable('federation_peers')
        .set(values)
        .where('id', '=', existing.id)
        .returningAll()
        .executeTakeFirstOrThrow()
    : await trx.insertInto('federation_peers').values(values).returningAll().executeTakeFirstOrThrow()
  await appendInstanceLedger(trx, actor, 'peer.added', {
    peerId: row.id,
    baseUrl: row.base_url,
    name: row.name,
    keyId: row.key_id,
    fingerprint: fingerprintOf(row.key_id),
  })
  return row
}

export async function pinPeerState(
  trx: Db,
  actor: LedgerActor & { userId: string | null },
  peer: PeerRow,
): Promise<PeerRow> {
  if (peer.state !== 'pending')
    throw new ConflictError(`The peer ${peer.base_url} is ${peer.state}, not waiting for confirmation.`)
  const row = await trx
    .updateTable('federation_peers')
    .set({ state: 'pinned', pinned_at: new Date(), pinned_by: actor.userId })
    .where('id', '=', peer.id)
    .where('state', '=', 'pending')
    .returningAll()
    .executeTakeFirst()
  if (!row) throw new ConflictError(`The peer ${peer.base_url} changed meanwhile; look again.`)
  await appendInstanceLedger(trx, actor, 'peer.pinned', { peerId: row.id, baseUrl: row.base_url, keyId: row.key_id })
  return row
}

export async function removePeerState(trx: Db, actor: LedgerActor, peer: PeerRow): Promise<void> {
  if (peer.state === 'removed') return
  await trx.updateTable('federation_peers').set({ state: 'removed' }).where('id', '=', peer.id).execute()
  await appendInstanceLedger(trx, actor, 'peer.removed', {
    peerId: peer.id,
    baseUrl: peer.base_url,
    keyId: peer.key_id,
  })
}
