// A case offered to a peer instance, in Vultron's vocabulary: RmInviteToCase is an AS2 `Invite`
// whose object is the invited actor (the peer instance) and whose target is the
// `VulnerabilityCase`; the peer answers RmAcceptInviteToCase (`Accept`, object: the Invite) or
// RmRejectInviteToCase (`Reject`, object: the Invite). What the case carries across is decided
// here, by the sending side's policy, before anything is written to the outbox: TLP:RED and
// TLP:AMBER+STRICT never leave, private threads stay home, the finder is named only with consent.
import { isEmbargoAnswers, readEmbargoAnswers, type EmbargoAnswers } from './embargoAnswers.js'
import { ConflictError } from '../errors.js'
import { tlpLabels, type TlpLabel } from '../tlp.js'
import { AS_CONTEXT } from './activities.js'
import { isCaseSharing, readCaseSharing, type CaseSharingActivity } from './caseSharing.js'
import { readHandoffParts, type HandoffParts } from './caseHandoff.js'
import { isEmbargoEvent, readEmbargoNegotiation, type EmbargoNegotiationActivity } from './embargoNegotiation.js'
import {
  advisoryDocument,
  readAdvisoryAnnouncement,
  readAdvisoryDocument,
  type AdvisoryAnnouncement,
  type PeerAdvisory,
} from './peerAdvisory.js'
import { bad, instant, objectIn, senderCase, senderUrl, str } from './activityFields.js'
import { isReportOffer, readSubmittedReport, type SubmittedReport } from './reportOffer.js'

/** Labels whose content never leaves the instance (FIRST's TLP 2.0: not beyond the recipients named). */
export const NEVER_CROSSES: readonly TlpLabel[] = ['RED', 'AMBER+STRICT']

export interface CaseForOffer {
  url: string
  caseNumber: string
  title: string
  summary: string
  tlp: TlpLabel
  vulnerabilities: { title: string; description: string; cwe: string | null; cvssVector: string | null }[]
  /** Every message of the case's threads, with the thread it was posted to (null: the case-wide one). */
  messages: { body: string; tlp: TlpLabel; privateThread: boolean; postedAt: string }[]
  /** The finders' names, with whether they asked to stay anonymous. */
  finders: { name: string; withheld: boolean }[]
}

/** The case as it crosses to a peer (AS2 object of type VulnerabilityCase, Lockstep's fields prefixed). */
export interface SharedCaseObject {
  type: 'VulnerabilityCase'
  id: string
  name: string
  summary: string
  'lockstep:caseNumber': string
  'lockstep:tlp': TlpLabel
  'lockstep:vulnerabilities': CaseForOffer['vulnerabilities']
  /** The case-wide thread's messages that may cross, oldest first. */
  'lockstep:notes': { content: string; tlp: TlpLabel; published: string }[]
  /** The finders named with their consent; otherwise an unnamed count. */
  'lockstep:finders': { name: string | null }[]
}

/**
 * What of a case crosses to a peer. Refuses a case whose own label never leaves (nothing is sent);
 * leaves out private threads and any message labelled RED or AMBER+STRICT; names a finder only when
 * the coordinator says the finder consented and the finder did not ask to stay anonymous.
 */
export function whatCrosses(c: CaseForOffer, o: { finderConsent: boolean }): SharedCaseObject {
  if (NEVER_CROSSES.includes(c.tlp))
    throw new ConflictError(
      `This case is TLP:${c.tlp}: its content never leaves this instance. Lower its label first if its owner agrees.`,
    )
  return {
    type: 'VulnerabilityCase',
    id: c.url,
    name: c.title,
    summary: c.summary,
    'lockstep:caseNumber': c.caseNumber,
    'lockstep:tlp': c.tlp,
    'lockstep:vulnerabilities': c.vulnerabilities,
    'lockstep:notes': c.messages
      .filter((m) => !m.privateThread && !NEVER_CROSSES.includes(m.tlp))
      .map((m) => ({ content: m.body, tlp: m.tlp, published: m.postedAt })),
    'lockstep:finders': c.finders.map((f) => ({ name: o.finderConsent && !f.withheld ? f.name : null })),
  }
}

