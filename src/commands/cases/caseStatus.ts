// Recording what happened in a case, through the domain's rules (domain/caseStatus.ts and the RM
// table): the global events (public aware, exploit public, attacks observed), each vendor's
// events (vendor aware, fix ready, fix deployed) and each participant's report-management state.
// A refused change answers 409 with the rule in words; every accepted one goes into the ledger.
import type { Actor } from '../../domain/actor.js'
import { ConflictError, NotFoundError } from '../../domain/errors.js'
import {
  csRefusalMessage,
  recordCaseEvent,
  recordVendorEvent,
  type CaseEvent,
  type VendorEvent,
} from '../../domain/caseStatus.js'
import { rmRefusalMessage, transition, type RmEvent } from '../../domain/reportManagement.js'
import type { Db } from '../../store/db.js'
import { inTransaction, isUuid } from '../../store/db.js'
import { appendLedger, ledgerActorOf } from '../../store/ledger.js'
import { embargoAfterCaseEvent } from '../embargo/negotiation.js'
import { loadCaseFor } from './caseAccess.js'
import { participantFor } from '../vendors/statements.js'

const vendorColumns = {
  vendorAware: 'vendor_aware_at',
  fixReady: 'fix_ready_at',
  fixDeployed: 'fix_deployed_at',
} as const

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
    const row = await trx.selectFrom('cases').selectAll().where('id', '=', caseId).forUpdate().executeTakeFirstOrThrow()
    const result = recordCaseEvent(
      {
        publicAware: row.public_aware_at,
        exploitPublic: row.exploit_public_at,
        attacksObserved: row.attacks_observed_at,
      },
      event,
      at,
    )
    if (!result.ok) throw new ConflictError(csRefusalMessage(result.error))
    await trx
      .updateTable('cases')
      .set({
        public_aware_at: result.status.publicAware,
        exploit_public_at: result.status.exploitPublic,
        attacks_observed_at: result.status.attacksObserved,
        updated_at: new Date(),
      })
      .where('id', '=', caseId)
      .execute()
    const who = await ledgerActorOf(trx, actor)
    await appendLedger(trx, caseId, who, 'cs.event', { event, at: at.toISOString(), reference: reference ?? null })
    for (const implied of result.implied)
      await appendLedger(trx, caseId, who, 'cs.event', { event: implied, at: at.toISOString(), impliedBy: event })
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
    const result = recordVendorEvent(
      { vendorAware: p.vendor_aware_at, fixReady: p.fix_ready_at, fixDeployed: p.fix_deployed_at },
      event,
      at,
      p.rm_state,
    )
    if (!result.ok) throw new ConflictError(csRefusalMessage(result.error))
    await trx
      .updateTable('participants')
      .set({ [vendorColumns[event]]: at })
      .where('id', '=', p.id)
      .execute()
    await appendLedger(
      trx,
      caseId,
      await ledgerActorOf(trx, actor),
      'cs.event',
      { participant: p.id, event, at: at.toISOString() },
      recordedAt,
    )
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
    const result = transition(p.rm_state, event)
    if (!result.ok) throw new ConflictError(rmRefusalMessage(result.error))
    await trx.updateTable('participants').set({ rm_state: result.state }).where('id', '=', p.id).execute()
    await appendLedger(
      trx,
      caseId,
      await ledgerActorOf(trx, actor),
      'rm.transition',
      { participant: p.id, event, from: p.rm_state, to: result.state },
      recordedAt,
    )
  })
}
