// The parties' answers to an embargo proposal, counted where it was made (issue 17: "every party on
// either side answers on its own instance"). On the instance that received the proposal (from its
// origin), each answer given there goes back to the origin as EmAcceptEmbargo / EmRejectEmbargo
// with the whole list of parties asked there and their answers (a `Read` says who was asked as
// soon as the proposal is on the table); answers it hears from peers it passed the proposal on to
// travel in the same list. On the origin, each peer's list is kept beside its own parties'
// consents: the proposal is sealed when everyone asked on every instance agreed (a peer's
// coordinators are not counted: their acceptance seals the terms there and sends them to every
// side, as any instance's coordinators may, see negotiation.ts). A peer told of a proposal and not heard from yet counts as
// not agreed, so the origin never seals before it knows whom the peer asked.
import {
  everyoneAgreed,
  partyOnPeer,
  proposalIdFrom,
  reportAnswers,
  type AnswersReport,
  type EmbargoAnswers,
  type ReportedParty,
} from '../../domain/federation/embargoAnswers.js'
import { effectiveConsent } from '../../domain/embargo.js'
import { FederationRefusal } from '../../domain/federation/refusal.js'
import type { Db } from '../../store/db.js'
import type { PeerRow } from '../../store/federation/peers.js'
import type { PeerPartyAnswer } from '../../store/schemaFederation.js'
import { activate } from '../embargo/negotiation.js'
import { askedParticipants, lockEmbargoCase } from '../embargo/embargoParties.js'
import { ANONYMOUS_FINDER } from '../cases/identities.js'
import { recordPeerAnswers } from '../transitions/consent.js'
import { caseSharedWith, sendToSharers, sharersOf } from './sharedEmbargo.js'

/** The party of a peer not heard from yet: one row standing for all it will ask. */
const NOT_HEARD = '*'

/** The proposal was sent to these peers: each counts as not agreed until it reports its parties. */
export async function expectAnswersFrom(trx: Db, caseId: string, proposalId: string, exceptPeerId?: string) {
  const peers = await sharersOf(trx, caseId, { except: exceptPeerId })
  if (!peers.length) return
  await recordExpected(trx, caseId, proposalId, peers)
}