export function inviteToCase(o: {
  id: string
  from: string
  to: string
  object: SharedCaseObject
  by: string
  at: Date
}) {
  return {
    '@context': AS_CONTEXT,
    id: o.id,
    type: 'Invite',
    actor: o.from,
    to: [o.to],
    object: o.to,
    target: o.object,
    attributedTo: o.by,
    published: o.at.toISOString(),
  }
}

/** The answer to an Invite: Accept (with the shared case's address there) or Reject (with a reason). */
export function answerInvite(o: {
  id: string
  from: string
  to: string
  inviteId: string
  accepted: boolean
  sharedCaseUrl?: string
  reason?: string
  /** The accepting side's advisory for the shared case (a Lockstep addition). */
  advisory?: Omit<PeerAdvisory, 'publisher'>
  at: Date
}) {
  return {
    '@context': AS_CONTEXT,
    id: o.id,
    type: o.accepted ? 'Accept' : 'Reject',
    actor: o.from,
    to: [o.to],
    object: o.inviteId,
    ...(o.sharedCaseUrl
      ? {
          result: {
            type: 'VulnerabilityCase',
            id: o.sharedCaseUrl,
            ...(o.advisory ? { 'lockstep:advisory': advisoryDocument(o.advisory) } : {}),
          },
        }
      : {}),
    ...(o.reason ? { summary: o.reason } : {}),
    published: o.at.toISOString(),
  }
}

/** A received case-protocol activity, read strictly (a type mismatch is refused 422). */
export type CaseActivity =
  | { kind: 'invite'; caseObject: SharedCaseObject; handoff?: HandoffParts }
  | { kind: 'report'; report: SubmittedReport }
  | { kind: 'embargo'; senderCaseUrl: string; endsAt: Date }
  | {
      kind: 'answer'
      accepted: boolean
      inviteId: string
      sharedCaseUrl: string | null
      reason: string | null
      advisory: Omit<PeerAdvisory, 'publisher'> | null
    }
  | EmbargoNegotiationActivity
  | EmbargoAnswers
  | AdvisoryAnnouncement
  | CaseSharingActivity

function readCaseObject(t: unknown, senderBaseUrl: string): SharedCaseObject {
  const o = objectIn(t)
  if (o.type !== 'VulnerabilityCase') bad('an Invite must target a VulnerabilityCase')
  const id = senderUrl(o.id, senderBaseUrl, "the case's id")
  if (!str(o.name, 300) || !o.name.trim()) bad("the case's name is missing")
  const tlp = o['lockstep:tlp']
  if (!tlpLabels.includes(tlp as TlpLabel)) bad("the case's TLP label is missing")
  // The receiver holds the sender to the rule too: content that should never have left is refused.
  if (NEVER_CROSSES.includes(tlp as TlpLabel)) bad(`a TLP:${String(tlp)} case is never taken from another instance`)
  const vulns = Array.isArray(o['lockstep:vulnerabilities']) ? o['lockstep:vulnerabilities'] : []
  const notes = Array.isArray(o['lockstep:notes']) ? o['lockstep:notes'] : []
  const finders = Array.isArray(o['lockstep:finders']) ? o['lockstep:finders'] : []
  if (vulns.length > 100 || notes.length > 500 || finders.length > 50) bad('the case carries too many items')
  return {
    type: 'VulnerabilityCase',
    id,
    name: o.name.trim(),
    summary: str(o.summary, 20000) ? o.summary : '',
    'lockstep:caseNumber': str(o['lockstep:caseNumber'], 100) ? o['lockstep:caseNumber'] : '',
    'lockstep:tlp': tlp as TlpLabel,
    'lockstep:vulnerabilities': vulns.map((v: Record<string, unknown>) => ({
      title: str(v?.title, 300) && v.title.trim() ? v.title : 'Untitled vulnerability',
      description: str(v?.description, 50000) ? v.description : '',
      cwe: str(v?.cwe, 50) ? v.cwe : null,
      cvssVector: str(v?.cvssVector, 200) ? v.cvssVector : null,
    })),
    'lockstep:notes': notes.flatMap((n: Record<string, unknown>) =>
      str(n?.content, 100000) &&
      n.content.trim() &&
      tlpLabels.includes(n.tlp as TlpLabel) &&
      !NEVER_CROSSES.includes(n.tlp as TlpLabel)
        ? [{ content: n.content, tlp: n.tlp as TlpLabel, published: str(n.published, 40) ? n.published : '' }]
        : [],
    ),
    'lockstep:finders': finders.map((f: Record<string, unknown>) => ({ name: str(f?.name, 200) ? f.name : null })),
  }
}

