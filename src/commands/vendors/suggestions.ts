// "You should also tell X": a vendor in the case suggests another vendor (from the directory, or
// by name); the coordinator decides, and an accepted one joins the case as a vendor (to be
// notified like the others). The suggestion and the decision are in the ledger.
import { isStaff, type Actor, actorUserId } from '../../domain/actor.js'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../domain/errors.js'
import type { Db } from '../../store/db.js'
import { inTransaction, isUuid } from '../../store/db.js'
import { appendLedger, ledgerActorOf } from '../../store/ledger.js'
import { addParticipant } from '../cases/participants.js'

export async function suggestVendor(
  db: Db,
  actor: Actor,
  caseId: string,
  s: { organizationId?: string | undefined; name?: string | undefined; reason: string },
) {
  return inTransaction(db, async (trx) => {
    // Only a vendor of the case (or the staff) suggests vendors: they know who else ships the code.
    let by: { id: string; name: string | null } | undefined
    if (!isStaff(actor)) {
      const orgIds = actor.kind === 'user' ? [...actor.memberships.keys()] : []
      by = orgIds.length
        ? await trx
            .selectFrom('participants')
            .innerJoin('organizations', 'organizations.id', 'participants.organization_id')
            .select(['participants.id', 'organizations.name'])
            .where('participants.case_id', '=', caseId)
            .where('participants.removed_at', 'is', null)
            .where('participants.organization_id', 'in', orgIds)
            .where(({ eb, fn }) => eb(eb.val('vendor'), '=', fn.any('participants.roles')))
            .executeTakeFirst()
        : undefined
      if (!by) throw new ForbiddenError('Only the vendors of a case suggest other vendors.')
    }
    const org = s.organizationId
      ? isUuid(s.organizationId)
        ? await trx
            .selectFrom('organizations')
            .select(['id', 'name'])
            .where('id', '=', s.organizationId)
            .executeTakeFirst()
        : undefined
      : undefined
    if (s.organizationId && !org)
      throw new ValidationError({ field: 'organizationId', message: 'is not an organization' })
    const name = org?.name ?? s.name?.trim()
    if (!name) throw new ValidationError({ field: 'name', message: 'is required when no organizationId is given' })
    const row = await trx
      .insertInto('vendor_suggestions')
      .values({
        case_id: caseId,
        suggested_by_participant: by?.id ?? null,
        organization_id: org?.id ?? null,
        name,
        reason: s.reason.trim(),
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await appendLedger(trx, caseId, await ledgerActorOf(trx, actor), 'vendor.suggested', {
      name,
      organizationId: org?.id ?? null,
      by: by?.name ?? 'coordinator',
      reason: row.reason,
    })
    return row
  })
}

export function listSuggestions(db: Db, caseId: string) {
  return db
    .selectFrom('vendor_suggestions as s')
    .leftJoin('participants as p', 'p.id', 's.suggested_by_participant')
    .leftJoin('organizations as o', 'o.id', 'p.organization_id')
    .selectAll('s')
    .select('o.name as suggested_by')
    .where('s.case_id', '=', caseId)
    .orderBy('s.created_at', 'desc')
    .execute()
}

/** The caller has been authorized to update the case. Adding needs the vendor in the directory. */
export async function decideSuggestion(
  db: Db,
  actor: Actor,
  caseId: string,
  suggestionId: string,
  decision: 'added' | 'declined',
) {
  const s = isUuid(suggestionId)
    ? await db
        .selectFrom('vendor_suggestions')
        .selectAll()
        .where('case_id', '=', caseId)
        .where('id', '=', suggestionId)
        .executeTakeFirst()
    : undefined
  if (!s) throw new NotFoundError('suggestion')
  if (s.decision) throw new ConflictError(`This suggestion was already ${s.decision}.`)
  if (decision === 'added') {
    if (!s.organization_id)
      throw new ConflictError(`${s.name} is not in the vendor directory yet: add it there, then add it to the case.`)
    const existing = await db
      .selectFrom('participants')
      .select(['id', 'removed_at'])
      .where('case_id', '=', caseId)
      .where('organization_id', '=', s.organization_id)
      .executeTakeFirst()
    if (!existing || existing.removed_at)
      await addParticipant(db, actor, caseId, { organizationId: s.organization_id }, ['vendor'])
  }
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable('vendor_suggestions')
      .set({ decision, decided_by: actorUserId(actor), decided_at: new Date() })
      .where('id', '=', s.id)
      .execute()
    await appendLedger(trx, caseId, await ledgerActorOf(trx, actor), 'vendor.suggestion_decided', {
      name: s.name,
      decision,
    })
  })
}
