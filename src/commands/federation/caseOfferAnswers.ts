// Answering a case offered by a peer, and taking the peer's answer to ours. Accepting opens a
// shared case here from what crossed (its origin's address and the Invite's id kept on the offer
// and in the case's ledger), seats the accepting coordinator, and sends Accept (Vultron's
// RmAcceptInviteToCase) with the shared case's address; declining sends Reject
// (RmRejectInviteToCase) with the reason. Both in one transaction with the outbox row.
import { randomUUID } from 'node:crypto'
import type { Actor } from '../../domain/actor.js'
import { actorUserId } from '../../domain/actor.js'
import { ConflictError, NotFoundError } from '../../domain/errors.js'
import type { ActivityFacts } from '../../domain/federation/activities.js'
import { answerInvite, type SharedCaseObject } from '../../domain/federation/caseOffer.js'
import { actorOf, normalizeBaseUrl } from '../../domain/federation/peerDocument.js'
import { FederationRefusal } from '../../domain/federation/refusal.js'
import { authorize } from '../../domain/policy/index.js'
import { nextCounter } from '../../store/counters.js'
import { inTransaction, type Db } from '../../store/db.js'
import { enqueueActivity } from '../../store/federation/outbox.js'
import type { PeerRow } from '../../store/federation/peers.js'
import { appendLedger, ledgerActorOf } from '../../store/ledger.js'
import { seatCoordinator } from '../cases/openCase.js'
import { answerReceivedOffer, recordPeerAnswer, recordReceivedOffer } from '../transitions/peerOffer.js'
import { caseUrlOf, receivedOfferById } from './caseOffers.js'
import { announceAdvisoryTo, applyAdvisoryFromPeer, keepPeerAdvisory, ourAdvisory } from './peerAdvisories.js'
import { applyAnswersFromPeer } from './embargoAnswers.js'
import { settleHandoff, takeOverCase } from './caseHandoff.js'
import { applyEmbargoEndFromPeer, applyProposalFromPeer } from './peerEmbargoNegotiation.js'
import { applySharingFromPeer } from './peerSharing.js'
import { receiveReportFromPeer } from './reportOffers.js'
import { applyRulingFromPeer } from './reportRulings.js'
import { applyEmbargoFromPeer, sendTermsInForceTo } from './sharedEmbargo.js'

/** Opens the shared case from what crossed: title, summary, label, vulnerabilities, case-wide notes. */
async function openSharedCase(trx: Db, actor: Actor, offered: SharedCaseObject, peerName: string, now: Date) {
  const year = now.getUTCFullYear()
  const caseNumber = `LS-${year}-${String(await nextCounter(trx, `case-${year}`)).padStart(4, '0')}`
  const created = await trx
    .insertInto('cases')
    .values({
      case_number: caseNumber,
      title: offered.name,
      summary: offered.summary,
      tlp: offered['lockstep:tlp'],
      created_by: actorUserId(actor),
      created_at: now,
    })
    .returning(['id', 'case_number', 'title', 'tlp'])
    .executeTakeFirstOrThrow()
  const who = await ledgerActorOf(trx, actor)
  await appendLedger(
    trx,
    created.id,
    who,
    'case.opened',
    { caseNumber, title: created.title, tlp: created.tlp, reports: [], sharedFrom: offered.id },
    now,
  )
  for (const v of offered['lockstep:vulnerabilities']) {
    const row = await trx
      .insertInto('vulnerabilities')
      .values({
        case_id: created.id,
        title: v.title,
        description: v.description,
        cwe: v.cwe,
        cvss_vector: v.cvssVector,
        affected: JSON.stringify([]),
      })
      .returning(['id', 'title'])
      .executeTakeFirstOrThrow()
    await appendLedger(trx, created.id, who, 'vulnerability.added', { id: row.id, title: row.title }, now)
  }
  await seatCoordinator(trx, created.id, actor, who, now)
  // The origin's case-wide notes, said to come from there (no author here: they are the peer's).
  for (const n of offered['lockstep:notes'])
    await trx
      .insertInto('case_messages')
      .values({ case_id: created.id, body: `From ${peerName}: ${n.content}`.slice(0, 100000), tlp: n.tlp })
      .execute()
  return created
}

