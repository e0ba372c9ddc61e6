// Who takes part in a case: the coordinator staff add an organization or a single person with
// roles, change the roles, and take a participant out. Taking out keeps the history (the private
// thread, the ledger) and ends the participant's view of the case; adding it again brings it back.
// The coordinating participant stays: a case without its coordinator would have no one to run it.
import type { Actor } from '../../domain/actor.js'
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.js'
import { initialRmState, type ParticipantRole } from '../../domain/reportManagement.js'
import type { Db } from '../../store/db.js'
import { inTransaction, isUuid } from '../../store/db.js'
import { appendLedger, ledgerActorOf } from '../../store/ledger.js'
import { revokeReplyAddresses } from '../../mail/replyAddresses.js'
import { notifyParticipantAdded } from '../notifications.js'
import { loadCaseFor } from './caseAccess.js'
import { insertParticipant } from '../transitions/participantRm.js'

export type NewParticipant =
  { organizationId: string; userId?: undefined } | { userId: string; organizationId?: undefined }

async function nameOf(trx: Db, who: NewParticipant): Promise<string> {
  const found =
    who.organizationId !== undefined
      ? isUuid(who.organizationId) &&
        (await trx.selectFrom('organizations').select('name').where('id', '=', who.organizationId).executeTakeFirst())
      : isUuid(who.userId) &&
        (await trx
          .selectFrom('users')
          .select('name')
          .where('id', '=', who.userId)
          .where('disabled_at', 'is', null)
          .executeTakeFirst())
  if (!found) {
    throw new ValidationError(
      who.organizationId !== undefined
        ? { field: 'organizationId', message: 'is not an organization' }
        : { field: 'userId', message: 'is not an active user' },
    )
  }
  return found.name
}

function checkRoles(roles: readonly ParticipantRole[]): void {
  if (roles.includes('coordinator'))
    throw new ValidationError({
      field: 'roles',
      message: 'cannot give the coordinator role: the case has its coordinator',
    })
}

/** Who may update the case (the coordinator staff) adds, changes and takes out its participants. */
export async function addParticipant(
  db: Db,
  actor: Actor,
  caseIdOrNumber: string,
  who: NewParticipant,
  roles: ParticipantRole[],
) {
  checkRoles(roles)
  return inTransaction(db, async (trx) => {
    const caseId = (await loadCaseFor(trx, actor, caseIdOrNumber, 'update')).row.id
    const name = await nameOf(trx, who)
    const existing = await trx
      .selectFrom('participants')
      .selectAll()
      .where('case_id', '=', caseId)
      .where(who.organizationId !== undefined ? 'organization_id' : 'user_id', '=', (who.organizationId ?? who.userId)!)
      .forUpdate()
      .executeTakeFirst()
    if (existing && !existing.removed_at) throw new ConflictError(`${name} already takes part in this case.`)
    const readded = existing
      ? await trx
          .updateTable('participants')
          .set({ removed_at: null, roles })
          .where('id', '=', existing.id)
          .returningAll()
          .executeTakeFirstOrThrow()
      : undefined
    const by = await ledgerActorOf(trx, actor)
    const entry = { who: by, payload: (p: { id: string }) => ({ participant: name, participantId: p.id, roles }) }
    const row = readded
      ? readded
      : await insertParticipant(
          trx,
          { case_id: caseId, organization_id: who.organizationId ?? null, user_id: who.userId ?? null, roles },
          initialRmState(roles),
          { ...entry, kind: 'participant.added' },
        )
    // Taking part again is no RM move: the participant keeps the state it had.
    if (readded) await appendLedger(trx, caseId, by, 'participant.readded', entry.payload(readded))
    await notifyParticipantAdded(trx, caseId, row.id, roles, by.displayName)
    return row
  })
}

async function lockActive(trx: Db, caseId: string, participantId: string) {
  const p = isUuid(participantId)
    ? await trx
        .selectFrom('participants')
        .leftJoin('organizations', 'organizations.id', 'participants.organization_id')
        .leftJoin('users', 'users.id', 'participants.user_id')
        .selectAll('participants')
        .select((eb) => eb.fn.coalesce('organizations.name', 'users.name').as('name'))
        .where('participants.case_id', '=', caseId)
        .where('participants.id', '=', participantId)
        .where('participants.removed_at', 'is', null)
        .forUpdate('participants')
        .executeTakeFirst()
    : undefined
  if (!p) throw new NotFoundError('participant')
  if (p.roles.includes('coordinator')) throw new ConflictError('The coordinating participant stays in its case.')
  return p
}

export async function changeRoles(
  db: Db,
  actor: Actor,
  caseIdOrNumber: string,
  participantId: string,
  roles: ParticipantRole[],
) {
  checkRoles(roles)
  return inTransaction(db, async (trx) => {
    const caseId = (await loadCaseFor(trx, actor, caseIdOrNumber, 'update')).row.id
    const p = await lockActive(trx, caseId, participantId)
    const row = await trx
      .updateTable('participants')
      .set({ roles })
      .where('id', '=', p.id)
      .returningAll()
      .executeTakeFirstOrThrow()
    await appendLedger(trx, caseId, await ledgerActorOf(trx, actor), 'participant.roles_changed', {
      participant: p.name ?? 'Unknown',
      participantId: p.id,
      from: p.roles,
      to: roles,
    })
    return row
  })
}

export async function removeParticipant(
  db: Db,
  actor: Actor,
  caseIdOrNumber: string,
  participantId: string,
  reason: string | undefined,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const caseId = (await loadCaseFor(trx, actor, caseIdOrNumber, 'update')).row.id
    const p = await lockActive(trx, caseId, participantId)
    await trx.updateTable('participants').set({ removed_at: new Date() }).where('id', '=', p.id).execute()
    await revokeReplyAddresses(trx, caseId, { userId: p.user_id, organizationId: p.organization_id })
    await appendLedger(trx, caseId, await ledgerActorOf(trx, actor), 'participant.removed', {
      participant: p.name ?? 'Unknown',
      participantId: p.id,
      reason: reason?.trim() || null,
    })
  })
}
