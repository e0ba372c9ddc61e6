// The one way a command loads a case: by id or LS number, then the caller's one authorization
// check through the policy. A case the caller may not see is not found, exactly like one that does
// not exist. Commands call it themselves (inside their transaction), so no route, job or CLI
// command can reach a case's data without the policy having been asked.
import type { Actor } from '../../domain/actor.js'
import { NotFoundError } from '../../domain/errors.js'
import { authorize, type ActionOf } from '../../domain/policy/index.js'
import { caseResource, findCase } from '../../store/cases.js'
import type { Db } from '../../store/db.js'

export async function loadCaseFor(db: Db, actor: Actor, idOrNumber: string, action: ActionOf<'case'>) {
  const row = await findCase(db, idOrNumber)
  if (!row) throw new NotFoundError('case')
  const resource = await caseResource(db, row.id, actor)
  authorize(actor, action, resource)
  return { row, resource }
}
