// The only writer of a case's embargo state (em_state): every EM move goes through the table of
// domain/embargo.ts and appends its 'embargo.*' entry in the caller's transaction. The columns
// that change with the state (the end instant in force, when and why it ended) are written with it.
import { ConflictError } from '../../domain/errors.js'
import { emRefusalMessage, emTransition, type EmEvent, type EmState } from '../../domain/embargo.js'
import type { LedgerKind } from '../../domain/eventKinds.js'
import type { JsonValue, LedgerActor, LedgerEntry } from '../../domain/ledger.js'
import type { Db } from '../../store/db.js'
import { appendLedger } from '../../store/ledger.js'

export interface EmbargoMove {
  who: LedgerActor
  /** 'embargo.proposed', 'embargo.active', 'embargo.ended', 'embargo.dropped'... */
  kind: LedgerKind
  payload: JsonValue
  at: Date
  /** Written with the state: the terms now in force, or the end. */
  endsAt?: Date
  ended?: { reason: string }
}

/** Applies `event` to the case's EM state (409 with the allowed moves when refused); answers the entry appended. */
export async function moveEmbargo(
  trx: Db,
  c: { id: string; em_state: EmState },
  event: EmEvent,
  move: EmbargoMove,
): Promise<LedgerEntry> {
  const result = emTransition(c.em_state, event)
  if (!result.ok) throw new ConflictError(emRefusalMessage(result.error))
  await trx
    .updateTable('cases')
    .set({
      em_state: result.state,
      ...(move.endsAt ? { embargo_ends_at: move.endsAt } : {}),
      ...(move.ended ? { embargo_ended_at: move.at, embargo_end_reason: move.ended.reason } : {}),
      updated_at: move.at,
    })
    .where('id', '=', c.id)
    .execute()
  return appendLedger(trx, c.id, move.who, move.kind, move.payload, move.at)
}

/**
 * New terms counter the proposal on the table (a proposal or a revision): it is closed as
 * 'countered'. Answers its id (the caller lapses the agreements to it with the new move's entry),
 * or undefined when nothing was open.
 */
export async function counterOpenProposal(trx: Db, caseId: string, now: Date): Promise<string | undefined> {
  const open = await trx
    .selectFrom('embargo_proposals')
    .select('id')
    .where('case_id', '=', caseId)
    .where('status', '=', 'open')
    .where('kind', 'in', ['proposal', 'revision'])
    .executeTakeFirst()
  if (open)
    await trx
      .updateTable('embargo_proposals')
      .set({ status: 'countered', decided_at: now })
      .where('id', '=', open.id)
      .execute()
  return open?.id
}
