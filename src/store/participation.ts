// Which participants of a case are the caller: the person themself, or one of their
// organizations. Not an authorization (the policy decides what each may do): it says whose party
// is "yours" in a view, and which one a caller speaks for when they name none.
import type { Actor } from '../domain/actor.js'
import type { Db } from './db.js'

/** The caller's own participations in the case, oldest first. */
export async function ownParticipantIds(db: Db, caseId: string, actor: Actor): Promise<string[]> {
  if (actor.kind !== 'user') return []
  const orgIds = [...actor.memberships.keys()]
  const rows = await db
    .selectFrom('participants')
    .select('id')
    .where('case_id', '=', caseId)
    .where('removed_at', 'is', null)
    .where((eb) =>
      eb.or([eb('user_id', '=', actor.userId), ...(orgIds.length ? [eb('organization_id', 'in', orgIds)] : [])]),
    )
    .orderBy('created_at')
    .execute()
  return rows.map((r) => r.id)
}
