// Agreeing the date: proposing an end instant, countering, revising, answering, rejecting,
// withdrawing and ending the embargo, each as its EM transition (domain/embargo.ts) in one
// transaction with its ledger entry and the mail to the parties. Every party that works the case
// is asked; an unanswered invitation counts as declined after its deadline. The coordinator
// seals an agreement (or everyone asked agrees), and may end an embargo early with a reason.
// Each command loads the case for its caller and asks the policy itself (rules/embargo.ts).
import { actorUserId, type Actor } from '../../domain/actor.js'
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.js'
import {
  answerDeadline,
  checkEndInstant,
  emOnCaseEvent,
  emRefusalMessage,
  emTransition,
  openingProposals,
  parseInstant,
  type EmbargoPolicy,
  type EmEvent,
  type EmState,
} from '../../domain/embargo.js'
import { authorize, can } from '../../domain/policy/index.js'
import { inTransaction, isUuid, type Db } from '../../store/db.js'
import type { LedgerActor } from '../../domain/ledger.js'
import { ledgerActorOf } from '../../store/ledger.js'
import { everyPartyAgreed, reportAnswersToOrigin } from '../federation/embargoAnswers.js'
import { sendEmbargoEndToSharers, sendEmbargoToSharers, sendProposalToSharers } from '../federation/sharedEmbargo.js'
import { counterOpenProposal, moveEmbargo } from '../transitions/embargoState.js'
import { answerTerms, inviteToTerms, lapseAgreements } from '../transitions/consent.js'
import { loadCaseFor } from '../cases/caseAccess.js'
import {
  askedParticipants,
  lockEmbargoCase,
  proposalResource,
  speakerOrStaff,
  type EmbargoCase,
} from './embargoParties.js'
import { notifyEmbargo } from './embargoMail.js'

export interface TermsInput {
  endsAt: string
  /** The IANA zone the proposer thinks in ("America/New_York"), to show the terms as they meant them. */
  timeZone?: string | undefined
  answerBy?: string | undefined
  reason?: string | undefined
  /** Staff: on whose behalf. */
  participantId?: string | undefined
  /** Optional: the transition the caller means; refused with 409 if the embargo's state does not allow it. */
  event?: 'propose' | 'counter' | 'revise' | undefined
}

function validZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

/** Applies an EM event to the case's state, or refuses with the allowed ones. */
function step(c: EmbargoCase, event: EmEvent): EmState {
  const result = emTransition(c.em_state, event)
  if (!result.ok) throw new ConflictError(emRefusalMessage(result.error))
  return result.state
}

function assertNotPublic(c: EmbargoCase): void {
  if (c.public_aware_at || c.exploit_public_at || c.attacks_observed_at) {
    throw new ConflictError(
      'No embargo can be proposed: the case is already public, exploited or attacked. Release the advisory instead.',
    )
  }
}

