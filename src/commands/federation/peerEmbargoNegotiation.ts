// The embargo negotiated across instances, on the receiving side. A proposal (or counter, or
// revision) made on a peer sharing the case (Vultron's EmProposeEmbargo) is put on the table here
// through the embargo machine, with its ledger entry, and the parties here are asked to answer it;
// it is passed on to the other peers sharing the case. Whoever seals terms (the coordinators here
// or there) sends the agreed instant as ActivateEmbargo (sharedEmbargo.ts), which puts it in force
// on every side. An embargo ended early on a peer (RemoveEmbargoFromCase) ends it here too.
import type { EmbargoNegotiationActivity } from '../../domain/federation/embargoNegotiation.js'
import { emTransition, type EmEvent } from '../../domain/embargo.js'
import { FederationRefusal } from '../../domain/federation/refusal.js'
import type { Db } from '../../store/db.js'
import type { PeerRow } from '../../store/federation/peers.js'
import { endEmbargo } from '../embargo/negotiation.js'
import { notifyEmbargo } from '../embargo/embargoMail.js'
import { askedParticipants, lockEmbargoCase } from '../embargo/embargoParties.js'
import { inviteToTerms, lapseAgreements } from '../transitions/consent.js'
import { counterOpenProposal, moveEmbargo } from '../transitions/embargoState.js'
import { keepProposalOrigin } from './embargoAnswers.js'
import { caseSharedWith, sendProposalToSharers } from './sharedEmbargo.js'

const WEEK_MS = 7 * 86400_000
const byPeer = (peer: PeerRow) => ({ id: 'system', displayName: `${peer.name} (shared case)` })

/** A proposal made on a peer: on the table here, the parties here asked; passed on to the other peers. */
export async function applyProposalFromPeer(
  trx: Db,
  peer: PeerRow,
  activityId: string,
  p: Extract<EmbargoNegotiationActivity, { kind: 'embargo-proposal' }>,
): Promise<void> {
  const c = await lockEmbargoCase(trx, await caseSharedWith(trx, peer, p.senderCaseUrl))
  // The same terms already in force here (their ActivateEmbargo arrived first): nothing to put on the table.
  if ((c.em_state === 'active' || c.em_state === 'revise') && c.embargo_ends_at?.getTime() === p.endsAt.getTime())
    return
  const event: EmEvent = c.em_state === 'none' ? 'propose' : c.em_state === 'proposed' ? 'counter' : 'revise'
  if (!emTransition(c.em_state, event).ok)
    throw new FederationRefusal('bad-activity', 'the embargo of the shared case has ended here')
  const now = new Date()
  const countered = await counterOpenProposal(trx, c.id, now)
  const answerBy = p.answerBy && p.answerBy > now ? p.answerBy : new Date(now.getTime() + WEEK_MS)
  const proposal = await trx
    .insertInto('embargo_proposals')
    .values({
      case_id: c.id,
      kind: event === 'revise' ? 'revision' : 'proposal',
      ends_at: p.endsAt,
      proposer_label: `${p.proposer} (${peer.name})`,
      reason: `proposed on the shared case at ${peer.base_url}`,
      answer_by: answerBy,
      created_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  const entry = await moveEmbargo(trx, c, event, {
    who: byPeer(peer),
    kind: `embargo.${event === 'propose' ? 'proposed' : event === 'counter' ? 'countered' : 'revision_proposed'}`,
    payload: { endsAt: p.endsAt.toISOString(), by: p.proposer, peer: peer.base_url, activityId },
    at: now,
  })
  if (countered) await lapseAgreements(trx, entry, countered)
  const asked = await askedParticipants(trx, c.id)
  await inviteToTerms(trx, entry, {
    proposalId: proposal.id,
    partyIds: asked.map((x) => x.id),
    proposerId: null,
    answerBy,
    now,
  })
  await notifyEmbargo(
    trx,
    c.id,
    asked.map((x) => x.id),
    {
      headline: event === 'propose' ? 'Embargo proposed' : 'Embargo counter-proposed',
      sentence: `${p.proposer}, at the coordinators ${peer.name}, proposes that the embargo end at the instant below`,
      endsAt: p.endsAt.toISOString(),
      answerBy: answerBy.toISOString(),
    },
  )
  await sendProposalToSharers(trx, c.id, proposal, peer.id)
  // Its parties' answers go back to where it was made, and are counted there (embargoAnswers.ts).
  if (p.originProposal)
    await keepProposalOrigin(trx, proposal.id, peer, { inviteId: activityId, originProposal: p.originProposal })
}

/** The embargo ended early on a peer: it ends here too (and on the other peers), with the reason. */
export async function applyEmbargoEndFromPeer(
  trx: Db,
  peer: PeerRow,
  e: Extract<EmbargoNegotiationActivity, { kind: 'embargo-end' }>,
): Promise<void> {
  const c = await lockEmbargoCase(trx, await caseSharedWith(trx, peer, e.senderCaseUrl))
  // Ended here already, or nothing in force: nothing to end.
  if (c.em_state !== 'active' && c.em_state !== 'revise') return
  await endEmbargo(trx, c, byPeer(peer), 'terminate', `${e.reason} (ended at ${peer.name})`, new Date(), {
    except: peer.id,
  })
}
