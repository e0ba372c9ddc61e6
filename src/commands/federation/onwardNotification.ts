// Onward notification (issue 17 item 6; NIS2 and the Cyber Resilience Act ask a coordinating
// CSIRT to pass a notification on to the CSIRTs of the other member states concerned): one case
// offered to several pinned peers in one request, each offer its own Invite in the outbox, all in
// one transaction (all are queued or none); for each peer, when it was told (the offer), when the
// message reached it (the outbox's delivery) and when it answered; and a peer deliberately told
// later, with the justification, as a ledger entry of the case.
import type { Actor } from '../../domain/actor.js'
import { ConflictError, ValidationError, type FieldProblem } from '../../domain/errors.js'
import { inTransaction, isUuid, type Db } from '../../store/db.js'
import { appendLedger, ledgerActorOf } from '../../store/ledger.js'
import { loadCaseFor } from '../cases/caseAccess.js'
import { offerCaseToPeer } from './caseOffers.js'

export const pinnedPeers = async (trx: Db, ids: string[]) =>
  ids.some(isUuid)
    ? trx
        .selectFrom('federation_peers')
        .select(['id', 'name', 'base_url'])
        .where('state', '=', 'pinned')
        .where('id', 'in', ids.filter(isUuid))
        .execute()
    : []

/**
 * Refuses (422) a list of peers to tell at once that names no peer, one not pinned here or one
 * twice, each by its place (`peerIds.1`), before anything is queued.
 */
export async function checkPeerList(trx: Db, peerIds: string[]): Promise<void> {
  const pinned = new Set((await pinnedPeers(trx, peerIds)).map((p) => p.id))
  const problems: FieldProblem[] = peerIds.flatMap((id, i) =>
    !pinned.has(id)
      ? [{ field: `peerIds.${i}`, message: 'is not a peer whose fingerprint was confirmed here' }]
      : peerIds.indexOf(id) !== i
        ? [{ field: `peerIds.${i}`, message: 'names the same peer twice' }]
        : [],
  )
  if (!peerIds.length) problems.push({ field: 'peerIds', message: 'names no peer' })
  if (problems.length) throw new ValidationError(problems)
}

/** The case offered to every peer of `peerIds`; a peer that is not pinned here is refused (422, `peerIds.N`). */
export async function offerCaseToPeers(
  db: Db,
  actor: Actor,
  o: { caseId: string; peerIds: string[]; finderConsent: boolean; ourBaseUrl: string },
) {
  return inTransaction(db, async (trx) => {
    const { row } = await loadCaseFor(trx, actor, o.caseId, 'offer_to_peer')
    await checkPeerList(trx, o.peerIds)
    const offers = []
    for (const peerId of o.peerIds)
      offers.push({ peerId, ...(await offerCaseToPeer(trx, actor, { ...o, caseId: row.id, peerId })) })
    return offers
  })
}

/** A deferral's justification, trimmed; an empty one is refused (422). */
export function justificationOf(text: string): string {
  const justification = text.trim()
  if (!justification) throw new ValidationError({ field: 'justification', message: 'is empty: say why' })
  return justification
}

/** The pinned peer to be told later (422 when it is none), refused (409) once told of the `what` already. */
export async function peerNotToldYet(
  trx: Db,
  peerId: string,
  what: 'case' | 'report',
  toldOffer: (peerId: string) => Promise<unknown>,
) {
  const [peer] = await pinnedPeers(trx, [peerId])
  if (!peer)
    throw new ValidationError({ field: 'peerId', message: 'is not a peer whose fingerprint was confirmed here' })
  if (await toldOffer(peer.id)) throw new ConflictError(`${peer.name} was told of this ${what} already.`)
  return peer
}

/** A peer deliberately told later: who decided, why, and until when, on the case's ledger. */
export async function deferPeerOffer(
  db: Db,
  actor: Actor,
  o: { caseId: string; peerId: string; justification: string; until?: Date | undefined; now?: Date },
): Promise<{ deferredAt: string }> {
  const justification = justificationOf(o.justification)
  return inTransaction(db, async (trx) => {
    const { row } = await loadCaseFor(trx, actor, o.caseId, 'offer_to_peer')
    const peer = await peerNotToldYet(trx, o.peerId, 'case', (peerId) =>
      trx
        .selectFrom('federation_case_offers')
        .select('id')
        .where('direction', '=', 'sent')
        .where('case_id', '=', row.id)
        .where('peer_id', '=', peerId)
        .executeTakeFirst(),
    )
    const at = o.now ?? new Date()
    await appendLedger(
      trx,
      row.id,
      await ledgerActorOf(trx, actor),
      'case.peer_offer_deferred',
      {
        peer: peer.base_url,
        peerName: peer.name,
        peerId: peer.id,
        justification,
        until: o.until?.toISOString() ?? null,
      },
      at,
    )
    return { deferredAt: at.toISOString() }
  })
}

/** A deferral as listed beside the peers told, from its entry (a case's ledger or a report's history). */
export function deferralOf(payload: unknown, at: Date, by: string) {
  const p = payload as { peerId: string; peerName: string; justification: string; until: string | null }
  return {
    peerId: p.peerId,
    peerName: p.peerName,
    justification: p.justification,
    until: p.until,
    decidedAt: at.toISOString(),
    decidedBy: by,
  }
}

/** Per peer: when it was told of the case, when that reached it, when it answered; and the deferrals. */
export async function peersToldOf(db: Db, actor: Actor, caseId: string) {
  const { row } = await loadCaseFor(db, actor, caseId, 'read_ledger')
  const [told, deferred] = await Promise.all([
    db
      .selectFrom('federation_case_offers')
      .innerJoin('federation_peers', 'federation_peers.id', 'federation_case_offers.peer_id')
      .leftJoin('federation_outbox', (j) =>
        j
          .onRef('federation_outbox.activity_id', '=', 'federation_case_offers.invite_activity_id')
          .onRef('federation_outbox.peer_id', '=', 'federation_case_offers.peer_id'),
      )
      .select([
        'federation_peers.id as peerId',
        'federation_peers.name as peerName',
        'federation_case_offers.kind',
        'federation_case_offers.state',
        'federation_case_offers.created_at as toldAt',
        'federation_outbox.delivered_at as deliveredAt',
        'federation_case_offers.answered_at as answeredAt',
      ])
      .where('federation_case_offers.direction', '=', 'sent')
      .where('federation_case_offers.case_id', '=', row.id)
      // Offers sent in one request share their instant: then by the peer's name.
      .orderBy('federation_case_offers.created_at')
      .orderBy('federation_peers.name')
      .execute(),
    db
      .selectFrom('ledger_entries')
      .select(['instant', 'actor_name', 'payload'])
      .where('case_id', '=', row.id)
      .where('kind', '=', 'case.peer_offer_deferred')
      .orderBy('sequence')
      .execute(),
  ])
  return {
    told,
    deferred: deferred.map((d) => deferralOf(d.payload, new Date(d.instant), d.actor_name)),
  }
}
