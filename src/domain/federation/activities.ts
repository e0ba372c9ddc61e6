// Messages between instances are ActivityStreams 2.0 activities (the vocabulary Vultron maps its
// protocol onto): a Create of a Note (Lockstep's ping, which proves the transport end to end), and
// the case protocol's Invite to a case with its Accept and Reject (caseOffer.ts).
import { readCaseActivity, type CaseActivity } from './caseOffer.js'
import { caseSharingSummary, isCaseSharing } from './caseSharing.js'
import { FederationRefusal } from './refusal.js'

export const AS_CONTEXT = 'https://www.w3.org/ns/activitystreams'

export interface ActivityFacts {
  id: string
  type: string
  actor: string
  /** What a person reads about it in the ledger (the Note's text, cut short). */
  summary: string
  /** The case protocol's content, for an Invite, Accept or Reject. */
  caseActivity?: CaseActivity
}

/** A ping to a peer: a Create of a Note addressed to its actor. */
export function pingActivity(o: { id: string; from: string; to: string; text: string; at: Date }) {
  return {
    '@context': AS_CONTEXT,
    id: o.id,
    type: 'Create',
    actor: o.from,
    to: [o.to],
    published: o.at.toISOString(),
    object: { type: 'Note', id: `${o.id}#note`, attributedTo: o.from, to: [o.to], content: o.text },
  }
}

const handled = new Set(['Create', 'Invite', 'Offer', 'Accept', 'Reject', 'Add', 'Remove', 'Announce', 'Read'])

function fail(message: string): never {
  throw new FederationRefusal('bad-activity', message)
}

/**
 * Reads an activity received from `expectedActor`: an object with the ActivityStreams context, an
 * id (a URL under the sender's address, so one peer cannot claim another's ids), a type this
 * instance handles and the sender as its actor.
 */
export function readActivity(json: unknown, expectedActor: string, senderBaseUrl: string): ActivityFacts {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) fail('the body is not a JSON object')
  const a = json as Record<string, unknown>
  const context = Array.isArray(a['@context']) ? a['@context'] : [a['@context']]
  if (!context.includes(AS_CONTEXT)) fail(`@context does not name ${AS_CONTEXT}`)
  if (typeof a.id !== 'string' || a.id.length > 1000) fail('id is missing')
  if (!a.id.startsWith(`${senderBaseUrl}/`)) fail("id is not under the sending instance's address")
  if (typeof a.type !== 'string') fail('type is missing')
  if (!handled.has(a.type)) fail(`activities of type ${a.type.slice(0, 50)} are not handled here yet`)
  if (a.actor !== expectedActor)
    throw new FederationRefusal('wrong-actor', "the activity's actor is not the instance that signed it")
  if (a.type !== 'Create' || isCaseSharing(a)) {
    const caseActivity = readCaseActivity(a, senderBaseUrl)
    const summary =
      caseActivity.kind === 'embargo-answers'
        ? `its parties' answers to the embargo proposal ${caseActivity.originProposal.slice(0, 150)}`
        : caseActivity.kind === 'note' ||
            caseActivity.kind === 'vendor-status' ||
            caseActivity.kind === 'case-status' ||
            caseActivity.kind === 'statement'
          ? caseSharingSummary(caseActivity)
          : caseActivity.kind === 'advisory'
            ? `its advisory ${caseActivity.advisory.id.slice(0, 100)} for the shared case`
            : caseActivity.kind === 'embargo-proposal'
              ? `${caseActivity.proposer} proposed that the embargo end at ${caseActivity.endsAt.toISOString()}`
              : caseActivity.kind === 'embargo-end'
                ? `the embargo on ${caseActivity.senderCaseUrl.slice(0, 150)} ended early: ${caseActivity.reason.slice(0, 150)}`
                : caseActivity.kind === 'report'
                  ? `the report “${caseActivity.report.name.slice(0, 150)}”`
                  : caseActivity.kind === 'invite'
                    ? `${caseActivity.handoff ? 'the hand-over of' : 'an invitation to'} the case “${caseActivity.caseObject.name.slice(0, 150)}”`
                    : caseActivity.kind === 'embargo'
                      ? `the embargo agreed on ${caseActivity.senderCaseUrl.slice(0, 150)}: released at ${caseActivity.endsAt.toISOString()}`
                      : `${caseActivity.accepted ? 'accepted' : 'declined'} the invitation ${caseActivity.inviteId.slice(0, 150)}`
    const objectType = (a.object as { type?: unknown } | null)?.type
    const type = isCaseSharing(a) && typeof objectType === 'string' ? `${a.type}/${objectType}` : a.type
    return { id: a.id, type, actor: a.actor, summary, caseActivity }
  }
  const object = (typeof a.object === 'object' && a.object !== null ? a.object : {}) as Record<string, unknown>
  if (object.type !== 'Note') fail('only a Create of a Note is handled here yet')
  const content = typeof object.content === 'string' ? object.content : ''
  return { id: a.id, type: `${a.type}/Note`, actor: a.actor, summary: content.slice(0, 200) }
}
