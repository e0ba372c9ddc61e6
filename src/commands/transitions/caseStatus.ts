// The only writer of the case-status facts (the case's public aware / exploit public / attacks
// observed, each vendor's aware / fix ready / fix deployed instants): each through the rules of
// domain/caseStatus.ts, with its 'cs.event' entry in the caller's transaction. A vendor notified
// when it joins is aware from its first row on (participantRm.addParticipant, recorded by
// 'vendor.notified').
import { ConflictError } from '../../domain/errors.js'
import {
  csRefusalMessage,
  recordCaseEvent,
  recordVendorEvent,
  type CaseEvent,
  type VendorEvent,
} from '../../domain/caseStatus.js'
import type { LedgerActor } from '../../domain/ledger.js'
import type { Db } from '../../store/db.js'
import { appendLedger } from '../../store/ledger.js'
import type { CaseRow, ParticipantRow } from '../../store/schema.js'

const vendorColumns = {
  vendorAware: 'vendor_aware_at',
  fixReady: 'fix_ready_at',
  fixDeployed: 'fix_deployed_at',
} as const

/** A fact about the whole case; `implied` facts (exploit public makes the case public) get entries of their own. */
export async function recordCaseFactRow(
  trx: Db,
  row: Pick<CaseRow, 'id' | 'public_aware_at' | 'exploit_public_at' | 'attacks_observed_at'>,
  event: CaseEvent,
  at: Date,
  reference: string | undefined,
  who: LedgerActor,
): Promise<void> {
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
    .where('id', '=', row.id)
    .execute()
  await appendLedger(trx, row.id, who, 'cs.event', { event, at: at.toISOString(), reference: reference ?? null })
  for (const implied of result.implied)
    await appendLedger(trx, row.id, who, 'cs.event', { event: implied, at: at.toISOString(), impliedBy: event })
}

/** A vendor's fact, in order (aware, fix ready, fix deployed; fix ready only once it accepted the report). */
export async function recordVendorFactRow(
  trx: Db,
  p: Pick<ParticipantRow, 'id' | 'case_id' | 'rm_state' | 'vendor_aware_at' | 'fix_ready_at' | 'fix_deployed_at'>,
  event: VendorEvent,
  at: Date,
  who: LedgerActor,
  recordedAt = new Date(),
): Promise<void> {
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
  await appendLedger(trx, p.case_id, who, 'cs.event', { participant: p.id, event, at: at.toISOString() }, recordedAt)
}
