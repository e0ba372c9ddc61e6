// Who takes part in the embargo: the case locked for an EM transition, the parties asked to agree
// (every participant that works the case: observers are not asked), and the party a caller speaks
// for (its own participation; the staff name one, or speak as the coordinator), and the
// proposal on the table as the policy sees it.
import { sql } from 'kysely'
import type { Actor } from '../../domain/actor.js'
import { NotFoundError } from '../../domain/errors.js'
import { authorize, can, partyOf, type Resources } from '../../domain/policy/index.js'
import type { Db } from '../../store/db.js'
import { isUuid } from '../../store/db.js'
import { identityWithheld, ownParticipantIds } from '../../store/participants.js'
import { ANONYMOUS_FINDER } from '../cases/identities.js'

export async function lockEmbargoCase(trx: Db, caseId: string) {
  return (
    trx
      .selectFrom('cases')
      .select([
        'id',
        'case_number',
        'title',
        'tlp',
        'em_state',
        'embargo_ends_at',
        'handed_over_at',
        'public_aware_at',
        'exploit_public_at',
        'attacks_observed_at',
      ])
      .where('id', '=', caseId)
      // NO KEY: rows that point at the case (a message, an outbox row) may be inserted meanwhile.
      .forNoKeyUpdate()
      .executeTakeFirstOrThrow()
  )
}
export type EmbargoCase = Awaited<ReturnType<typeof lockEmbargoCase>>

export interface Party {
  id: string
  name: string
  roles: string[]
  organization_id: string | null
  user_id: string | null
  /** The organization's published preferred embargo, in days. */
  preferred_days: number | null
  /** A finder who asked to stay anonymous (see participant_identity in the policy). */
  identity_withheld: boolean
}

export async function askedParticipants(trx: Db, caseId: string): Promise<Party[]> {
  return trx
    .selectFrom('participants')
    .leftJoin('organizations', 'organizations.id', 'participants.organization_id')
    .leftJoin('users', 'users.id', 'participants.user_id')
    .select([
      'participants.id',
      'participants.roles',
      'participants.organization_id',
      'participants.user_id',
      'organizations.embargo_preferred_days as preferred_days',
    ])
    .select((eb) => eb.fn.coalesce('organizations.name', 'users.name').$castTo<string>().as('name'))
    .select(identityWithheld.as('identity_withheld'))
    .where('participants.case_id', '=', caseId)
    .where('participants.removed_at', 'is', null)
    .where(sql<boolean>`participants.roles <> ARRAY['observer']::text[]`)
    .orderBy('participants.created_at')
    .execute()
}

/**
 * Who speaks: the staff without a participant named speak as the coordinating participant, or
 * (a case without one) as themselves, with no party's consent attached.
 */
export async function speakerOrStaff(
  trx: Db,
  actor: Actor,
  caseId: string,
  caseResource: Resources['case'],
  participantId: string | undefined,
  staffName: string,
): Promise<{ id: string | null; name: string }> {
  if (participantId === undefined && can(actor, 'speak_as_coordinator', { type: 'embargo', case: caseResource })) {
    const coordinator = await trx
      .selectFrom('participants')
      .leftJoin('organizations', 'organizations.id', 'participants.organization_id')
      .leftJoin('users', 'users.id', 'participants.user_id')
      .select(['participants.id'])
      .select((eb) => eb.fn.coalesce('organizations.name', 'users.name').$castTo<string>().as('name'))
      .where('participants.case_id', '=', caseId)
      .where('participants.removed_at', 'is', null)
      .where(sql<boolean>`'coordinator' = ANY(participants.roles)`)
      .orderBy('participants.created_at')
      .executeTakeFirst()
    return coordinator ?? { id: null, name: staffName }
  }
  return speakerFor(trx, actor, caseId, caseResource, participantId)
}

/** The party the caller speaks for in the embargo, authorized to negotiate in its name. */
export async function speakerFor(
  trx: Db,
  actor: Actor,
  caseId: string,
  caseResource: Resources['case'],
  participantId: string | undefined,
): Promise<Party> {
  let q = trx
    .selectFrom('participants')
    .leftJoin('organizations', 'organizations.id', 'participants.organization_id')
    .leftJoin('users', 'users.id', 'participants.user_id')
    .select([
      'participants.id',
      'participants.roles',
      'participants.organization_id',
      'participants.user_id',
      'organizations.embargo_preferred_days as preferred_days',
    ])
    .select((eb) => eb.fn.coalesce('organizations.name', 'users.name').$castTo<string>().as('name'))
    .select(identityWithheld.as('identity_withheld'))
    .where('participants.case_id', '=', caseId)
    .where('participants.removed_at', 'is', null)
  if (participantId !== undefined) {
    if (!isUuid(participantId)) throw new NotFoundError('participant')
    q = q.where('participants.id', '=', participantId)
  } else if (can(actor, 'speak_as_coordinator', { type: 'embargo', case: caseResource })) {
    q = q.where(sql<boolean>`'coordinator' = ANY(participants.roles)`)
  } else {
    const own = await ownParticipantIds(trx, caseId, partyOf(actor))
    if (!own.length) throw new NotFoundError('participant')
    q = q.where('participants.id', 'in', own)
  }
  const p = await q.orderBy('participants.created_at').executeTakeFirst()
  if (!p) throw new NotFoundError('participant')
  authorize(actor, 'negotiate_embargo', {
    type: 'participant',
    case: caseResource,
    userId: p.user_id,
    organizationId: p.organization_id,
    roles: p.roles,
  })
  // What the party says is shown and mailed to all parties: a finder who asked to stay anonymous
  // speaks unnamed.
  return p.identity_withheld ? { ...p, name: ANONYMOUS_FINDER } : p
}

/** The proposal as the policy sees it: the party that proposed it, and whether its answer time has passed. */
export async function proposalResource(
  trx: Db,
  caseResource: Resources['case'],
  p: { proposed_by_participant_id: string | null; answer_by: Date | null },
  now: Date,
): Promise<Resources['embargo_proposal']> {
  const proposer = p.proposed_by_participant_id
    ? await trx
        .selectFrom('participants')
        .select(['user_id', 'organization_id', 'roles'])
        .where('id', '=', p.proposed_by_participant_id)
        .executeTakeFirst()
    : undefined
  return {
    type: 'embargo_proposal',
    case: caseResource,
    proposer: proposer
      ? {
          type: 'participant',
          case: caseResource,
          userId: proposer.user_id,
          organizationId: proposer.organization_id,
          roles: proposer.roles,
        }
      : null,
    late: p.answer_by !== null && now > p.answer_by,
  }
}
