// The embargo as a party sees it: its state, the terms in force, the proposal on the table, the
// published policies waiting as revisions, each party's answer (an unanswered invitation past its
// deadline shown as declined), the history of proposals, and what the caller may do now (the
// policy's answers for the embargo, the proposal on the table and each party asked).
import type { Actor } from '../../domain/actor.js'
import {
  allowedEmEvents,
  consentLabels,
  effectiveConsent,
  emStateLabels,
  type ConsentState,
  type EmbargoPolicy,
} from '../../domain/embargo.js'
import { can, partyOf, type Resources } from '../../domain/policy/index.js'
import type { Db } from '../../store/db.js'
import { ownParticipants } from '../../store/participants.js'
import { ANONYMOUS_FINDER, asSeenBy, mayKnow } from '../cases/identities.js'
import { loadCaseFor } from '../cases/caseAccess.js'
import { peerAnswersOf } from '../federation/embargoAnswers.js'
import { askedParticipants, proposalResource, type Party } from './embargoParties.js'

export async function embargoView(db: Db, actor: Actor, caseRef: string, policy: EmbargoPolicy, now = new Date()) {
  const { row, resource: caseResource } = await loadCaseFor(db, actor, caseRef, 'read')
  const caseId = row.id
  const c = await db
    .selectFrom('cases')
    .select([
      'em_state',
      'embargo_ends_at',
      'embargo_ended_at',
      'embargo_end_reason',
      'public_aware_at',
      'exploit_public_at',
      'attacks_observed_at',
    ])
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow()
  const proposals = await db
    .selectFrom('embargo_proposals')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
  const consents = await db.selectFrom('embargo_consents').selectAll().where('case_id', '=', caseId).execute()
  // Each party as the caller may see it: a finder who asked to stay anonymous is not named. Every
  // party (a thousand vendors, say) is read only when a proposal is there to list their answers or
  // name its proposer; otherwise the caller's own parties are all that is asked about below.
  const own = await ownParticipants(db, caseId, partyOf(actor))
  const asked = proposals.length
    ? await askedParticipants(db, caseId)
    : own
        .filter((p) => p.roles.some((r) => r !== 'observer'))
        .map((p): Party => ({ ...p, name: p.name ?? 'Unknown', preferred_days: null }))
  const unnamed = new Set(asked.filter((p) => !mayKnow(actor, caseResource, p)).map((p) => p.id))
  const parties = asked.map((p) => asSeenBy(actor, caseResource, p))
  const embargo: Resources['embargo'] = { type: 'embargo', case: caseResource }
  // "Yours": the parties that are the caller or one of its organizations.
  const mine = new Set(own.map((p) => p.id))
  const peerAnswers = await peerAnswersOf(db, caseId) // the parties on the instances sharing the case
  const answersTo = (proposalId: string) => [
    ...parties.map((p) => {
      const row = consents.find((x) => x.proposal_id === proposalId && x.participant_id === p.id)
      const state: ConsentState = row ? effectiveConsent({ state: row.state, answerBy: row.answer_by }, now) : 'none'
      return {
        participantId: p.id,
        name: p.name,
        state,
        stateLabel: consentLabels[state],
        answerBy: row?.answer_by?.toISOString() ?? null,
        answeredAt: row?.answered_at?.toISOString() ?? null,
        yours: mine.has(p.id),
      }
    }),
    ...peerAnswers
      .filter((a) => a.proposalId === proposalId)
      .map((a) => ({
        participantId: null,
        name: a.name,
        state: a.state,
        stateLabel: consentLabels[a.state],
        answerBy: null,
        answeredAt: a.answeredAt?.toISOString() ?? null,
        yours: false,
      })),
  ]
  const present = (p: (typeof proposals)[number]) => ({
    id: p.id,
    kind: p.kind,
    endsAt: p.ends_at.toISOString(),
    timeZone: p.time_zone,
    proposer:
      p.proposed_by_participant_id !== null && unnamed.has(p.proposed_by_participant_id)
        ? ANONYMOUS_FINDER
        : p.proposer_label,
    reason: p.reason,
    answerBy: p.answer_by?.toISOString() ?? null,
    status: p.status,
    at: p.created_at.toISOString(),
    proposedByYou: p.proposed_by_participant_id !== null && mine.has(p.proposed_by_participant_id),
  })
  const open = proposals.find((p) => p.status === 'open' && p.kind !== 'policy')
  const inForce = proposals.find((p) => p.status === 'accepted')
  const onTable = open ? await proposalResource(db, caseResource, open, now) : null
  const negotiates =
    can(actor, 'speak_as_coordinator', embargo) ||
    parties.some((p) =>
      can(actor, 'negotiate_embargo', {
        type: 'participant',
        case: caseResource,
        userId: p.user_id,
        organizationId: p.organization_id,
        roles: p.roles,
      }),
    )
  const isPublic = !!(c.public_aware_at || c.exploit_public_at || c.attacks_observed_at)
  const events = allowedEmEvents(c.em_state)
  return {
    state: c.em_state,
    stateLabel: emStateLabels[c.em_state],
    endsAt: c.embargo_ends_at?.toISOString() ?? null,
    endedAt: c.embargo_ended_at?.toISOString() ?? null,
    endReason: c.embargo_end_reason,
    policy: {
      defaultDays: policy.defaultDays,
      maxDays: policy.maxDays,
      answerDays: policy.answerDays,
      minAnswerHours: policy.minAnswerHours,
    },
    inForce: inForce ? { ...present(inForce), answers: answersTo(inForce.id) } : null,
    open: open ? { ...present(open), answers: answersTo(open.id) } : null,
    policies: proposals.filter((p) => p.kind === 'policy').map(present),
    history: proposals
      .filter((p) => p.kind !== 'policy')
      .map(present)
      .reverse(),
    abilities: {
      propose:
        negotiates &&
        !isPublic &&
        (events.includes('propose') || events.includes('counter') || events.includes('revise')),
      answer: negotiates && !!open,
      reject: !!onTable && can(actor, 'reject', onTable),
      withdraw: !!onTable && can(actor, 'withdraw', onTable),
      terminate: can(actor, 'terminate', embargo) && events.includes('terminate'),
      reportPublic: negotiates && !isPublic,
    },
  }
}
