// One embargo instant across the instances sharing a case. When terms are put in force on a shared
// case (agreed here, or already in force when the peer accepts the case), the instant is sent to
// every peer sharing it as Vultron's ActivateEmbargo (an `Add` of the EmbargoEvent); the peer puts
// the same instant in force on its shared case through the embargo machine (propose and accept, or
// revise and accept the revision), each move with its ledger entry. From then on each instance
// releases its own advisory at that instant with its own release scheduler: nothing at release
// time depends on the peer being reachable.
import { randomUUID } from 'node:crypto'
import type { EmEvent, EmState } from '../../domain/embargo.js'
import type { LedgerKind } from '../../domain/eventKinds.js'
import { activateEmbargo } from '../../domain/federation/caseOffer.js'
import { proposeEmbargo, removeEmbargo, type EmbargoProposalKind } from '../../domain/federation/embargoNegotiation.js'
import { proposalAddress } from '../../domain/federation/embargoAnswers.js'
import { actorOf } from '../../domain/federation/peerDocument.js'
import { FederationRefusal } from '../../domain/federation/refusal.js'
import type { Db } from '../../store/db.js'
import { enqueueActivity } from '../../store/federation/outbox.js'
import type { PeerRow } from '../../store/federation/peers.js'
import { appendLedger } from '../../store/ledger.js'
import { lockEmbargoCase } from '../embargo/embargoParties.js'
import { moveEmbargo } from '../transitions/embargoState.js'
import { expectAnswersFrom } from './embargoAnswers.js'
import { heldPeerHeads, ourLedgerHead } from './peerLedgerHeads.js'

const federation = { id: 'system', displayName: 'Lockstep (federation)' }

/** Our case's address and the peer's, on an accepted offer in either direction. */
function addressesOf(o: { direction: string; origin_case_url: string; shared_case_url: string | null }) {
  const ours = o.direction === 'sent' ? o.origin_case_url : o.shared_case_url
  const theirs = o.direction === 'sent' ? o.shared_case_url : o.origin_case_url
  return ours && theirs ? { ours, theirs, ourBase: ours.slice(0, ours.lastIndexOf('/cases/')) } : null
}

/**
 * Which of the sharing peers: one (`only`), all but the one a move came from (`except`), and never
 * the instance a status or statement passed on was given on (`exceptUrl`, by its address).
 */
export type SharerFilter = { only?: string | undefined; except?: string | undefined; exceptUrl?: string | undefined }

/** The peers sharing the case (pinned, offer accepted), with our case's address and theirs. */
export async function sharersOf(trx: Db, caseId: string, peers: SharerFilter) {
  let q = trx
    .selectFrom('federation_case_offers')
    .innerJoin('federation_peers', 'federation_peers.id', 'federation_case_offers.peer_id')
    .select([
      'federation_case_offers.direction',
      'federation_case_offers.origin_case_url',
      'federation_case_offers.shared_case_url',
      'federation_peers.id as peer_id',
      'federation_peers.base_url',
      'federation_peers.name as peer_name',
    ])
    .where('federation_case_offers.case_id', '=', caseId)
    .where('federation_case_offers.state', '=', 'accepted')
    .where('federation_peers.state', '=', 'pinned')
  if (peers.only) q = q.where('federation_peers.id', '=', peers.only)
  if (peers.except) q = q.where('federation_peers.id', '!=', peers.except)
  if (peers.exceptUrl) q = q.where('federation_peers.base_url', '!=', peers.exceptUrl)
  return (await q.execute()).flatMap((share) => {
    const at = addressesOf(share)
    return at ? [{ ...share, ...at }] : []
  })
}

export type Envelope = { id: string; from: string; to: string; caseUrl: string; targetCaseUrl: string; at: Date }
/** Our address, as the peer knows it. */
type Sender = { ourBase: string }

/** Whether any peer shares the case: the hooks on every status move and statement ask first, so an
 * unshared case (nearly all of them) costs one indexed lookup and nothing more. */
export async function sharedWithAnyPeer(trx: Db, caseId: string): Promise<boolean> {
  const row = await trx
    .selectFrom('federation_case_offers')
    .select('id')
    .where('case_id', '=', caseId)
    .where('state', '=', 'accepted')
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}

