// Offering a case to a pinned peer instance (Vultron's RmInviteToCase, an AS2 Invite): the case is
// read here, what may cross is decided by this instance's policy (domain/federation/caseOffer.ts:
// TLP:RED and AMBER+STRICT refused before anything is written, private and product threads left
// home, the finder named only with consent), and the Invite is written to the outbox in the same
// transaction as the case's ledger entry that records it. Also what coordinators read of offers.
import type { Actor } from '../../domain/actor.js'
import { actorUserId } from '../../domain/actor.js'
import { ConflictError, NotFoundError } from '../../domain/errors.js'
import { inviteToCase, whatCrosses, type CaseForOffer } from '../../domain/federation/caseOffer.js'
import { offerOwnership } from '../../domain/federation/caseHandoff.js'
import { normalizeBaseUrl } from '../../domain/federation/peerDocument.js'
import { authorize } from '../../domain/policy/index.js'
import type { TlpLabel } from '../../domain/tlp.js'
import { sql } from 'kysely'
import { inTransaction, isUuid, type Db } from '../../store/db.js'
import { identityWithheld } from '../../store/participants.js'
import { enqueueActivity } from '../../store/federation/outbox.js'
import { peerById } from '../../store/federation/peers.js'
import { ledgerActorOf } from '../../store/ledger.js'
import type { CaseRow } from '../../store/schema.js'
import { loadCaseFor } from '../cases/caseAccess.js'
import { recordSentOffer } from '../transitions/peerOffer.js'
import { handoffParts } from './caseHandoff.js'
import { offerEnvelope, pinnedPeersByName } from './peersTold.js'

/** A case's address on this instance, as peers know it (the web page of the case). */
export const caseUrlOf = (baseUrl: string, caseNumber: string) => `${normalizeBaseUrl(baseUrl)}/cases/${caseNumber}`

async function caseForOffer(trx: Db, c: CaseRow, ourBaseUrl: string): Promise<CaseForOffer> {
  const [vulnerabilities, messages, finders] = await Promise.all([
    trx
      .selectFrom('vulnerabilities')
      .select(['title', 'description', 'cwe', 'cvss_vector'])
      .where('case_id', '=', c.id)
      .orderBy('created_at')
      .execute(),
    trx
      .selectFrom('case_messages')
      .select(['body', 'tlp', 'participant_id', 'topic_id', 'created_at'])
      .where('case_id', '=', c.id)
      .orderBy('created_at')
      .execute(),
    trx
      .selectFrom('participants')
      .leftJoin('users', 'users.id', 'participants.user_id')
      .select(['users.name', identityWithheld.as('identity_withheld')])
      .where('participants.case_id', '=', c.id)
      .where('participants.removed_at', 'is', null)
      .where(sql<boolean>`'finder' = ANY(participants.roles)`)
      .execute(),
  ])
  return {
    url: caseUrlOf(ourBaseUrl, c.case_number),
    caseNumber: c.case_number,
    title: c.title,
    summary: c.summary,
    tlp: c.tlp as TlpLabel,
    vulnerabilities: vulnerabilities.map((v) => ({
      title: v.title,
      description: v.description,
      cwe: v.cwe,
      cvssVector: v.cvss_vector,
    })),
    messages: messages.map((m) => ({
      body: m.body,
      tlp: m.tlp as TlpLabel,
      privateThread: m.participant_id !== null || m.topic_id !== null,
      postedAt: m.created_at.toISOString(),
    })),
    finders: finders.map((f) => ({ name: f.name ?? 'the finder', withheld: f.identity_withheld })),
  }
}

