// The embargo negotiated across the instances sharing a case, in Vultron's vocabulary: a proposal
// or counter-proposal made on one instance is an EmProposeEmbargo (an AS2 `Invite` of the
// EmbargoEvent), a revision of terms in force too (EmProposeEmbargo while Active); the embargo
// ended early is a RemoveEmbargoFromCase (a `Remove` of the EmbargoEvent from the case). Like the
// ActivateEmbargo `Add` (caseOffer.ts), `context` is the case on the sender and `target` the shared
// case on the receiver; Lockstep adds who proposed, the answer deadline and the reason for an end.
import { AS_CONTEXT } from './activities.js'
import { bad, instant, objectIn, senderCase, str, text } from './activityFields.js'

export type EmbargoProposalKind = 'proposal' | 'revision'

/** Who sends an activity about which case to whom: `context` the case on the sender, `target` the one on the receiver. */
export interface Envelope {
  id: string
  from: string
  to: string
  caseUrl: string
  targetCaseUrl: string
  at: Date
}

function embargoEvent(id: string, endsAt: Date | null, eventId?: string) {
  return {
    type: 'Event',
    'lockstep:kind': 'EmbargoEvent',
    id: eventId ?? `${id}#embargo`,
    ...(endsAt ? { endTime: endsAt.toISOString() } : {}),
  }
}

/** EmProposeEmbargo: terms proposed (or countered, or a revision proposed) on the sender's case. */
export function proposeEmbargo(
  o: Envelope & {
    endsAt: Date
    kind: EmbargoProposalKind
    proposer: string
    answerBy: Date | null
    /** The proposal's address on the sender (embargoAnswers.ts), which the answers name. */
    proposal: string
  },
) {
  return {
    '@context': AS_CONTEXT,
    id: o.id,
    type: 'Invite',
    actor: o.from,
    to: [o.to],
    object: embargoEvent(o.id, o.endsAt, o.proposal),
    context: o.caseUrl,
    target: o.targetCaseUrl,
    'lockstep:proposalKind': o.kind,
    'lockstep:proposer': o.proposer,
    ...(o.answerBy ? { 'lockstep:answerBy': o.answerBy.toISOString() } : {}),
    published: o.at.toISOString(),
  }
}

/** RemoveEmbargoFromCase: the embargo on the sender's case ended before its term, with the reason. */
export function removeEmbargo(o: Envelope & { reason: string }) {
  return {
    '@context': AS_CONTEXT,
    id: o.id,
    type: 'Remove',
    actor: o.from,
    to: [o.to],
    object: embargoEvent(o.id, null),
    origin: o.caseUrl,
    context: o.caseUrl,
    target: o.targetCaseUrl,
    summary: o.reason,
    published: o.at.toISOString(),
  }
}

export type EmbargoNegotiationActivity =
  | {
      kind: 'embargo-proposal'
      senderCaseUrl: string
      endsAt: Date
      proposalKind: EmbargoProposalKind
      proposer: string
      answerBy: Date | null
      /** The EmbargoEvent's id: the proposal on the sender, where the answers to it go. */
      originProposal: string | null
    }
  | { kind: 'embargo-end'; senderCaseUrl: string; reason: string }

/** Whether an activity's object is an EmbargoEvent (an Invite of one is a proposal, not an invitation to a case). */
export function isEmbargoEvent(object: unknown): boolean {
  const o = objectIn(object)
  return o.type === 'Event' && o['lockstep:kind'] === 'EmbargoEvent'
}

/** Reads an EmProposeEmbargo (Invite) or RemoveEmbargoFromCase (Remove) whose envelope was checked. */
export function readEmbargoNegotiation(a: Record<string, unknown>, senderBaseUrl: string): EmbargoNegotiationActivity {
  if (!isEmbargoEvent(a.object)) bad(`a ${String(a.type)} of an embargo must carry an EmbargoEvent`)
  const senderCaseUrl = senderCase(a, senderBaseUrl, "the embargo's case")
  if (a.type === 'Remove')
    return { kind: 'embargo-end', senderCaseUrl, reason: text(a.summary, 2000, 'ended by the peer') }
  const event = objectIn(a.object)
  const endsAt = instant(event.endTime)
  if (!endsAt) bad("the embargo's endTime is not an instant")
  const proposalKind = a['lockstep:proposalKind'] === 'revision' ? 'revision' : 'proposal'
  return {
    kind: 'embargo-proposal',
    senderCaseUrl,
    endsAt,
    proposalKind,
    proposer: text(a['lockstep:proposer'], 200, 'a party'),
    answerBy: instant(a['lockstep:answerBy']),
    originProposal: str(event.id, 1000) && event.id.startsWith(`${senderBaseUrl}/`) ? event.id : null,
  }
}
