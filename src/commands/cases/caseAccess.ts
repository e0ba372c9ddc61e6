// The one way a command loads a case: by id or LS number, scoped by what the policy lets the caller
// see (one query, the scope in its WHERE clause), then the caller's one authorization check through
// the policy. A case the caller may not see is not found, exactly like one that does not exist, by
// the same path and the same query. Commands call it themselves (inside their transaction), so no route, job or CLI
// command can reach a case's data without the policy having been asked.
import type { Actor } from '../../domain/actor.js'
import { NotFoundError } from '../../domain/errors.js'
import { authorize, caseScope, partyOf, type ActionOf } from '../../domain/policy/index.js'
import { findCaseVisibleTo } from '../../store/cases.js'
import type { Db } from '../../store/db.js'

export async function loadCaseFor(db: Db, actor: Actor, idOrNumber: string, action: ActionOf<'case'>) {
  const found = await findCaseVisibleTo(db, idOrNumber, caseScope(actor), partyOf(actor))
  if (!found) throw new NotFoundError('case')
  const { row, resource } = found
  authorize(actor, action, resource)
  return { row, resource }
}