export async function offerCaseToPeer(
  db: Db,
  actor: Actor,
  /** handoff: the case handed over whole (RmOfferCaseOwnershipTransfer, caseHandoff.ts), not shared. */
  o: { caseId: string; peerId: string; finderConsent: boolean; ourBaseUrl: string; handoff?: boolean },
): Promise<{ offerId: string; activityId: string }> {
  return inTransaction(db, async (trx) => {
    const { row } = await loadCaseFor(trx, actor, o.caseId, o.handoff ? 'hand_over_to_peer' : 'offer_to_peer')
    const peer = await peerById(trx, o.peerId)
    if (!peer || peer.state === 'removed') throw new NotFoundError('peer')
    if (peer.state !== 'pinned')
      throw new ConflictError(`Confirm the fingerprint of ${peer.base_url} before offering it a case.`)
    const open = await trx
      .selectFrom('federation_case_offers')
      .select('state')
      .where('direction', '=', 'sent')
      .where('case_id', '=', row.id)
      .where('peer_id', '=', peer.id)
      .where('state', '!=', 'declined')
      .where('kind', '=', o.handoff ? 'handoff' : 'invite')
      .executeTakeFirst()
    if (open) throw new ConflictError(`This case was offered to ${peer.name} already (${open.state}).`)
    const full = await caseForOffer(trx, row, o.ourBaseUrl)
    const crossing = whatCrosses(full, { finderConsent: o.finderConsent })
    const unnamed = full.finders.filter((_, i) => crossing['lockstep:finders'][i]?.name === null).map((f) => f.name)
    const creditsMayCross = crossing['lockstep:finders'].some((f) => f.name !== null)
    const object = o.handoff
      ? { ...crossing, ...(await handoffParts(trx, row.id, { unnamed, creditsMayCross })) }
      : crossing
    const who = await ledgerActorOf(trx, actor)
    const envelope = offerEnvelope(o.ourBaseUrl, peer, who.displayName)
    const activityId = envelope.id
    const activity = (o.handoff ? offerOwnership : inviteToCase)({ ...envelope, object })
    await enqueueActivity(trx, {
      peerId: peer.id,
      activityId,
      activityType: activity.type,
      body: JSON.stringify(activity),
    })
    const offer = await recordSentOffer(
      trx,
      { ...who, userId: actorUserId(actor) },
      {
        caseId: row.id,
        peer,
        inviteActivityId: activityId,
        originCaseUrl: object.id,
        offered: object as never,
        finderShared: object['lockstep:finders'].some((f) => f.name !== null),
        handoff: o.handoff ?? false,
        crossed: {
          tlp: object['lockstep:tlp'],
          vulnerabilities: object['lockstep:vulnerabilities'].length,
          notes: object['lockstep:notes'].length,
          keptHome: full.messages.length - object['lockstep:notes'].length,
          findersNamed: object['lockstep:finders'].filter((f) => f.name !== null).length,
        },
      },
    )
    return { offerId: offer.id, activityId }
  })
}

const offersWithPeer = (db: Db) =>
  db
    .selectFrom('federation_case_offers')
    .innerJoin('federation_peers', 'federation_peers.id', 'federation_case_offers.peer_id')
    .leftJoin('cases', 'cases.id', 'federation_case_offers.case_id')
    .selectAll('federation_case_offers')
    .select(['federation_peers.base_url', 'federation_peers.name as peer_name', 'cases.case_number'])

export type CaseOfferView = Awaited<ReturnType<ReturnType<typeof offersWithPeer>['execute']>>[number]

/** Offers from peers (the open ones first, then the latest answered), for this instance's coordinators. */
export async function receivedOffersFor(db: Db, actor: Actor): Promise<CaseOfferView[]> {
  authorize(actor, 'list_peer_offers', { type: 'instance' })
  return offersWithPeer(db)
    .where('federation_case_offers.direction', '=', 'received')
    .orderBy(({ eb }) => eb('federation_case_offers.state', '=', 'offered'), 'desc')
    .orderBy('federation_case_offers.created_at', 'desc')
    .limit(100)
    .execute()
}

/** The offers a case was sent in (or the one it was shared from), and the pinned peers it could go to. */
export async function caseOffersFor(db: Db, actor: Actor, caseId: string) {
  const { row } = await loadCaseFor(db, actor, caseId, 'read_ledger')
  const [offers, peers] = await Promise.all([
    offersWithPeer(db)
      .where('federation_case_offers.case_id', '=', row.id)
      .orderBy('federation_case_offers.created_at')
      .execute(),
    pinnedPeersByName(db),
  ])
  return { offers, peers }
}

export async function receivedOfferById(trx: Db, offerId: string): Promise<CaseOfferView | undefined> {
  if (!isUuid(offerId)) return undefined
  return offersWithPeer(trx)
    .where('federation_case_offers.id', '=', offerId)
    .where('federation_case_offers.direction', '=', 'received')
    .forUpdate('federation_case_offers')
    .executeTakeFirst()
}
