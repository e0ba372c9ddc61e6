// Use cases of peers: publishing this instance's description, adding a peer by its address (its
// description fetched, its key kept but not trusted), confirming its fingerprint (the key pinned),
// removing it, and listing them. Only the instance admin (policy: instance.manage_peers).
import type { Config } from '../../config.js'
import type { Actor } from '../../domain/actor.js'
import { ValidationError } from '../../domain/errors.js'
import {
  actorOf,
  normalizeBaseUrl,
  readPeerDocument,
  PEER_DOCUMENT_TYPE,
  type PeerDocument,
} from '../../domain/federation/peerDocument.js'
import { INBOX_PATH } from '../../domain/federation/rules.js'
import { authorize } from '../../domain/policy/index.js'
import {
  federationKeyId,
  fingerprintOf,
  rawPublicKey,
  readFederationPublicKey,
  sameFingerprint,
} from '../../security/federationKey.js'
import { inTransaction, isUuid, type Db } from '../../store/db.js'
import { ensureFederationKey } from '../../store/federation/key.js'
import { listPeers, peerByBaseUrl, peerById, type PeerRow } from '../../store/federation/peers.js'
import { ledgerActorOf } from '../../store/ledger.js'
import { NotFoundError } from '../../domain/errors.js'
import { addPeerState, pinPeerState, removePeerState } from '../transitions/peerState.js'

/** Fetches `<baseUrl>/.well-known/lockstep-peer` (an adapter: HTTP is not the commands' business). */
export type FetchPeerDocument = (baseUrl: string) => Promise<unknown>

/** The instance's name among peers: the publisher named in its advisories, or its host. */
export const instanceName = (config: Config): string => config.release.publisherName ?? new URL(config.publicUrl).host

export async function ourPeerDocument(db: Db, config: Config): Promise<PeerDocument> {
  const key = await ensureFederationKey(db)
  const baseUrl = normalizeBaseUrl(config.publicUrl)
  return {
    type: PEER_DOCUMENT_TYPE,
    version: 1,
    baseUrl,
    name: instanceName(config),
    inbox: `${baseUrl}${INBOX_PATH}`,
    actor: actorOf(baseUrl),
    algorithm: 'ed25519',
    keyId: key.keyId,
    publicKeyPem: key.publicKeyPem,
    publicKey: rawPublicKey(key.publicKeyPem),
    fingerprint: fingerprintOf(key.keyId),
  }
}

async function actorFor(db: Db, actor: Actor) {
  return { ...(await ledgerActorOf(db, actor)), userId: actor.kind === 'user' ? actor.userId : null }
}

export async function addPeer(
  db: Db,
  actor: Actor,
  o: { url: string; fetchDocument: FetchPeerDocument; ourBaseUrl: string },
): Promise<PeerRow> {
  authorize(actor, 'manage_peers', { type: 'instance' })
  const baseUrl = normalizeBaseUrl(o.url)
  if (baseUrl === normalizeBaseUrl(o.ourBaseUrl))
    throw new ValidationError({ field: 'url', message: 'is this instance itself' })
  const fetched = await o.fetchDocument(baseUrl)
  const doc = readPeerDocument(fetched, baseUrl)
  try {
    readFederationPublicKey(doc.publicKeyPem)
  } catch {
    throw new ValidationError({ field: 'publicKeyPem', message: "the peer's document holds no Ed25519 public key" })
  }
  // The key id is computed here, never taken from the document: the fingerprint shown is the key's.
  const keyId = federationKeyId(doc.publicKeyPem)
  if (keyId !== doc.keyId)
    throw new ValidationError({ field: 'keyId', message: "does not match the peer's public key" })
  const ledgerActor = await actorFor(db, actor)
  return inTransaction(db, async (trx) =>
    addPeerState(trx, ledgerActor, { ...doc, keyId }, await peerByBaseUrl(trx, baseUrl)),
  )
}

/** Pins the peer's key once the admin typed the fingerprint they got from the peer's admin. */
export async function confirmPeer(db: Db, actor: Actor, o: { peerId: string; fingerprint: string }): Promise<PeerRow> {
  authorize(actor, 'manage_peers', { type: 'instance' })
  const ledgerActor = await actorFor(db, actor)
  if (!isUuid(o.peerId)) throw new NotFoundError('peer')
  return inTransaction(db, async (trx) => {
    const peer = await trx
      .selectFrom('federation_peers')
      .selectAll()
      .where('id', '=', o.peerId)
      .forUpdate()
      .executeTakeFirst()
    if (!peer || peer.state === 'removed') throw new NotFoundError('peer')
    if (!sameFingerprint(o.fingerprint, peer.key_id))
      throw new ValidationError({
        field: 'fingerprint',
        message: "is not the fingerprint of the key this peer published: do not confirm, ask the peer's admin",
      })
    return pinPeerState(trx, ledgerActor, peer)
  })
}

export async function removePeer(db: Db, actor: Actor, peerId: string): Promise<void> {
  authorize(actor, 'manage_peers', { type: 'instance' })
  const ledgerActor = await ledgerActorOf(db, actor)
  await inTransaction(db, async (trx) => {
    const peer = await peerById(trx, peerId)
    if (!peer || peer.state === 'removed') throw new NotFoundError('peer')
    await removePeerState(trx, ledgerActor, peer)
  })
}

export async function peersFor(db: Db, actor: Actor): Promise<PeerRow[]> {
  authorize(actor, 'list_peers', { type: 'instance' })
  return listPeers(db)
}

/** A peer by its id or its address, for the CLI (`lockstep peers confirm <url>`). */
export async function findPeer(db: Db, actor: Actor, idOrUrl: string): Promise<PeerRow> {
  authorize(actor, 'list_peers', { type: 'instance' })
  const peer = /^https?:\/\//.test(idOrUrl)
    ? await peerByBaseUrl(db, normalizeBaseUrl(idOrUrl))
    : isUuid(idOrUrl)
      ? await peerById(db, idOrUrl)
      : undefined
  if (!peer || peer.state === 'removed') throw new NotFoundError('peer')
  return peer
}
