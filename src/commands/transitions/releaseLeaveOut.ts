// The only writer of what a release leaves out on purpose (release_leave_outs): an item of the
// readiness checklist the coordinator decided to release without, with the reason, and its ledger
// entry ('release.item_left_out') in the caller's transaction. At the release itself, what it
// left out (decided or not) is one more ledger entry ('release.left_out'), written here too.
import type { JsonValue, LedgerActor } from '../../domain/ledger.js'
import type { Db } from '../../store/db.js'
import { appendLedger } from '../../store/ledger.js'

export interface LeftOutItem {
  key: string
  what: string
  vendor: string | null
  vulnerability: string | null
}

export async function leaveOutOfRelease(
  trx: Db,
  d: { caseId: string; item: LeftOutItem; reason: string; who: LedgerActor; userId: string | null; at: Date },
): Promise<void> {
  const inserted = await trx
    .insertInto('release_leave_outs')
    .values({
      case_id: d.caseId,
      item: d.item.key,
      reason: d.reason,
      decided_by: d.userId,
      decided_by_label: d.who.displayName,
      decided_at: d.at,
    })
    .onConflict((oc) => oc.columns(['case_id', 'item']).doNothing())
    .returning('item')
    .executeTakeFirst()
  if (!inserted) return
  await appendLedger(
    trx,
    d.caseId,
    d.who,
    'release.item_left_out',
    {
      item: d.item.key,
      what: d.item.what,
      vendor: d.item.vendor,
      vulnerability: d.item.vulnerability,
      reason: d.reason,
    },
    d.at,
  )
}

/**
 * At the release: the items it went out without. `decided` were left out on purpose (with the
 * reason); `undecided` were neither approved nor left out when the instant came, and were left
 * out all the same (an unapproved statement is never published), so the ledger says so.
 */
export async function recordReleaseLeftOut(
  trx: Db,
  caseId: string,
  who: LedgerActor,
  items: { key: string; what: string; reason: string | null }[],
  at: Date,
): Promise<void> {
  if (items.length === 0) return
  const decided: JsonValue[] = items
    .filter((i) => i.reason !== null)
    .map((i) => ({ item: i.key, what: i.what, reason: i.reason }))
  const undecided: JsonValue[] = items.filter((i) => i.reason === null).map((i) => ({ item: i.key, what: i.what }))
  await appendLedger(trx, caseId, who, 'release.left_out', { decided, undecided }, at)
}
