// "You should also tell X": a vendor in the case suggests another vendor (from the directory, or
// by name); the coordinator decides, and an accepted one joins the case as a vendor (to be
// notified like the others). The suggestion and the decision are in the ledger. Who may suggest,
// see and decide is the policy's (vendor_suggestion).
import { type Actor, actorUserId } from '../../domain/actor.js'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../domain/errors.js'
import { authorize, can, canSee, partyOf, type Resources } from '../../domain/policy/index.js'
import type { Db } from '../../store/db.js'
import { inTransaction, isUuid } from '../../store/db.js'
import { appendLedger, ledgerActorOf } from '../../store/ledger.js'
import { ownParticipants } from '../../store/participants.js'
import { loadCaseFor } from '../cases/caseAccess.js'
import { addParticipant } from '../cases/participants.js'

/**
 * Who a suggestion is by: the coordinator staff suggest in the coordinator's name (null); anyone
 * else as the participant they take part through, a vendor one first.
 */
async function suggester(trx: Db, actor: Actor, caseId: string, caseResource: Resources['case']) {
  if (can(actor, 'decide', { type: 'vendor_suggestion', case: caseResource, by: null })) return null
  const own = await ownParticipants(trx, caseId, partyOf(actor))
  return own.find((p) => p.roles.includes('vendor')) ?? own[0] ?? null
}

export async function suggestVendor(
  db: Db,
  actor: Actor,
  caseIdOrNumber: string,
  s: { organizationId?: string | undefined; name?: string | undefined; reason: string },
) {
  return inTransaction(db, async (trx) => {
    const { row: c, resource } = await loadCaseFor(trx, actor, caseIdOrNumber, 'read')
    const caseId = c.id
    const by = await suggester(trx, actor, caseId, resource)
    const suggestion = {
      type: 'vendor_suggestion' as const,
      case: resource,
      by: by && { userId: by.user_id, organizationId: by.organization_id, roles: by.roles },
    }
    if (canSee(actor, suggestion) && !can(actor, 'create', suggestion))
      throw new ForbiddenError('Only the vendors of a case suggest other vendors.')
    authorize(actor, 'create', suggestion)
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

/** Every suggestion of the case, newest first: the coordinator reviews them. */
export async function listSuggestions(db: Db, actor: Actor, caseIdOrNumber: string) {
  const { row: c } = await loadCaseFor(db, actor, caseIdOrNumber, 'update')
  return db
    .selectFrom('vendor_suggestions as s')
    .leftJoin('participants as p', 'p.id', 's.suggested_by_participant')
    .leftJoin('organizations as o', 'o.id', 'p.organization_id')
    .selectAll('s')
    .select('o.name as suggested_by')
    .where('s.case_id', '=', c.id)
    .orderBy('s.created_at', 'desc')
    .execute()
}

/** The coordinator decides; adding needs the vendor in the directory. */
export async function decideSuggestion(
  db: Db,
  actor: Actor,
  caseIdOrNumber: string,
  suggestionId: string,
  decision: 'added' | 'declined',
) {
  await inTransaction(db, async (trx) => {
    const { row: c, resource } = await loadCaseFor(trx, actor, caseIdOrNumber, 'update')
    const caseId = c.id
    const s = isUuid(suggestionId)
      ? await trx
          .selectFrom('vendor_suggestions as s')
          .leftJoin('participants as p', 'p.id', 's.suggested_by_participant')
          .selectAll('s')
          .select(['p.user_id', 'p.organization_id as by_organization_id', 'p.roles'])
          .where('s.case_id', '=', caseId)
          .where('s.id', '=', suggestionId)
          .forUpdate('s')
          .executeTakeFirst()
      : undefined
    if (!s) throw new NotFoundError('suggestion')
    authorize(actor, 'decide', {
      type: 'vendor_suggestion',
      case: resource,
      by: s.suggested_by_participant
        ? { userId: s.user_id, organizationId: s.by_organization_id, roles: s.roles ?? [] }
        : null,
    })
    if (s.decision) throw new ConflictError(`This suggestion was already ${s.decision}.`)
    if (decision === 'added') {
      if (!s.organization_id)
        throw new ConflictError(`${s.name} is not in the vendor directory yet: add it there, then add it to the case.`)
      const existing = await trx
        .selectFrom('participants')
        .select(['id', 'removed_at'])
        .where('case_id', '=', caseId)
        .where('organization_id', '=', s.organization_id)
        .executeTakeFirst()
      if (!existing || existing.removed_at)
        await addParticipant(trx, actor, caseId, { organizationId: s.organization_id }, ['vendor'])
    }
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
