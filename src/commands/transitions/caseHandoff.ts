// The one writer of a case's hand-over (issue 17 item 5): when the peer accepts the case offered
// to it whole, the case here is marked handed over (to whom, when, and its new address) with its
// `case.handed_over` entry in the same transaction. From then on the policy refuses every write to
// it (domain/policy/handedOver.ts). A case is handed over once.
import type { Db } from '../../store/db.js'
import { appendLedger } from '../../store/ledger.js'

export async function markHandedOver(
  trx: Db,
  caseId: string,
  h: { peerName: string; peerUrl: string; newCaseUrl: string | null; activityId: string; at: Date },
): Promise<boolean> {
  const moved = await trx
    .updateTable('cases')
    .set({ handed_over_at: h.at, handed_over_to: h.peerName, handed_over_url: h.newCaseUrl, updated_at: h.at })
    .where('id', '=', caseId)
    .where('handed_over_at', 'is', null)
    .returning('id')
    .executeTakeFirst()
  if (!moved) return false
  await appendLedger(
    trx,
    caseId,
    { id: 'system', displayName: 'Lockstep (federation)' },
    'case.handed_over',
    { peer: h.peerUrl, peerName: h.peerName, newCaseUrl: h.newCaseUrl, activityId: h.activityId },
    h.at,
  )
  return true
}