/** Proposes new terms: opens an embargo (None), counters the proposal on the table (Proposed), or proposes a revision (Active, Revise). */
export async function proposeTerms(
  db: Db,
  actor: Actor,
  caseRef: string,
  input: TermsInput,
  policy: EmbargoPolicy,
  now = new Date(),
) {
  // Seeing the case first (404 before any 400); speaking for a party is checked with the speaker.
  const { row, resource: caseResource } = await loadCaseFor(db, actor, caseRef, 'read')
  const caseId = row.id
  const problems: { field: string; message: string }[] = []
  const parsed = parseInstant(input.endsAt)
  if (!parsed.ok) problems.push({ field: 'endsAt', message: parsed.message })
  else {
    const wrong = checkEndInstant(parsed.instant, now, policy)
    if (wrong) problems.push({ field: 'endsAt', message: wrong })
  }
  let answerBy: Date | undefined
  if (input.answerBy !== undefined) {
    const a = parseInstant(input.answerBy)
    if (!a.ok) problems.push({ field: 'answerBy', message: a.message })
    else answerBy = a.instant
  }
  const deadline = answerDeadline(now, policy, answerBy)
  if (!deadline.ok) problems.push({ field: 'answerBy', message: deadline.message })
  const timeZone = input.timeZone?.trim() || 'UTC'
  if (!validZone(timeZone))
    problems.push({ field: 'timeZone', message: 'is not a time zone name such as Europe/Berlin or UTC' })
  if (problems.length || !parsed.ok || !deadline.ok) throw new ValidationError(problems)

  return inTransaction(db, async (trx) => {
    const c = await lockEmbargoCase(trx, caseId)
    const event: EmEvent = c.em_state === 'none' ? 'propose' : c.em_state === 'proposed' ? 'counter' : 'revise'
    if (input.event && input.event !== event) step(c, input.event)
    step(c, event)
    if (event === 'propose') assertNotPublic(c)
    const who = await ledgerActorOf(trx, actor)
    const speaker = await speakerOrStaff(trx, actor, caseId, caseResource, input.participantId, who.displayName)
    const asked = await askedParticipants(trx, caseId)

    // A new embargo: every party's published policy is a proposal too; the shortest wins.
    let end = parsed.instant
    let from = speaker.name
    let policies: { from: string; participantId: string | null; end: Date }[] = []
    if (event === 'propose') {
      const opening = openingProposals(
        parsed.instant,
        asked
          .filter((p) => p.preferred_days !== null && p.id !== speaker.id)
          .map((p) => ({ participant: p.id, preferredDays: p.preferred_days! })),
        now,
        policy,
      )
      end = opening.winner.end
      const nameOf = (id: string) => asked.find((p) => p.id === id)?.name ?? 'a participant'
      from = opening.winner.from === 'explicit' ? speaker.name : nameOf(opening.winner.from)
      policies = opening.revisions
        .filter((r) => r.from !== 'explicit')
        .map((r) => ({ from: nameOf(r.from), participantId: r.from, end: r.end }))
      if (opening.winner.from !== 'explicit')
        policies.push({ from: speaker.name, participantId: speaker.id, end: parsed.instant })
    }

    const countered = await counterOpenProposal(trx, caseId, now)
    const proposal = await trx
      .insertInto('embargo_proposals')
      .values({
        case_id: caseId,
        kind: event === 'revise' ? 'revision' : 'proposal',
        ends_at: end,
        time_zone: timeZone,
        proposed_by_user_id: actorUserId(actor),
        proposed_by_participant_id: speaker.id,
        proposer_label: from,
        reason: input.reason?.trim() || null,
        answer_by: deadline.at,
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    for (const p of policies) {
      await trx
        .insertInto('embargo_proposals')
        .values({
          case_id: caseId,
          kind: 'policy',
          ends_at: p.end,
          proposed_by_participant_id: p.participantId,
          proposer_label: p.from,
          reason: 'published embargo policy',
          created_at: now,
        })
        .execute()
    }
    const entry = await moveEmbargo(trx, c, event, {
      who,
      kind: `embargo.${event === 'propose' ? 'proposed' : event === 'counter' ? 'countered' : 'revision_proposed'}`,
      payload: {
        endsAt: end.toISOString(),
        timeZone,
        by: speaker.name,
        from,
        answerBy: deadline.at.toISOString(),
        policies: policies.map((p) => ({ from: p.from, endsAt: p.end.toISOString() })),
      },
      at: now,
    })
    // Whoever agreed to the countered terms has not agreed to the new ones.
    if (countered) await lapseAgreements(trx, entry, countered)
    await sendProposalToSharers(trx, caseId, proposal) // on the table on the instances sharing the case too
    await inviteToTerms(trx, entry, {
      proposalId: proposal.id,
      partyIds: asked.map((p) => p.id),
      proposerId: speaker.id,
      answerBy: deadline.at,
      now,
    })
    const headline =
      event === 'propose'
        ? 'Embargo proposed'
        : event === 'counter'
          ? 'Embargo counter-proposed'
          : 'Embargo revision proposed'
    const sentence =
      from === speaker.name
        ? `${speaker.name} proposes that the embargo end at the instant below`
        : `${speaker.name} opened the embargo; ${from}’s published policy is the shortest, so it is the proposal`
    await notifyEmbargo(
      trx,
      caseId,
      asked.filter((p) => p.id !== speaker.id).map((p) => p.id),
      { headline, sentence, endsAt: end.toISOString(), answerBy: deadline.at.toISOString() },
    )
    return proposal
  })
}

async function loadProposal(trx: Db, caseId: string, proposalId: string) {
  const p = isUuid(proposalId)
    ? await trx
        .selectFrom('embargo_proposals')
        .selectAll()
        .where('case_id', '=', caseId)
        .where('id', '=', proposalId)
        .forUpdate()
        .executeTakeFirst()
    : undefined
  if (!p || p.kind === 'policy') throw new NotFoundError('proposal')
  return p
}

async function loadOpenProposal(trx: Db, caseId: string, proposalId: string) {
  const p = await loadProposal(trx, caseId, proposalId)
  if (p.status !== 'open') throw new ConflictError(`This proposal is no longer on the table: it was ${p.status}.`)
  return p
}

/** Puts agreed terms in force: the first agreement (P→A) or a revision (R→A). */
export async function activate(
  trx: Db,
  c: EmbargoCase,
  proposal: { id: string; ends_at: Date; kind: string },
  who: LedgerActor,
  now: Date,
  sealedBy: string,
) {
  const event: EmEvent = proposal.kind === 'revision' ? 'accept_revision' : 'accept'
  step(c, event)
  const previous =
    proposal.kind === 'revision'
      ? await trx
          .selectFrom('embargo_proposals')
          .select('id')
          .where('case_id', '=', c.id)
          .where('status', '=', 'accepted')
          .executeTakeFirst()
      : undefined
  if (previous)
    await trx
      .updateTable('embargo_proposals')
      .set({ status: 'superseded', decided_at: now })
      .where('id', '=', previous.id)
      .execute()
  await trx
    .updateTable('embargo_proposals')
    .set({ status: 'accepted', decided_at: now })
    .where('id', '=', proposal.id)
    .execute()
  const entry = await moveEmbargo(trx, c, event, {
    who,
    kind: proposal.kind === 'revision' ? 'embargo.revised' : 'embargo.active',
    payload: { endsAt: proposal.ends_at.toISOString(), sealedBy },
    at: now,
    endsAt: proposal.ends_at,
  })
  if (previous) await lapseAgreements(trx, entry, previous.id)
  await sendEmbargoToSharers(trx, c.id, proposal.ends_at) // shared with peers: one release instant
  const asked = await askedParticipants(trx, c.id)
  await notifyEmbargo(
    trx,
    c.id,
    asked.map((p) => p.id),
    {
      headline: proposal.kind === 'revision' ? 'Embargo revised' : 'Embargo agreed',
      sentence: `${sealedBy} put the embargo in force: the advisory is released at the instant below, not a moment earlier`,
      endsAt: proposal.ends_at.toISOString(),
      answerBy: null,
    },
  )
}

/**
 * A party answers the proposal on the table. Its agreement is recorded; the staff's agreement
 * (or everyone asked agreeing) puts the terms in force.
 */
export async function answerProposal(
  db: Db,
  actor: Actor,
  caseRef: string,
  proposalId: string,
  input: { answer: 'accept' | 'decline'; participantId?: string | undefined },
  now = new Date(),
) {
  return inTransaction(db, async (trx) => {
    const { row, resource: caseResource } = await loadCaseFor(trx, actor, caseRef, 'read')
    const caseId = row.id
    const c = await lockEmbargoCase(trx, caseId)
    const proposal = await loadOpenProposal(trx, caseId, proposalId)
    const resource = await proposalResource(trx, caseResource, proposal, now)
    // Past the deadline the answer is refused as a conflict with the proposal's state (409), as ever.
    if (!can(actor, 'answer', resource))
      throw new ConflictError(
        'The time to answer this proposal has passed: silence counted as declining. Propose other terms if you need them.',
      )
    const who = await ledgerActorOf(trx, actor)
    const speaker = await speakerOrStaff(trx, actor, caseId, caseResource, input.participantId, who.displayName)
    await answerTerms(trx, {
      caseId,
      proposalId: proposal.id,
      participantId: speaker.id,
      answer: input.answer,
      who,
      payload: { participant: speaker.name, endsAt: proposal.ends_at.toISOString(), kind: proposal.kind },
      now,
    })
    // A proposal made on a peer is counted there: the answers here go back to it (embargoAnswers.ts).
    const countedElsewhere = await reportAnswersToOrigin(
      trx,
      proposal.id,
      input.answer === 'accept' ? 'Accept' : 'Reject',
    )
    if (input.answer === 'decline') return { activated: false }
    const seals = can(actor, 'seal', resource)
    if (seals || (!countedElsewhere && (await everyPartyAgreed(trx, proposal.id)))) {
      await activate(trx, c, proposal, who, now, seals ? who.displayName : 'Every party')
      return { activated: true }
    }
    return { activated: false }
  })
}

/** The staff turn the proposal down (P→N), or a revision (R→A, the old terms stay). */
export async function rejectProposal(
  db: Db,
  actor: Actor,
  caseRef: string,
  proposalId: string,
  reason: string | undefined,
  now = new Date(),
) {
  return inTransaction(db, async (trx) => {
    const { row, resource: caseResource } = await loadCaseFor(trx, actor, caseRef, 'read')
    const p = await loadProposal(trx, row.id, proposalId)
    authorize(actor, 'reject', await proposalResource(trx, caseResource, p, now))
    return closeProposal(trx, actor, row.id, proposalId, 'rejected', reason, now)
  })
}

/** The proposer (or the staff) takes a proposal back (P→N), or a revision (R→A). */
export async function withdrawProposal(
  db: Db,
  actor: Actor,
  caseRef: string,
  proposalId: string,
  participantId?: string,
  now = new Date(),
) {
  return inTransaction(db, async (trx) => {
    const { row, resource: caseResource } = await loadCaseFor(trx, actor, caseRef, 'read')
    const caseId = row.id
    const p = await loadOpenProposal(trx, caseId, proposalId)
    // A party speaks in its own name (negotiate_embargo); a staff member naming none needs no speaker.
    if (participantId !== undefined || !can(actor, 'speak_as_coordinator', { type: 'embargo', case: caseResource }))
      await speakerOrStaff(trx, actor, caseId, caseResource, participantId, '')
    if (!can(actor, 'withdraw', await proposalResource(trx, caseResource, p, now)))
      throw new ConflictError('Only who proposed it (or the coordinator) can withdraw a proposal; answer it instead.')
    return closeProposal(trx, actor, caseId, proposalId, 'withdrawn', undefined, now)
  })
}

async function closeProposal(
  db: Db,
  actor: Actor,
  caseId: string,
  proposalId: string,
  status: 'rejected' | 'withdrawn',
  reason: string | undefined,
  now: Date,
) {
  return inTransaction(db, async (trx) => {
    const c = await lockEmbargoCase(trx, caseId)
    const p = await loadOpenProposal(trx, caseId, proposalId)
    const event = p.kind === 'revision' ? 'reject_revision' : status === 'rejected' ? 'reject' : 'withdraw'
    step(c, event)
    await trx.updateTable('embargo_proposals').set({ status, decided_at: now }).where('id', '=', p.id).execute()
    const who = await ledgerActorOf(trx, actor)
    await moveEmbargo(trx, c, event, {
      who,
      kind: `embargo.${status}`,
      payload: { endsAt: p.ends_at.toISOString(), kind: p.kind, reason: reason?.trim() || null },
      at: now,
    })
    const asked = await askedParticipants(trx, caseId)
    await notifyEmbargo(
      trx,
      caseId,
      asked.map((x) => x.id),
      {
        headline: `Embargo ${p.kind === 'revision' ? 'revision' : 'proposal'} ${status}`,
        sentence: `${who.displayName} ${status === 'rejected' ? 'rejected' : 'withdrew'} the ${p.kind === 'revision' ? 'revision' : 'proposal'}${p.kind === 'revision' ? '; the terms in force stay' : ''}${reason?.trim() ? `: ${reason.trim()}` : ''}`,
        endsAt: p.kind === 'revision' ? (c.embargo_ends_at?.toISOString() ?? null) : null,
        answerBy: null,
      },
    )
  })
}

/** Ends the embargo before its term (A or R → X), with a reason the ledger keeps. */
export async function terminateEmbargo(db: Db, actor: Actor, caseRef: string, reason: string, now = new Date()) {
  return inTransaction(db, async (trx) => {
    const { row, resource: caseResource } = await loadCaseFor(trx, actor, caseRef, 'read')
    authorize(actor, 'terminate', { type: 'embargo', case: caseResource })
    if (!reason.trim())
      throw new ValidationError({ field: 'reason', message: 'is required: say why the embargo ends early' })
    const c = await lockEmbargoCase(trx, row.id)
    await endEmbargo(trx, c, await ledgerActorOf(trx, actor), 'terminate', reason.trim(), now)
  })
}

/** The embargo ends (terminated, reached its end, or the case went public): X, open proposals closed, the parties told. */
export async function endEmbargo(
  trx: Db,
  c: EmbargoCase,
  who: LedgerActor,
  event: 'terminate',
  reason: string,
  now: Date,
  tellPeers: boolean | { except: string } = true, // not at the term: each instance releases at it on its own
): Promise<void> {
  step(c, event)
  if (tellPeers) await sendEmbargoEndToSharers(trx, c.id, reason, tellPeers === true ? undefined : tellPeers.except)
  await trx
    .updateTable('embargo_proposals')
    .set({ status: 'superseded', decided_at: now })
    .where('case_id', '=', c.id)
    .where('status', '=', 'open')
    .execute()
  await moveEmbargo(trx, c, event, {
    who,
    kind: 'embargo.ended',
    payload: { reason, endsAt: c.embargo_ends_at?.toISOString() ?? null },
    at: now,
    ended: { reason },
  })
  const asked = await askedParticipants(trx, c.id)
  await notifyEmbargo(
    trx,
    c.id,
    asked.map((p) => p.id),
    { headline: 'Embargo ended', sentence: `The embargo ended: ${reason}`, endsAt: null, answerBy: null },
  )
}

const caseEventWords = {
  publicAware: 'the case is public',
  exploitPublic: 'an exploit is public',
  attacksObserved: 'attacks were observed',
} as const

/** The case went public (or was exploited, or attacked): an embargo proposed is dropped, one in force ends at once. */
export async function embargoAfterCaseEvent(
  trx: Db,
  caseId: string,
  event: keyof typeof caseEventWords,
  reference: string | undefined,
  keepOnAttacks: boolean,
  who: LedgerActor,
  now = new Date(),
): Promise<void> {
  const c = await lockEmbargoCase(trx, caseId)
  const next = emOnCaseEvent(c.em_state, event, keepOnAttacks)
  if (next === c.em_state) return
  const reason = `${caseEventWords[event]}${reference ? ` (${reference})` : ''}`
  if (next === 'exited') return endEmbargo(trx, c, who, 'terminate', reason, now)
  // Proposed → None: nothing was in force; the proposal is off the table (the case's facts reject it, P → N).
  await trx
    .updateTable('embargo_proposals')
    .set({ status: 'superseded', decided_at: now })
    .where('case_id', '=', caseId)
    .where('status', '=', 'open')
    .execute()
  await moveEmbargo(trx, c, 'reject', { who, kind: 'embargo.dropped', payload: { reason }, at: now })
}
