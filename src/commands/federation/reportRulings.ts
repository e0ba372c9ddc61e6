// A report received from a peer (reportOffers.ts) and ruled on here: the first ruling goes back to
// the instance that sent it, as Vultron's RmValidateReport (`Accept` of its Offer) when the report
// is found valid, or RmInvalidateReport / RmCloseReport (`Reject`, with the reason) when it is not,
// in the transaction of the move itself. The sender records when each peer ruled (its "told" list).
// A later change of mind here is not sent again. A report that came from no peer costs one indexed
// lookup.
import { randomUUID } from 'node:crypto'
import { answerInvite } from '../../domain/federation/caseOffer.js'
import { actorOf } from '../../domain/federation/peerDocument.js'
import type { Db } from '../../store/db.js'
import { enqueueActivity } from '../../store/federation/outbox.js'
import type { PeerRow } from '../../store/federation/peers.js'
import type { ReportState } from '../../store/schema.js'
import { settleReportOffer } from '../transitions/reportPeerOffer.js'

const RULINGS: Partial<Record<ReportState, boolean>> = { valid: true, invalid: false, closed: false }

const offersWithPeer = (trx: Db) =>
  trx
    .selectFrom('federation_report_offers')
    .innerJoin('federation_peers', 'federation_peers.id', 'federation_report_offers.peer_id')
    .select([
      'federation_report_offers.id',
      'federation_report_offers.report_id',
      'federation_report_offers.direction',
      'federation_report_offers.offer_activity_id',
      'federation_report_offers.local_report_url',
      'federation_peers.id as peer_id',
      'federation_peers.base_url',
      'federation_peers.name',
      'federation_peers.state as peer_state',
    ])

/** Our first ruling on a report a peer sent us, sent back to it (called by the report's RM move). */
export async function sendRulingToPeer(
  trx: Db,
  report: { id: string; state: ReportState },
  reason: string | null,
  now = new Date(),
): Promise<void> {
  const accepted = RULINGS[report.state]
  if (accepted === undefined) return
  const received = await offersWithPeer(trx)
    .where('federation_report_offers.report_id', '=', report.id)
    .where('federation_report_offers.direction', '=', 'received')
    .where('federation_report_offers.state', '=', 'offered')
    .forUpdate('federation_report_offers')
    .executeTakeFirst()
  if (!received || received.peer_state !== 'pinned') return
  const ours = received.local_report_url.slice(0, received.local_report_url.lastIndexOf('/reports/'))
  const activityId = `${ours}/federation/activities/${randomUUID()}`
  const activity = answerInvite({
    id: activityId,
    from: actorOf(ours),
    to: actorOf(received.base_url),
    inviteId: received.offer_activity_id,
    accepted,
    ...(reason && !accepted ? { reason } : {}),
    at: now,
  })
  await enqueueActivity(trx, {
    peerId: received.peer_id,
    activityId,
    activityType: accepted ? 'Accept' : 'Reject',
    body: JSON.stringify(activity),
  })
  await settleReportOffer(trx, received, { accepted, activityId, reason, peer: received }, now)
}

/**
 * A peer's Accept or Reject of an Offer: true when it answered a report we sent it (its ruling
 * recorded once), false when the Offer was no report of ours (then it is a case's, caseOfferAnswers.ts).
 */
export async function applyRulingFromPeer(
  trx: Db,
  peer: PeerRow,
  a: { offerId: string; accepted: boolean; activityId: string; reason: string | null },
): Promise<boolean> {
  const sent = await offersWithPeer(trx)
    .where('federation_report_offers.direction', '=', 'sent')
    .where('federation_report_offers.peer_id', '=', peer.id)
    .where('federation_report_offers.offer_activity_id', '=', a.offerId)
    .forUpdate('federation_report_offers')
    .executeTakeFirst()
  if (!sent) return false
  await settleReportOffer(trx, sent, { ...a, peer })
  return true
}
