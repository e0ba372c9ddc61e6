// The only writer of an advisory's lifecycle state (advisories.state and how it ended,
// advisories.ended; domain/advisoryLifecycle.ts): the release publishes the draft
// ('advisory.released'), a revision republishes it ('advisory.revised'), withdrawing or
// superseding it publishes its final revision ('advisory.withdrawn', 'advisory.superseded'), each
// with its case-ledger entry in the caller's transaction. A new advisory is a draft (the column's
// default). An ended advisory keeps state 'published': it stays public, served and in the feeds.
import { ConflictError } from '../../domain/errors.js'
import {
  advisoryRefusalMessage,
  advisoryTransition,
  lifecycleStateOf,
  type AdvisoryEnd,
  type AdvisoryEvent,
} from '../../domain/advisoryLifecycle.js'
import type { AdvisorySnapshot } from '../../domain/advisory/snapshot.js'
import type { JsonValue, LedgerActor } from '../../domain/ledger.js'
import type { LedgerKind } from '../../domain/eventKinds.js'
import type { Db } from '../../store/db.js'
import type { AdvisoryEndDetail } from '../../store/schemaRelease.js'
import { appendLedger } from '../../store/ledger.js'

export interface AdvisoryMove {
  snapshot: AdvisorySnapshot
  revision: number
  who: LedgerActor
  payload: JsonValue
  at: Date
  /** Why it was withdrawn or superseded, and by what (for those two events). */
  end?: AdvisoryEndDetail
}

const entryKind: Record<AdvisoryEvent, LedgerKind> = {
  publish: 'advisory.released',
  revise: 'advisory.revised',
  withdraw: 'advisory.withdrawn',
  supersede: 'advisory.superseded',
}

/** Refuses (409) an event the advisory's lifecycle does not allow now, before anything is written. */
export function checkAdvisoryMove(
  a: { state: 'draft' | 'published'; ended: AdvisoryEnd | null },
  event: AdvisoryEvent,
): void {
  const result = advisoryTransition(lifecycleStateOf(a), event)
  if (!result.ok) throw new ConflictError(advisoryRefusalMessage(result.error))
}

export async function moveAdvisory(
  trx: Db,
  a: { id: string; case_id: string; state: 'draft' | 'published'; ended: AdvisoryEnd | null },
  event: AdvisoryEvent,
  move: AdvisoryMove,
): Promise<void> {
  const result = advisoryTransition(lifecycleStateOf(a), event)
  if (!result.ok) throw new ConflictError(advisoryRefusalMessage(result.error))
  const ended = result.state === 'withdrawn' || result.state === 'superseded' ? result.state : null
  await trx
    .updateTable('advisories')
    .set({
      state: result.state === 'draft' ? 'draft' : 'published',
      ...(event === 'publish' ? { released_at: move.at } : {}),
      ...(ended ? { ended, ended_at: move.at, end_detail: JSON.stringify(move.end ?? { reason: '' }) } : {}),
      revision: move.revision,
      snapshot: JSON.stringify(move.snapshot),
      updated_at: move.at,
    })
    .where('id', '=', a.id)
    .execute()
  await appendLedger(trx, a.case_id, move.who, entryKind[event], move.payload, move.at)
}
