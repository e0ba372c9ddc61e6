// Onward notification (issue 17 item 6; NIS2 and the Cyber Resilience Act ask a coordinating
// CSIRT to pass a notification on to the CSIRTs of the other member states concerned): one case
// offered to several pinned peers in one request, each offer its own Invite in the outbox, all in
// one transaction (all are queued or none); for each peer, when it was told (the offer), when the
// message reached it (the outbox's delivery) and when it answered; and a peer deliberately told
// later, with the justification, as a ledger entry of the case.
import type { Actor } from '../../domain/actor.js'
import { inTransaction, type Db } from '../../store/db.js'
import { appendLedger, ledgerActorOf } from '../../store/ledger.js'
import { loadCaseFor } from '../cases/caseAccess.js'
import { offerCaseToPeer } from './caseOffers.js'
import { checkPeerList, deferralEntry, deferralOf, justificationOf, offersOfSubject } from './peersTold.js'

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

/** A peer deliberately told later: who decided, why, and until when, on the case's ledger. */
export async function deferPeerOffer(
  db: Db,
  actor: Actor,
  o: { caseId: string; peerId: string; justification: string; until?: Date | undefined; now?: Date },
): Promise<{ deferredAt: string }> {
  const justification = justificationOf(o.justification)
  return inTransaction(db, async (trx) => {
    const { row } = await loadCaseFor(trx, actor, o.caseId, 'offer_to_peer')
    const entry = await deferralEntry(trx, 'case', row.id, { ...o, justification })
    const at = o.now ?? new Date()
    await appendLedger(trx, row.id, await ledgerActorOf(trx, actor), 'case.peer_offer_deferred', entry, at)
    return { deferredAt: at.toISOString() }
  })
}

/** Per peer: when it was told of the case, when that reached it, when it answered; and the deferrals. */
export async function peersToldOf(db: Db, actor: Actor, caseId: string) {
  const { row } = await loadCaseFor(db, actor, caseId, 'read_ledger')
  const [offers, deferred] = await Promise.all([
    offersOfSubject(db, 'case', row.id, ['kind']),
    db
      .selectFrom('ledger_entries')
      .select(['instant', 'actor_name', 'payload'])
      .where('case_id', '=', row.id)
      .where('kind', '=', 'case.peer_offer_deferred')
      .orderBy('sequence')
      .execute(),
  ])
  return {
    told: offers.filter((o) => o.direction === 'sent').map(({ direction: _, ...told }) => told),
    deferred: deferred.map((d) => deferralOf(d.payload, new Date(d.instant), d.actor_name)),
  }
}
