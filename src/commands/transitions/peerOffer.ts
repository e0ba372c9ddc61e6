// The case offer machine (federation's case protocol): offered → accepted | declined, on both
// sides. The offering side records its Invite on the case's ledger as it is written to the outbox,
// and the peer's answer when it arrives; the receiving side keeps the offer until a coordinator
// answers it, then records the answer on the instance ledger and, on acceptance, the link to the
// origin on the shared case's ledger. Each move writes the state and its entry in the caller's
// transaction; an offer already answered is not answered again.
import { ConflictError } from '../../domain/errors.js'
import type { JsonValue, LedgerActor } from '../../domain/ledger.js'
import type { Db } from '../../store/db.js'
import { appendInstanceLedger } from '../../store/federation/instanceLedger.js'
import { appendLedger } from '../../store/ledger.js'
import { answerColumns, answeredState, whileOffered } from './offerAnswer.js'
import type { Selectable } from 'kysely'
import type { FederationCaseOffersTable } from '../../store/schemaFederation.js'

export type CaseOfferRow = Selectable<FederationCaseOffersTable>

export async function recordSentOffer(
  trx: Db,
  who: LedgerActor & { userId: string | null },
  o: {
    caseId: string
    peer: { id: string; base_url: string }
    inviteActivityId: string
    originCaseUrl: string
    offered: JsonValue
    finderShared: boolean
    crossed: JsonValue
    /** A hand-over (RmOfferCaseOwnershipTransfer) rather than an invitation to share. */
    handoff?: boolean
  },
): Promise<CaseOfferRow> {
  const row = await trx
    .insertInto('federation_case_offers')
    .values({
      direction: 'sent',
      peer_id: o.peer.id,
      case_id: o.caseId,
      invite_activity_id: o.inviteActivityId,
      origin_case_url: o.originCaseUrl,
      offered_case: JSON.stringify(o.offered),
      finder_shared: o.finderShared,
      state: 'offered',
      offered_by: who.userId,
      kind: o.handoff ? 'handoff' : 'invite',
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  await appendLedger(trx, o.caseId, who, o.handoff ? 'case.handoff_offered' : 'case.offered_to_peer', {
    peer: o.peer.base_url,
    activityId: o.inviteActivityId,
    activityType: o.handoff ? 'Offer' : 'Invite',
    crossed: o.crossed,
  })
  return row
}

/** A peer's Invite, kept until a coordinator here answers it (a repeated one is kept once). */
export async function recordReceivedOffer(
  trx: Db,
  o: {
    peerId: string
    inviteActivityId: string
    originCaseUrl: string
    offered: JsonValue
    finderShared: boolean
    handoff?: boolean
  },
): Promise<void> {
  await trx
    .insertInto('federation_case_offers')
    .values({
      direction: 'received',
      peer_id: o.peerId,
      invite_activity_id: o.inviteActivityId,
      origin_case_url: o.originCaseUrl,
      offered_case: JSON.stringify(o.offered),
      finder_shared: o.finderShared,
      state: 'offered',
      kind: o.handoff ? 'handoff' : 'invite',
    })
    .onConflict((oc) => oc.columns(['direction', 'peer_id', 'invite_activity_id']).doNothing())
    .execute()
}

/** A coordinator here answers a peer's offer: accepted with the shared case opened, or declined. */
export async function answerReceivedOffer(
  trx: Db,
  who: LedgerActor & { userId: string | null },
  offer: CaseOfferRow & { base_url: string },
  a: {
    accepted: boolean
    answerActivityId: string
    reason: string | null
    shared?: { caseId: string; caseUrl: string; caseNumber: string }
  },
  now = new Date(),
): Promise<void> {
  const row = await whileOffered(
    trx.updateTable('federation_case_offers').set({
      state: answeredState(a.accepted),
      case_id: a.shared?.caseId ?? null,
      shared_case_url: a.shared?.caseUrl ?? null,
      answered_by: who.userId,
      ...answerColumns(a.answerActivityId, a.reason, now),
    }),
    offer.id,
  )
  if (!row) throw new ConflictError('This offer was answered already.')
  const entry = {
    peer: offer.base_url,
    originCaseUrl: offer.origin_case_url,
    inviteActivityId: offer.invite_activity_id,
    answerActivityId: a.answerActivityId,
    accepted: a.accepted,
    reason: a.reason,
  }
  await appendInstanceLedger(
    trx,
    who,
    'case_offer.answered',
    { ...entry, caseNumber: a.shared?.caseNumber ?? null },
    now,
  )
  if (a.shared)
    await appendLedger(
      trx,
      a.shared.caseId,
      who,
      'case.shared_from_peer',
      { ...entry, offeredAt: offer.created_at.toISOString() },
      now,
    )
}

/** The peer's answer to our offer arrived: the offer moves once, and the case's ledger says so. */
export async function recordPeerAnswer(
  trx: Db,
  offer: CaseOfferRow & { base_url: string },
  a: { accepted: boolean; answerActivityId: string; sharedCaseUrl: string | null; reason: string | null },
): Promise<boolean> {
  const row = await whileOffered(
    trx.updateTable('federation_case_offers').set({
      state: answeredState(a.accepted),
      shared_case_url: a.sharedCaseUrl,
      ...answerColumns(a.answerActivityId, a.reason, new Date()),
    }),
    offer.id,
  )
  if (!row) return false
  await appendLedger(
    trx,
    offer.case_id!,
    { id: 'system', displayName: 'Lockstep (federation)' },
    'case.peer_answered',
    {
      peer: offer.base_url,
      activityId: a.answerActivityId,
      activityType: a.accepted ? 'Accept' : 'Reject',
      inviteActivityId: offer.invite_activity_id,
      accepted: a.accepted,
      sharedCaseUrl: a.sharedCaseUrl,
      reason: a.reason,
    },
  )
  return true
}
