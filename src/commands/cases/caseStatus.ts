// Recording what happened in a case, through the domain's rules (domain/caseStatus.ts and the RM
// table): the global events (public aware, exploit public, attacks observed), each vendor's
// events (vendor aware, fix ready, fix deployed) and each participant's report-management state.
// A refused change answers 409 with the rule in words; every accepted one goes into the ledger.
import type { Actor } from '../../domain/actor.js'
import { ConflictError, NotFoundError } from '../../domain/errors.js'
import type { CaseEvent, VendorEvent } from '../../domain/caseStatus.js'
import type { RmEvent } from '../../domain/reportManagement.js'
import type { Db } from '../../store/db.js'
import { inTransaction, isUuid } from '../../store/db.js'
import { ledgerActorOf } from '../../store/ledger.js'
import { recordCaseFactRow, recordVendorFactRow } from '../transitions/caseStatus.js'
import { moveParticipantRm } from '../transitions/participantRm.js'
import { embargoAfterCaseEvent } from '../embargo/negotiation.js'
import { loadCaseFor } from './caseAccess.js'
import { shareCaseStatus, shareVendorStatus } from '../federation/caseSharing.js'
import { participantFor } from '../vendors/statements.js'
import { caseColumns } from '../../store/columns.js'

/** The coordinator (who may update the case) records one of its global events. */
export async function recordCaseFactAsCoordinator(
  db: Db,
  actor: Actor,
  caseIdOrNumber: string,
  event: CaseEvent,
  at: Date,
  reference: string | undefined,
  embargo?: { keepOnAttacks: boolean },
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const { row } = await loadCaseFor(trx, actor, caseIdOrNumber, 'update')
    await recordCaseFact(trx, actor, row.id, event, at, reference, embargo)
  })
}

/** The caller has been authorized to update the case. */
export async function recordCaseFact(
  db: Db,
  actor: Actor,
  caseId: string,
  event: CaseEvent,
  at: Date,
  reference: string | undefined,
  embargo: { keepOnAttacks: boolean } = { keepOnAttacks: false },
): Promise<void> {
  await inTransaction(db, async (trx) => {
    // NO KEY, like the ledger's lock (store/ledger.ts): inserts pointing at the case do not wait.
    const row = await trx
      .selectFrom('cases')
      .select(caseColumns)
      .where('id', '=', caseId)
      .forNoKeyUpdate()
      .executeTakeFirstOrThrow()
    const who = await ledgerActorOf(trx, actor)
    await recordCaseFactRow(trx, row, event, at, reference, who)
    await shareCaseStatus(trx, caseId)
    await embargoAfterCaseEvent(trx, caseId, event, reference, embargo.keepOnAttacks, who)
  })
}

async function lockParticipant(trx: Db, caseId: string, participantId: string) {
  const p = isUuid(participantId)
    ? await trx
        .selectFrom('participants')
        .selectAll()
        .where('case_id', '=', caseId)
        .where('id', '=', participantId)
        .where('removed_at', 'is', null)
        .forUpdate()
        .executeTakeFirst()
    : undefined
  if (!p) throw new NotFoundError('participant')
  return p
}

export async function recordVendorFact(
  db: Db,
  actor: Actor,
  caseIdOrNumber: string,
  participantId: string,
  event: VendorEvent,
  at: Date,
  recordedAt = new Date(),
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const { row: c, resource } = await loadCaseFor(trx, actor, caseIdOrNumber, 'read')
    const caseId = c.id
    // Each party records its own (the staff anyone's): the policy's participant.state_position.
    await participantFor(trx, actor, caseId, resource, participantId)
    const p = await lockParticipant(trx, caseId, participantId)
    if (!p.roles.includes('vendor'))
      throw new ConflictError('Only a vendor participant has vendor events (vendor aware, fix ready, fix deployed).')
    await recordVendorFactRow(trx, p, event, at, await ledgerActorOf(trx, actor), recordedAt)
    await shareVendorStatus(trx, caseId, p.id)
  })
}

export async function transitionParticipant(
  db: Db,
  actor: Actor,
  caseIdOrNumber: string,
  participantId: string,
  event: RmEvent,
  recordedAt = new Date(),
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const { row: c, resource } = await loadCaseFor(trx, actor, caseIdOrNumber, 'read')
    const caseId = c.id
    // Each party records its own (the staff anyone's): the policy's participant.state_position.
    await participantFor(trx, actor, caseId, resource, participantId)
    const p = await lockParticipant(trx, caseId, participantId)
    await moveParticipantRm(trx, p, event, await ledgerActorOf(trx, actor), recordedAt)
    await shareVendorStatus(trx, caseId, p.id)
  })
}
