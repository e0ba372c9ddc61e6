// The only writer of a participant's report-management state (rm_state): joining a case in a first
// state (a transition from nothing) and every later RM move, each through the RM table of
// domain/reportManagement.ts and with its case-ledger entry in the caller's transaction.
import { ConflictError } from '../../domain/errors.js'
import type { JsonValue, LedgerActor } from '../../domain/ledger.js'
import type { LedgerKind } from '../../domain/eventKinds.js'
import { rmRefusalMessage, transition, type RmEvent, type RmState } from '../../domain/reportManagement.js'
import type { Db } from '../../store/db.js'
import { appendLedger } from '../../store/ledger.js'
import type { ParticipantRow, ParticipantsTable } from '../../store/schema.js'
import type { Insertable } from 'kysely'

/**
 * Where a participant may start: Start (it has not received the report yet), Received (notified
 * with it: Start → Received at once) or Accepted (a finder, the coordinator, a vendor opening its own case).
 */
const firstRmStates: readonly RmState[] = ['start', 'received', 'accepted']

export interface JoinEntry {
  who: LedgerActor
  /** The entry that records the participant joining ('participant.added', 'vendor.notified'); its payload may name the new row. */
  kind: LedgerKind
  payload: (p: ParticipantRow) => JsonValue | Promise<JsonValue>
  at?: Date | undefined
}

/** Inserts a participant in its first RM state and appends the entry that records it. */
export async function insertParticipant(
  trx: Db,
  values: Omit<Insertable<ParticipantsTable>, 'rm_state' | 'fix_ready_at' | 'fix_deployed_at'>,
  first: RmState,
  entry: JoinEntry,
): Promise<ParticipantRow> {
  if (!firstRmStates.includes(first)) throw new Error(`a participant cannot start in RM state ${first}`)
  const row = await trx
    .insertInto('participants')
    .values({ ...values, rm_state: first })
    .returningAll()
    .executeTakeFirstOrThrow()
  await appendLedger(trx, row.case_id, entry.who, entry.kind, await entry.payload(row), entry.at)
  return row
}

/** One RM move of a participant, refused (409, the rule in words) when the table has no such move. */
export async function moveParticipantRm(
  trx: Db,
  p: Pick<ParticipantRow, 'id' | 'case_id' | 'rm_state'>,
  event: RmEvent,
  who: LedgerActor,
  at = new Date(),
): Promise<RmState> {
  const result = transition(p.rm_state, event)
  if (!result.ok) throw new ConflictError(rmRefusalMessage(result.error))
  await trx.updateTable('participants').set({ rm_state: result.state }).where('id', '=', p.id).execute()
  await appendLedger(
    trx,
    p.case_id,
    who,
    'rm.transition',
    { participant: p.id, event, from: p.rm_state, to: result.state },
    at,
  )
  return result.state
}