async function recordExpected(
  trx: Db,
  caseId: string,
  proposalId: string,
  peers: { peer_id: string; peer_name: string }[],
) {
  await trx
    .insertInto('embargo_peer_answers')
    .values(
      peers.map((p) => ({
        proposal_id: proposalId,
        case_id: caseId,
        peer_id: p.peer_id,
        party: NOT_HEARD,
        name: '',
        instance: p.peer_name,
        answer: 'invited' as const,
        answered_at: null,
        reported_at: new Date(0),
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute()
}

/** A proposal put on the table here by a peer: its origin kept, and the parties asked here reported there. */
export async function keepProposalOrigin(
  trx: Db,
  proposalId: string,
  peer: PeerRow,
  o: { inviteId: string; originProposal: string },
): Promise<void> {
  await trx
    .insertInto('federation_proposal_origins')
    .values({
      proposal_id: proposalId,
      peer_id: peer.id,
      invite_activity_id: o.inviteId,
      origin_proposal: o.originProposal,
    })
    .execute()
  await reportAnswersToOrigin(trx, proposalId, 'Read')
}

const answerOf = (state: string): PeerPartyAnswer =>
  state === 'signatory' ? 'accepted' : state === 'declined' ? 'declined' : 'invited'

/** Every party asked here about the proposal, with its answer, and those of the peers we passed it on to. */
async function partiesHere(trx: Db, caseId: string, proposalId: string, now: Date): Promise<ReportedParty[]> {
  const [asked, consents, relayed] = await Promise.all([
    askedParticipants(trx, caseId),
    trx.selectFrom('embargo_consents').selectAll().where('proposal_id', '=', proposalId).execute(),
    trx.selectFrom('embargo_peer_answers').selectAll().where('proposal_id', '=', proposalId).execute(),
  ])
  const own = consents.flatMap((c): ReportedParty[] => {
    const p = asked.find((x) => x.id === c.participant_id)
    // The coordinators here are not waited for: their acceptance puts the terms in force (and
    // sends them to every side) without being counted, as on the origin.
    if (!p || p.roles.includes('coordinator')) return []
    const state = effectiveConsent({ state: c.state, answerBy: c.answer_by }, now)
    return [
      {
        party: p.id,
        name: p.identity_withheld ? ANONYMOUS_FINDER : p.name,
        instance: null,
        answer: answerOf(state),
        answeredAt: c.answered_at,
      },
    ]
  })
  const passedOn = relayed.map((r) => ({
    party: `${r.peer_id}/${r.party}`,
    name: r.name,
    instance: r.instance,
    answer: r.answer,
    answeredAt: r.answered_at,
  }))
  return [...own, ...passedOn]
}

/** Words for the ledger: "Nordic Router Oy (CERT-B) agreed, CERT-B asked". */
const inWords = (parties: readonly { name: string; instance: string | null; answer: PeerPartyAnswer }[]) =>
  parties
    .map(
      (p) =>
        `${p.name ? (p.instance ? partyOnPeer(p.name, p.instance) : p.name) : `the parties at ${p.instance}`} ${p.answer === 'accepted' ? 'agreed' : p.answer === 'declined' ? 'declined' : 'not answered yet'}`,
    )
    .join(', ')
    .slice(0, 2000)

/**
 * When the proposal came from a peer, sends it the answers of the parties here (Accept, Reject,
 * or Read when nobody answered): answers true, the proposal being counted there, not here.
 */
export async function reportAnswersToOrigin(trx: Db, proposalId: string, type: AnswersReport): Promise<boolean> {
  const origin = await trx
    .selectFrom('federation_proposal_origins')
    .innerJoin('embargo_proposals', 'embargo_proposals.id', 'federation_proposal_origins.proposal_id')
    .select([
      'federation_proposal_origins.peer_id',
      'federation_proposal_origins.invite_activity_id',
      'federation_proposal_origins.origin_proposal',
      'embargo_proposals.case_id',
    ])
    .where('federation_proposal_origins.proposal_id', '=', proposalId)
    .executeTakeFirst()
  if (!origin) return false
  const now = new Date()
  const parties = await partiesHere(trx, origin.case_id, proposalId, now)
  await sendToSharers(
    trx,
    origin.case_id,
    { only: origin.peer_id },
    {
      activityType: `${type}/EmbargoEvent`,
      ledgerKind: 'case.embargo_answers_shared',
      payload: { answers: inWords(parties) },
      build: (e) =>
        reportAnswers({
          ...e,
          type,
          inviteId: origin.invite_activity_id,
          originProposal: origin.origin_proposal,
          parties,
        }),
    },
  )
  return true
}

/** Whether every party asked on every instance agreed to the proposal (the origin's count). */
export async function everyPartyAgreed(trx: Db, proposalId: string): Promise<boolean> {
  const [local, peers] = await Promise.all([
    trx.selectFrom('embargo_consents').select('state').where('proposal_id', '=', proposalId).execute(),
    trx.selectFrom('embargo_peer_answers').select('answer').where('proposal_id', '=', proposalId).execute(),
  ])
  return everyoneAgreed(
    local.map((c) => c.state),
    peers.map((p) => p.answer),
  )
}

const federation = (peer: PeerRow) => ({ id: 'system', displayName: `${peer.name} (shared case)` })

/** A peer reports its parties' answers to a proposal made here: kept, passed on, and counted. */
export async function applyAnswersFromPeer(trx: Db, peer: PeerRow, activityId: string, r: EmbargoAnswers) {
  const caseId = await caseSharedWith(trx, peer, r.senderCaseUrl)
  const c = await lockEmbargoCase(trx, caseId)
  const proposalId = proposalIdFrom(r.originProposal)
  const proposal = proposalId
    ? await trx
        .selectFrom('embargo_proposals')
        .selectAll()
        .where('id', '=', proposalId)
        .where('case_id', '=', caseId)
        .forUpdate()
        .executeTakeFirst()
    : undefined
  if (!proposal || proposal.kind === 'policy')
    throw new FederationRefusal('bad-activity', 'the answers name no proposal of the shared case')
  // Answers to terms no longer on the table change nothing (the countering terms were sent to the peer).
  if (proposal.status !== 'open') return
  const parties = r.parties.map((p) => ({ ...p, instance: p.instance ?? peer.name }))
  const recorded = await recordPeerAnswers(trx, {
    caseId,
    proposalId: proposal.id,
    peerId: peer.id,
    parties,
    reportedAt: r.reportedAt,
    who: federation(peer),
    payload: { peer: peer.base_url, activityId, activityType: r.report, answers: inWords(parties) },
  })
  if (!recorded) return
  // Passed on to us by the proposal's own origin: counted there, so passed on again.
  if (await reportAnswersToOrigin(trx, proposal.id, r.report)) return
  if (await everyPartyAgreed(trx, proposal.id))
    await activate(trx, c, proposal, federation(peer), new Date(), 'Every party, on every instance')
}

/** The answers of the peers' parties to the case's proposals, as the embargo view lists them. */
export async function peerAnswersOf(db: Db, caseId: string) {
  const rows = await db
    .selectFrom('embargo_peer_answers')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('instance')
    .orderBy('name')
    .execute()
  return rows.map((r) => ({
    proposalId: r.proposal_id,
    name: r.name === '' ? `The parties at ${r.instance} (not heard from yet)` : partyOnPeer(r.name, r.instance),
    state: r.answer === 'accepted' ? ('signatory' as const) : r.answer,
    answeredAt: r.answered_at,
  }))
}
