// The one way routes load a case: by id or LS number, then the caller's one authorization check.
// A case the caller may not see is not found, exactly like one that does not exist.
import type { Actor } from '../../domain/actor.js'
import { NotFoundError } from '../../domain/errors.js'
import { authorize, type ActionOf } from '../../domain/policy/index.js'
import { caseResource, findCase } from '../../store/cases.js'
import type { Db } from '../../store/db.js'

export async function loadCase(db: Db, actor: Actor, id: string, action: ActionOf<'case'>) {
  const row = await findCase(db, id)
  if (!row) throw new NotFoundError('case')
  const resource = await caseResource(db, row.id, actor)
  authorize(actor, action, resource)
  return { row, resource }
}