/**
 * Writes one activity per sharing peer to the outbox, with its entry on the case's ledger, in the
 * caller's transaction. A move that came from a peer is passed on to the others, not back to it.
 */
export async function sendToSharers(
  trx: Db,
  caseId: string,
  peers: SharerFilter,
  o: {
    activityType: string
    ledgerKind: LedgerKind
    payload: Record<string, string>
    build: (e: Envelope & Sender) => object | Promise<object>
  },
): Promise<void> {
  // Called on every thread post, status change and statement: a case nobody shares costs one query.
  const shares = await sharersOf(trx, caseId, peers)
  if (!shares.length) return
  const now = new Date()
  // Each side records the other's head and sends back the one it holds (peerLedgerHeads.ts).
  const [ledgerHead, held] = await Promise.all([ourLedgerHead(trx, caseId), heldPeerHeads(trx, caseId)])
  for (const share of shares) {
    const activityId = `${share.ourBase}/federation/activities/${randomUUID()}`
    const built = await o.build({
      ourBase: share.ourBase,
      id: activityId,
      from: actorOf(share.ourBase),
      to: actorOf(share.base_url),
      caseUrl: share.ours,
      targetCaseUrl: share.theirs,
      at: now,
    })
    const theirs = held.get(share.peer_id)
    const activity = {
      ...built,
      ...(ledgerHead ? { 'lockstep:ledgerHead': ledgerHead } : {}),
      ...(theirs ? { 'lockstep:yourLedgerHead': theirs } : {}),
    }
    await enqueueActivity(trx, {
      peerId: share.peer_id,
      activityId,
      activityType: o.activityType,
      body: JSON.stringify(activity),
    })
    await appendLedger(trx, caseId, federation, o.ledgerKind, {
      peer: share.base_url,
      activityId,
      activityType: o.activityType.split('/')[0]!,
      ...o.payload,
    })
  }
}

/** Sends the instant in force to the peers sharing the case (all, or one): Vultron's ActivateEmbargo. */
export async function sendEmbargoToSharers(trx: Db, caseId: string, endsAt: Date, onlyPeerId?: string): Promise<void> {
  await sendToSharers(
    trx,
    caseId,
    { only: onlyPeerId },
    {
      activityType: 'Add/EmbargoEvent',
      ledgerKind: 'case.embargo_shared',
      payload: { endsAt: endsAt.toISOString() },
      build: (e) => activateEmbargo({ ...e, endsAt }),
    },
  )
}

/** Terms in force here go to a peer that just joined the case (or took it over), so it holds the same instant. */
export async function sendTermsInForceTo(trx: Db, caseId: string, peerId: string): Promise<void> {
  const here = await trx
    .selectFrom('cases')
    .select(['em_state', 'embargo_ends_at'])
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow()
  if ((here.em_state === 'active' || here.em_state === 'revise') && here.embargo_ends_at)
    await sendEmbargoToSharers(trx, caseId, here.embargo_ends_at, peerId)
}

/** Sends terms proposed here (a proposal, counter or revision) to the sharing peers: Vultron's EmProposeEmbargo. */
export async function sendProposalToSharers(
  trx: Db,
  caseId: string,
  p: { id: string; ends_at: Date; kind: string; proposer_label: string; answer_by: Date | null },
  exceptPeerId?: string,
): Promise<void> {
  const kind: EmbargoProposalKind = p.kind === 'revision' ? 'revision' : 'proposal'
  await sendToSharers(
    trx,
    caseId,
    { except: exceptPeerId },
    {
      activityType: 'Invite/EmbargoEvent',
      ledgerKind: 'case.embargo_proposal_shared',
      payload: { endsAt: p.ends_at.toISOString(), kind, proposer: p.proposer_label },
      build: (e) =>
        proposeEmbargo({
          ...e,
          endsAt: p.ends_at,
          kind,
          proposer: p.proposer_label,
          answerBy: p.answer_by,
          proposal: proposalAddress(e.caseUrl, p.id),
        }),
    },
  )
  await expectAnswersFrom(trx, caseId, p.id, exceptPeerId) // counted here once they answer there
}

