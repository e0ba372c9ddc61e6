// The only writer of an advisory's lifecycle state (advisories.state, domain/advisoryLifecycle.ts):
// the release publishes the draft ('advisory.released'), a revision republishes it
// ('advisory.revised'), each with its case-ledger entry in the caller's transaction. A new
// advisory is a draft (the column's default).
import { ConflictError } from '../../domain/errors.js'
import {
  advisoryRefusalMessage,
  advisoryTransition,
  type AdvisoryEvent,
  type AdvisoryState,
} from '../../domain/advisoryLifecycle.js'
import type { AdvisorySnapshot } from '../../domain/advisory/snapshot.js'
import type { JsonValue, LedgerActor } from '../../domain/ledger.js'
import type { LedgerKind } from '../../domain/eventKinds.js'
import type { Db } from '../../store/db.js'
import { appendLedger } from '../../store/ledger.js'

export interface AdvisoryMove {
  snapshot: AdvisorySnapshot
  revision: number
  who: LedgerActor
  payload: JsonValue
  at: Date
}

const entryKind: Record<AdvisoryEvent, LedgerKind> = { publish: 'advisory.released', revise: 'advisory.revised' }

export async function moveAdvisory(
  trx: Db,
  a: { id: string; case_id: string; state: AdvisoryState },
  event: AdvisoryEvent,
  move: AdvisoryMove,
): Promise<void> {
  const result = advisoryTransition(a.state, event)
  if (!result.ok) throw new ConflictError(advisoryRefusalMessage(result.error))
  await trx
    .updateTable('advisories')
    .set({
      state: result.state,
      ...(event === 'publish' ? { released_at: move.at } : {}),
      revision: move.revision,
      snapshot: JSON.stringify(move.snapshot),
      updated_at: move.at,
    })
    .where('id', '=', a.id)
    .execute()
  await appendLedger(trx, a.case_id, move.who, entryKind[event], move.payload, move.at)
}
