// The embargo negotiated across the instances sharing a case, in Vultron's vocabulary: a proposal
// or counter-proposal made on one instance is an EmProposeEmbargo (an AS2 `Invite` of the
// EmbargoEvent), a revision of terms in force too (EmProposeEmbargo while Active); the embargo
// ended early is a RemoveEmbargoFromCase (a `Remove` of the EmbargoEvent from the case). Like the
// ActivateEmbargo `Add` (caseOffer.ts), `context` is the case on the sender and `target` the shared
// case on the receiver; Lockstep adds who proposed, the answer deadline and the reason for an end.
import { AS_CONTEXT } from './activities.js'
import { FederationRefusal } from './refusal.js'

export type EmbargoProposalKind = 'proposal' | 'revision'

interface Envelope {
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

const str = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max
function bad(message: string): never {
  throw new FederationRefusal('bad-activity', message)
}
function instant(v: unknown): Date | null {
  const d = str(v, 40) ? new Date(v) : new Date(NaN)
  return Number.isNaN(d.getTime()) ? null : d
}

/** Whether an activity's object is an EmbargoEvent (an Invite of one is a proposal, not an invitation to a case). */
export function isEmbargoEvent(object: unknown): boolean {
  const o = (typeof object === 'object' && object !== null ? object : {}) as Record<string, unknown>
  return o.type === 'Event' && o['lockstep:kind'] === 'EmbargoEvent'
}

/** Reads an EmProposeEmbargo (Invite) or RemoveEmbargoFromCase (Remove) whose envelope was checked. */
export function readEmbargoNegotiation(a: Record<string, unknown>, senderBaseUrl: string): EmbargoNegotiationActivity {
  if (!isEmbargoEvent(a.object)) bad(`a ${String(a.type)} of an embargo must carry an EmbargoEvent`)
  if (!str(a.context, 1000) || !a.context.startsWith(`${senderBaseUrl}/`))
    bad("the embargo's case (context) is not under the sender's address")
  if (a.type === 'Remove') {
    const reason = str(a.summary, 2000) && a.summary.trim() ? a.summary.trim() : 'ended by the peer'
    return { kind: 'embargo-end', senderCaseUrl: a.context, reason }
  }
  const event = a.object as Record<string, unknown>
  const endsAt = instant(event.endTime)
  if (!endsAt) bad("the embargo's endTime is not an instant")
  const proposalKind = a['lockstep:proposalKind'] === 'revision' ? 'revision' : 'proposal'
  const proposer =
    str(a['lockstep:proposer'], 200) && a['lockstep:proposer'].trim() ? a['lockstep:proposer'] : 'a party'
  return {
    kind: 'embargo-proposal',
    senderCaseUrl: a.context,
    endsAt,
    proposalKind,
    proposer: proposer.trim(),
    answerBy: instant(a['lockstep:answerBy']),
    originProposal: str(event.id, 1000) && event.id.startsWith(`${senderBaseUrl}/`) ? event.id : null,
  }
}