/** Sends the embargo's early end to the sharing peers: Vultron's RemoveEmbargoFromCase. */
export async function sendEmbargoEndToSharers(
  trx: Db,
  caseId: string,
  reason: string,
  exceptPeerId?: string,
): Promise<void> {
  await sendToSharers(
    trx,
    caseId,
    { except: exceptPeerId },
    {
      activityType: 'Remove/EmbargoEvent',
      ledgerKind: 'case.embargo_end_shared',
      payload: { reason },
      build: (e) => removeEmbargo({ ...e, reason }),
    },
  )
}

/** The case here shared with that peer's case, or a refusal (the peer cannot reach other cases). */
export async function caseSharedWith(trx: Db, peer: PeerRow, senderCaseUrl: string): Promise<string> {
  const share = await trx
    .selectFrom('federation_case_offers')
    .select(['case_id'])
    .where('peer_id', '=', peer.id)
    .where('state', '=', 'accepted')
    .where((eb) =>
      eb.or([
        eb.and([eb('direction', '=', 'sent'), eb('shared_case_url', '=', senderCaseUrl)]),
        eb.and([eb('direction', '=', 'received'), eb('origin_case_url', '=', senderCaseUrl)]),
      ]),
    )
    .executeTakeFirst()
  if (!share?.case_id) throw new FederationRefusal('bad-activity', 'no case is shared here with that case')
  return share.case_id
}

/** The moves that put `endsAt` in force from the case's EM state, or null when nothing is to be done. */
function movesFrom(state: EmState): [EmEvent, EmEvent] | null {
  if (state === 'none') return ['propose', 'accept']
  if (state === 'proposed') return ['counter', 'accept']
  if (state === 'active' || state === 'revise') return ['revise', 'accept_revision']
  return null
}

/** A peer sharing the case sends the embargo agreed there: the same instant is put in force here. */
export async function applyEmbargoFromPeer(
  trx: Db,
  peer: PeerRow,
  e: { activityId: string; senderCaseUrl: string; endsAt: Date },
): Promise<void> {
  const c = await lockEmbargoCase(trx, await caseSharedWith(trx, peer, e.senderCaseUrl))
  if (c.embargo_ends_at?.getTime() === e.endsAt.getTime() && (c.em_state === 'active' || c.em_state === 'revise'))
    return
  const moves = movesFrom(c.em_state)
  if (!moves) throw new FederationRefusal('bad-activity', 'the embargo of the shared case has ended here')
  const now = new Date()
  const revision = moves[0] === 'revise'
  await trx
    .updateTable('embargo_proposals')
    .set({ status: revision ? 'superseded' : 'countered', decided_at: now })
    .where('case_id', '=', c.id)
    .where('status', '=', revision ? 'accepted' : 'open')
    .execute()
  await trx
    .updateTable('embargo_proposals')
    .set({ status: 'countered', decided_at: now })
    .where('case_id', '=', c.id)
    .where('status', '=', 'open')
    .execute()
  await trx
    .insertInto('embargo_proposals')
    .values({
      case_id: c.id,
      kind: revision ? 'revision' : 'proposal',
      ends_at: e.endsAt,
      proposer_label: peer.name,
      reason: `agreed with the coordinators at ${peer.base_url}`,
      status: 'accepted',
      decided_at: now,
      created_at: now,
    })
    .execute()
  const payload = { endsAt: e.endsAt.toISOString(), by: peer.name, peer: peer.base_url, activityId: e.activityId }
  const who = { ...federation, displayName: `${peer.name} (shared case)` }
  const first =
    moves[0] === 'propose'
      ? 'embargo.proposed'
      : moves[0] === 'counter'
        ? 'embargo.countered'
        : 'embargo.revision_proposed'
  await moveEmbargo(trx, c, moves[0], { who, kind: first, payload, at: now })
  const after = moves[0] === 'revise' ? 'revise' : 'proposed'
  await moveEmbargo(trx, { id: c.id, em_state: after }, moves[1], {
    who,
    kind: revision ? 'embargo.revised' : 'embargo.active',
    payload: { ...payload, sealedBy: peer.name },
    at: now,
    endsAt: e.endsAt,
  })
}
