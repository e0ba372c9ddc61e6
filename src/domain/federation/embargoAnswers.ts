// The parties' answers to an embargo proposal, counted on the instance where it was made (its
// origin). Vultron's EmAcceptEmbargo / EmRejectEmbargo are an `Accept` / `Reject` whose `object` is
// the proposal's Invite; Lockstep adds what the origin needs to count: `lockstep:proposal` (the
// EmbargoEvent's id on the origin, i.e. the proposal there) and `lockstep:parties`, every party
// asked on the sending instance with its answer now (a whole list, so a later report replaces an
// earlier one and a lost or reordered one does no harm). A `Read` of the Invite (a Lockstep
// addition: no Vultron message says "my parties were asked") carries the same list as soon as the
// proposal is on the receiver's table, so the origin knows whom it waits for before anyone answers.
import { AS_CONTEXT } from './activities.js'
import { FederationRefusal } from './refusal.js'

export type PeerPartyAnswer = 'invited' | 'accepted' | 'declined'
export type AnswersReport = 'Read' | 'Accept' | 'Reject'

export interface ReportedParty {
  /** The party's id on the reporting instance (a participant id, or a relayed peer's key). */
  party: string
  /** Empty for "the parties there", when a peer it passed the proposal on to was not heard from yet. */
  name: string
  /** The instance where it answers when not the reporting one (a peer it passed the proposal on to). */
  instance: string | null
  answer: PeerPartyAnswer
  answeredAt: Date | null
}

/** Where a proposal lives on its origin: the EmbargoEvent's id that names it. */
export const proposalAddress = (caseUrl: string, proposalId: string) => `${caseUrl}/embargo/proposals/${proposalId}`

/** The proposal's id in an address `proposalAddress` made, or null (the caller checks it is of the shared case). */
export function proposalIdFrom(address: string): string | null {
  const id = address.slice(address.lastIndexOf('/embargo/proposals/') + '/embargo/proposals/'.length)
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id) ? id : null
}

/**
 * The rule for agreement across instances: the proposal is sealed on its origin when every party
 * asked there has agreed and every party asked on every peer has too (the coordinator's
 * acceptance seals it on its own, as on a single instance).
 */
export function everyoneAgreed(local: readonly string[], peers: readonly PeerPartyAnswer[]): boolean {
  return (
    local.length + peers.length > 0 && local.every((s) => s === 'signatory') && peers.every((a) => a === 'accepted')
  )
}

/** How a party of a peer is named on the origin: its name and its instance. */
export const partyOnPeer = (name: string, peerName: string) => `${name} (${peerName})`

/** Our parties' answers to a proposal made on the peer, sent there. */
export function reportAnswers(o: {
  id: string
  type: AnswersReport
  from: string
  to: string
  inviteId: string
  originProposal: string
  caseUrl: string
  targetCaseUrl: string
  parties: readonly ReportedParty[]
  at: Date
}) {
  return {
    '@context': AS_CONTEXT,
    id: o.id,
    type: o.type,
    actor: o.from,
    to: [o.to],
    object: o.inviteId,
    context: o.caseUrl,
    target: o.targetCaseUrl,
    'lockstep:proposal': o.originProposal,
    'lockstep:parties': o.parties.map((p) => ({
      id: p.party,
      name: p.name,
      ...(p.instance ? { instance: p.instance } : {}),
      answer: p.answer,
      ...(p.answeredAt ? { answeredAt: p.answeredAt.toISOString() } : {}),
    })),
    published: o.at.toISOString(),
  }
}

export interface EmbargoAnswers {
  kind: 'embargo-answers'
  report: AnswersReport
  senderCaseUrl: string
  originProposal: string
  parties: ReportedParty[]
  reportedAt: Date
}

const str = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max
function bad(message: string): never {
  throw new FederationRefusal('bad-activity', message)
}
const answers: readonly string[] = ['invited', 'accepted', 'declined']

/** Whether an Accept, Reject or Read answers an embargo proposal (not an invitation to a case). */
export const isEmbargoAnswers = (a: Record<string, unknown>) =>
  a['lockstep:proposal'] !== undefined || a.type === 'Read'

/** Reads a report of a peer's answers whose envelope was checked. */
export function readEmbargoAnswers(a: Record<string, unknown>, senderBaseUrl: string): EmbargoAnswers {
  if (!str(a.context, 1000) || !a.context.startsWith(`${senderBaseUrl}/`))
    bad("the answers' case (context) is not under the sender's address")
  if (!str(a['lockstep:proposal'], 1000)) bad('the answers name no proposal (lockstep:proposal)')
  const list = a['lockstep:parties']
  if (!Array.isArray(list) || list.length > 5000) bad('the answers carry no list of parties (lockstep:parties)')
  const parties = list.map((p: unknown): ReportedParty => {
    const r = (typeof p === 'object' && p !== null ? p : {}) as Record<string, unknown>
    if (!str(r.id, 300) || !str(r.name, 300) || !answers.includes(r.answer as string))
      bad('a party in lockstep:parties needs an id, a name and an answer (invited, accepted or declined)')
    const at = str(r.answeredAt, 40) ? new Date(r.answeredAt) : null
    return {
      party: r.id,
      name: r.name.trim(),
      instance: str(r.instance, 300) && r.instance.trim() ? r.instance.trim() : null,
      answer: r.answer as PeerPartyAnswer,
      answeredAt: at && !Number.isNaN(at.getTime()) ? at : null,
    }
  })
  const published = str(a.published, 40) ? new Date(a.published) : new Date(NaN)
  return {
    kind: 'embargo-answers',
    report: a.type as AnswersReport,
    senderCaseUrl: a.context,
    originProposal: a['lockstep:proposal'],
    parties,
    reportedAt: Number.isNaN(published.getTime()) ? new Date() : published,
  }
}
