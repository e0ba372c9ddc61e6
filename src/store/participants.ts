// The two shapes of participant query that commands keep asking for: the rows a person takes part
// in a case through (themselves, or one of their organizations), and the names participants go by.
import { sql } from 'kysely'
import type { Db } from './db.js'
import { isUuid } from './db.js'

/**
 * Whether the participant is a finder who asked to stay anonymous (the credit preference
 * "anonymous" on their report in this case). Who may still see the name is the policy's
 * participant_identity; the store only says what the finder chose.
 */
export const identityWithheld = sql<boolean>`(participants.user_id IS NOT NULL
  AND 'finder' = ANY(participants.roles)
  AND EXISTS (SELECT 1 FROM reports r WHERE r.case_id = participants.case_id
    AND r.reporter_user_id = participants.user_id AND r.credit->>'preference' = 'anonymous'))`

/** The people of a case who are finders that asked to stay anonymous, by user id. */
export async function anonymousFinderUserIds(db: Db, caseId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('participants')
    .select('participants.user_id')
    .where('participants.case_id', '=', caseId)
    .where(identityWithheld)
    .execute()
  return new Set(rows.flatMap((r) => (r.user_id ? [r.user_id] : [])))
}

/** Whose participation to look for: a person and the organizations they belong to. */
export interface Party {
  userId: string | null
  organizationIds: readonly string[]
}

function withNames(db: Db) {
  return db
    .selectFrom('participants')
    .leftJoin('organizations', 'organizations.id', 'participants.organization_id')
    .leftJoin('users', 'users.id', 'participants.user_id')
    .selectAll('participants')
    .select([
      'organizations.name as organization_name',
      'users.name as user_name',
      (eb) => eb.fn.coalesce('organizations.name', 'users.name').as('name'),
      identityWithheld.as('identity_withheld'),
    ])
}

/**
 * The party's own participant rows in a case that it still takes part in (optionally only those
 * with a role), in the order they joined. An indexed lookup, whatever the number of vendors.
 */
export function ownParticipants(db: Db, caseId: string, party: Party, role?: string) {
  const { userId, organizationIds } = party
  if (userId === null && organizationIds.length === 0) return Promise.resolve([])
  let q = withNames(db)
    .where('participants.case_id', '=', caseId)
    .where('participants.removed_at', 'is', null)
    .where((eb) =>
      eb.or([
        ...(userId !== null ? [eb('participants.user_id', '=', userId)] : []),
        ...(organizationIds.length ? [eb('participants.organization_id', 'in', organizationIds)] : []),
      ]),
    )
  if (role) q = q.where(({ eb, fn }) => eb(eb.val(role), '=', fn.any('participants.roles')))
  return q.orderBy('participants.created_at').execute()
}

/** One participant of a case with its name, taken out or not; undefined for an id of another case. */
export function findParticipant(db: Db, caseId: string, participantId: string) {
  if (!isUuid(participantId)) return Promise.resolve(undefined)
  return withNames(db)
    .where('participants.case_id', '=', caseId)
    .where('participants.id', '=', participantId)
    .executeTakeFirst()
}

/** The name each participant goes by (its organization's, or its person's), by participant id. */
export async function participantNames(db: Db, ids: readonly string[]): Promise<Map<string, string | null>> {
  const wanted = [...new Set(ids.filter(isUuid))]
  if (wanted.length === 0) return new Map()
  const rows = await withNames(db).where('participants.id', 'in', wanted).execute()
  return new Map(rows.map((p) => [p.id, p.name]))
}

/** The participants of a case with these ids (taken out or not), in the order they joined. */
export function findParticipants(db: Db, caseId: string, ids: readonly string[]) {
  const wanted = [...new Set(ids.filter(isUuid))]
  if (wanted.length === 0) return Promise.resolve([])
  return withNames(db)
    .where('participants.case_id', '=', caseId)
    .where('participants.id', 'in', wanted)
    .orderBy('participants.created_at')
    .execute()
}

/** The ids of the caller's own participations in the case, oldest first: whose party is "yours" in a view. */
export async function ownParticipantIds(db: Db, caseId: string, party: Party): Promise<string[]> {
  return (await ownParticipants(db, caseId, party)).map((p) => p.id)
}
