// The report offer machine (a report sent to a peer, RmSubmitReport): offered → accepted | declined,
// on both sides, once. On the sender the peer's ruling arrives (its Accept or Reject of our Offer);
// on the receiver our own first ruling is sent back. Each move writes the state and its entry in
// the report's history in the caller's transaction; an offer already answered does not move again.
import type { Db } from '../../store/db.js'
import { answerColumns, answeredState, whileOffered } from './offerAnswer.js'

export async function settleReportOffer(
  trx: Db,
  offer: { id: string; report_id: string; direction: 'sent' | 'received' },
  a: { accepted: boolean; activityId: string; reason: string | null; peer: { base_url: string; name: string } },
  at = new Date(),
): Promise<boolean> {
  const moved = await whileOffered(
    trx
      .updateTable('federation_report_offers')
      .set({ state: answeredState(a.accepted), ...answerColumns(a.activityId, a.reason, at) }),
    offer.id,
  )
  if (!moved) return false
  await trx
    .insertInto('report_events')
    .values({
      report_id: offer.report_id,
      actor_id: null,
      kind: offer.direction === 'sent' ? 'report.peer_answered' : 'report.ruling_sent',
      payload: JSON.stringify({
        peer: a.peer.base_url,
        peerName: a.peer.name,
        accepted: a.accepted,
        reason: a.reason,
        activityId: a.activityId,
      }),
    })
    .execute()
  return true
}