export async function answerOffer(
  db: Db,
  actor: Actor,
  o: { offerId: string; accept: boolean; reason?: string | undefined; ourBaseUrl: string; now?: Date },
): Promise<{ caseNumber: string | null; activityId: string }> {
  authorize(actor, 'answer_peer_offer', { type: 'instance' })
  const now = o.now ?? new Date()
  return inTransaction(db, async (trx) => {
    const offer = await receivedOfferById(trx, o.offerId)
    if (!offer) throw new NotFoundError('offer')
    if (offer.state !== 'offered') throw new ConflictError(`This offer was ${offer.state} already.`)
    const peer = await trx.selectFrom('federation_peers').selectAll().where('id', '=', offer.peer_id).executeTakeFirst()
    if (!peer || peer.state !== 'pinned')
      throw new ConflictError(`${offer.base_url} is no longer a confirmed peer: its offer cannot be answered.`)
    const ours = normalizeBaseUrl(o.ourBaseUrl)
    const activityId = `${ours}/federation/activities/${randomUUID()}`
    const shared = o.accept
      ? await openSharedCase(trx, actor, offer.offered_case as SharedCaseObject, peer.name, now)
      : undefined
    const sharedCaseUrl = shared ? caseUrlOf(ours, shared.case_number) : undefined
    const reason = o.reason?.trim() || null
    const who = { ...(await ledgerActorOf(trx, actor)), userId: actorUserId(actor) }
    // Taken over before our advisory is made, so that the first owner's draft is its first version.
    if (shared && offer.kind === 'handoff')
      await takeOverCase(trx, actor, who, {
        caseId: shared.id,
        offered: offer.offered_case as object,
        peer,
        originCaseUrl: offer.origin_case_url,
      })
    // Our advisory for the shared case crosses in the Accept, so the peer's advisory can name it.
    const advisory = shared ? await ourAdvisory(trx, shared.id, ours) : undefined
    const activity = answerInvite({
      id: activityId,
      from: actorOf(ours),
      to: actorOf(peer.base_url),
      inviteId: offer.invite_activity_id,
      accepted: o.accept,
      ...(sharedCaseUrl ? { sharedCaseUrl } : {}),
      ...(reason ? { reason } : {}),
      ...(advisory ? { advisory } : {}),
      at: now,
    })
    await enqueueActivity(trx, {
      peerId: peer.id,
      activityId,
      activityType: o.accept ? 'Accept' : 'Reject',
      body: JSON.stringify(activity),
    })
    await answerReceivedOffer(
      trx,
      who,
      offer,
      {
        accepted: o.accept,
        answerActivityId: activityId,
        reason,
        ...(shared ? { shared: { caseId: shared.id, caseUrl: sharedCaseUrl!, caseNumber: shared.case_number } } : {}),
      },
      now,
    )
    return { caseNumber: shared?.case_number ?? null, activityId }
  })
}

/**
 * Applies a case-protocol activity taken into the inbox (in its transaction): an Invite is kept as
 * an offer for the coordinators here; an Accept or Reject moves our offer it answers. An answer to
 * an offer we never sent to that peer is refused (422): the peer cannot answer others' offers.
 */
export async function applyCaseActivity(
  trx: Db,
  peer: PeerRow,
  facts: ActivityFacts,
  /** This instance's address (the inbox the message was signed for, less its path). */
  ourBaseUrl: string,
): Promise<void> {
  const c = facts.caseActivity
  if (!c) return
  if (c.kind === 'report')
    return receiveReportFromPeer(trx, peer, { activityId: facts.id, report: c.report, ourBaseUrl })
  if (c.kind === 'invite') {
    await recordReceivedOffer(trx, {
      peerId: peer.id,
      inviteActivityId: facts.id,
      originCaseUrl: c.caseObject.id,
      offered: { ...c.caseObject, ...c.handoff } as never,
      finderShared: c.caseObject['lockstep:finders'].some((f) => f.name !== null),
      handoff: c.handoff !== undefined,
    })
    return
  }
  if (c.kind === 'embargo')
    return applyEmbargoFromPeer(trx, peer, { activityId: facts.id, senderCaseUrl: c.senderCaseUrl, endsAt: c.endsAt })
  if (c.kind === 'advisory') return applyAdvisoryFromPeer(trx, peer, c)
  if (c.kind === 'embargo-proposal') return applyProposalFromPeer(trx, peer, facts.id, c)
  if (c.kind === 'embargo-end') return applyEmbargoEndFromPeer(trx, peer, c)
  if (c.kind === 'note' || c.kind === 'vendor-status' || c.kind === 'case-status' || c.kind === 'statement')
    return applySharingFromPeer(trx, peer, facts.id, c)
  if (c.kind === 'embargo-answers') return applyAnswersFromPeer(trx, peer, facts.id, c)
  // RmValidateReport / RmCloseReport: a peer's ruling on a report we sent it.
  const ruling = { offerId: c.inviteId, accepted: c.accepted, activityId: facts.id, reason: c.reason }
  if (await applyRulingFromPeer(trx, peer, ruling)) return
  const offer = await trx
    .selectFrom('federation_case_offers')
    .selectAll()
    .where('direction', '=', 'sent')
    .where('peer_id', '=', peer.id)
    .where('invite_activity_id', '=', c.inviteId)
    .forUpdate()
    .executeTakeFirst()
  if (!offer) throw new FederationRefusal('bad-activity', 'this answers no invitation sent to this instance')
  const moved = await recordPeerAnswer(
    trx,
    { ...offer, base_url: peer.base_url },
    { accepted: c.accepted, answerActivityId: facts.id, sharedCaseUrl: c.sharedCaseUrl, reason: c.reason },
  )
  if (offer.kind === 'handoff') return settleHandoff(trx, peer, offer, { moved, activityId: facts.id, ...c })
  if (!moved || !c.accepted || !offer.case_id) return
  // The advisories name each other: the peer's came in its Accept, ours goes back in an Announce.
  if (c.advisory) await keepPeerAdvisory(trx, peer, offer.case_id, c.advisory)
  await announceAdvisoryTo(trx, offer.case_id, peer.id)
  // Terms already in force here go to the peer that just joined, so both release at one instant.
  await sendTermsInForceTo(trx, offer.case_id, peer.id)
}