/**
 * The embargo agreed on a shared case (Vultron's ActivateEmbargo / AddEmbargoToCase: an `Add` of
 * the EmbargoEvent, an AS2 `Event` whose `endTime` is the release instant), sent by the side where
 * it was agreed; `context` is the case there, `target` the shared case on the receiving side.
 */
export function activateEmbargo(o: {
  id: string
  from: string
  to: string
  caseUrl: string
  targetCaseUrl: string
  endsAt: Date
  at: Date
}) {
  return {
    '@context': AS_CONTEXT,
    id: o.id,
    type: 'Add',
    actor: o.from,
    to: [o.to],
    object: { type: 'Event', 'lockstep:kind': 'EmbargoEvent', id: `${o.id}#embargo`, endTime: o.endsAt.toISOString() },
    context: o.caseUrl,
    target: o.targetCaseUrl,
    published: o.at.toISOString(),
  }
}

function readEmbargo(a: Record<string, unknown>, senderBaseUrl: string): CaseActivity {
  const event = objectIn(a.object)
  if (event.type !== 'Event' || event['lockstep:kind'] !== 'EmbargoEvent') bad('an Add must add an EmbargoEvent')
  const endsAt = instant(event.endTime)
  if (!endsAt) bad("the embargo's endTime is not an instant")
  return { kind: 'embargo', senderCaseUrl: senderCase(a, senderBaseUrl, "the embargo's case"), endsAt }
}

/** Reads the case protocol's part of an activity whose envelope readActivity already checked. */
export function readCaseActivity(a: Record<string, unknown>, senderBaseUrl: string): CaseActivity {
  if (isCaseSharing(a)) return readCaseSharing(a, senderBaseUrl)
  if (a.type === 'Announce') return readAdvisoryAnnouncement(a, senderBaseUrl)
  if (isEmbargoAnswers(a)) return readEmbargoAnswers(a, senderBaseUrl)
  if (a.type === 'Remove' || (a.type === 'Invite' && isEmbargoEvent(a.object)))
    return readEmbargoNegotiation(a, senderBaseUrl)
  if (a.type === 'Invite') return { kind: 'invite', caseObject: readCaseObject(a.target, senderBaseUrl) }
  // A report sent on (RmSubmitReport): an Offer of the VulnerabilityReport.
  if (isReportOffer(a)) return { kind: 'report', report: readSubmittedReport(a, senderBaseUrl) }
  // A hand-over (RmOfferCaseOwnershipTransfer) is an offer of the case, kept and answered as one.
  if (a.type === 'Offer')
    return { kind: 'invite', caseObject: readCaseObject(a.object, senderBaseUrl), handoff: readHandoffParts(a.object) }
  if (a.type === 'Add') return readEmbargo(a, senderBaseUrl)
  const inviteId = typeof a.object === 'string' ? a.object : (a.object as { id?: unknown } | null)?.id
  if (!str(inviteId, 1000)) bad(`a ${String(a.type)} must name the Invite it answers`)
  const result = objectIn(a.result)
  const sharedCaseUrl = str(result.id, 1000) && result.id.startsWith(`${senderBaseUrl}/`) ? result.id : null
  return {
    kind: 'answer',
    accepted: a.type === 'Accept',
    inviteId,
    sharedCaseUrl,
    reason: str(a.summary, 2000) ? a.summary : null,
    advisory:
      a.type === 'Accept' && result['lockstep:advisory'] !== undefined
        ? readAdvisoryDocument(result['lockstep:advisory'], senderBaseUrl)
        : null,
  }
}
