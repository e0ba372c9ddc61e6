// Onward notification of a report (issue 17 item 6): a report in triage, not yet a case, sent to
// several pinned peers in one request, one RmSubmitReport (an Offer of the VulnerabilityReport)
// per peer in the outbox, all in one transaction (all queued or none), each with its entry in the
// report's history; for each peer when it was told, when that reached it and when it ruled on the
// report there; a peer deliberately told later, with why. On the peer the report lands in its own
// triage queue, Received, with where it came from (reportRulings.ts sends its ruling back).
import { sql } from 'kysely'
import type { Actor } from '../../domain/actor.js'
import { actorUserId } from '../../domain/actor.js'
import { ConflictError } from '../../domain/errors.js'
import { FederationRefusal } from '../../domain/federation/refusal.js'
import { normalizeBaseUrl } from '../../domain/federation/peerDocument.js'
import {
  checkOnwardFromPeer,
  reportThatCrosses,
  submitReportTo,
  type ReportForOffer,
  type SubmittedReport,
} from '../../domain/federation/reportOffer.js'
import { scoreCvss } from '../../domain/cvss.js'
import type { TlpLabel } from '../../domain/tlp.js'
import { hashSecret, newSecret } from '../../security/tokens.js'
import { reportColumns } from '../../store/columns.js'
import { nextReportNumber } from '../../store/counters.js'
import { inTransaction, type Db } from '../../store/db.js'
import { enqueueActivity } from '../../store/federation/outbox.js'
import type { PeerRow } from '../../store/federation/peers.js'
import { ledgerActorOf } from '../../store/ledger.js'
import type { ReportRow } from '../../store/schema.js'
import { tellStaff } from '../needs/finderMail.js'
import { loadReport, recordEvent } from '../reports/triage.js'
import {
  checkPeerList,
  deferralEntry,
  deferralOf,
  justificationOf,
  offerEnvelope,
  offersOfSubject,
  pinnedPeers,
  pinnedPeersByName,
} from './peersTold.js'

/** A report's address on this instance, as peers know it. */
export const reportUrlOf = (baseUrl: string, trackingId: string) => `${normalizeBaseUrl(baseUrl)}/reports/${trackingId}`

function reportForOffer(r: ReportRow, ourBaseUrl: string): ReportForOffer {
  return {
    url: reportUrlOf(ourBaseUrl, r.tracking_id),
    trackingId: r.tracking_id,
    title: r.title,
    description: r.description,
    impact: r.impact,
    reproduction: r.reproduction,
    affected: r.affected.map((p) => ({ vendor: p.vendor, product: p.product, versions: p.versions, purl: p.purl })),
    publicAlready: r.public_already,
    publicReferences: r.public_references,
    exploitedAlready: r.exploited_already,
    exploitedReferences: r.exploited_references,
    cvssVector: r.cvss_vector,
    cwe: r.cwe,
    finder: r.anonymous ? null : { name: r.reporter_name, organization: r.reporter_organization },
  }
}

/** The report sent to every peer of `peerIds` (422 naming `peerIds.N` or `tlp`; 409 for a peer told already). */
export async function sendReportToPeers(
  db: Db,
  actor: Actor,
  o: { reportId: string; peerIds: string[]; finderConsent: boolean; tlp: TlpLabel; ourBaseUrl: string },
) {
  return inTransaction(db, async (trx) => {
    const report = await loadReport(trx, actor, o.reportId, 'send_to_peer', true)
    if (report.case_id)
      throw new ConflictError('This report is in a case already: offer the case to the peers instead.')
    await checkPeerList(trx, o.peerIds)
    const received = await trx
      .selectFrom('federation_report_offers')
      .innerJoin('federation_peers', 'federation_peers.id', 'federation_report_offers.peer_id')
      .select(['federation_report_offers.tlp', 'federation_peers.name as peerName'])
      .where('federation_report_offers.direction', '=', 'received')
      .where('federation_report_offers.report_id', '=', report.id)
      .executeTakeFirst()
    if (received) checkOnwardFromPeer(received, o)
    const object = reportThatCrosses(reportForOffer(report, o.ourBaseUrl), o)
    const told = await trx
      .selectFrom('federation_report_offers')
      .innerJoin('federation_peers', 'federation_peers.id', 'federation_report_offers.peer_id')
      .select('federation_peers.name')
      .where('federation_report_offers.direction', '=', 'sent')
      .where('federation_report_offers.report_id', '=', report.id)
      .where('federation_report_offers.peer_id', 'in', o.peerIds)
      .execute()
    if (told.length) throw new ConflictError(`This report was sent to ${told.map((t) => t.name).join(', ')} already.`)
    const who = await ledgerActorOf(trx, actor)
    const peers = await pinnedPeers(trx, o.peerIds)
    const offers = []
    for (const peerId of o.peerIds) {
      const peer = peers.find((p) => p.id === peerId)!
      const envelope = offerEnvelope(o.ourBaseUrl, peer, who.displayName)
      const activityId = envelope.id
      const activity = submitReportTo({ ...envelope, object })
      await enqueueActivity(trx, { peerId, activityId, activityType: 'Offer', body: JSON.stringify(activity) })
      const row = await trx
        .insertInto('federation_report_offers')
        .values({
          direction: 'sent',
          peer_id: peerId,
          report_id: report.id,
          offer_activity_id: activityId,
          origin_report_url: object.id,
          local_report_url: object.id,
          tlp: object['lockstep:tlp'],
          finder_shared: object['lockstep:finder'] !== null,
          offered_by: actorUserId(actor),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await recordEvent(trx, report.id, actor, 'report.sent_to_peer', {
        peer: peer.base_url,
        peerName: peer.name,
        activityId,
        tlp: object['lockstep:tlp'],
        finderNamed: object['lockstep:finder'] !== null,
      })
      offers.push({ peerId, offerId: row.id, activityId })
    }
    return offers
  })
}

/** A peer deliberately told of the report later: who decided, why, until when, in the report's history. */
export async function deferReportToPeer(
  db: Db,
  actor: Actor,
  o: { reportId: string; peerId: string; justification: string; until?: Date | undefined },
): Promise<{ deferredAt: string }> {
  const justification = justificationOf(o.justification)
  return inTransaction(db, async (trx) => {
    const report = await loadReport(trx, actor, o.reportId, 'send_to_peer', true)
    const entry = await deferralEntry(trx, 'report', report.id, { ...o, justification })
    const at = new Date()
    await recordEvent(trx, report.id, actor, 'report.peer_deferred', entry)
    return { deferredAt: at.toISOString() }
  })
}

/** Per peer: when it was told of the report, when that reached it, when it ruled; the deferrals; where it came from. */
export async function peersToldOfReport(db: Db, actor: Actor, reportId: string) {
  const report = await loadReport(db, actor, reportId, 'triage')
  const [rows, deferred, peers] = await Promise.all([
    offersOfSubject(db, 'report', report.id, ['tlp', 'answer_reason', 'origin_report_url']),
    db
      .selectFrom('report_events')
      .select([
        'at',
        'payload',
        (eb) =>
          eb.selectFrom('users').select('name').whereRef('users.id', '=', 'report_events.actor_id').as('actor_name'),
      ])
      .where('report_id', '=', report.id)
      .where('kind', '=', 'report.peer_deferred')
      .orderBy('at')
      .execute(),
    pinnedPeersByName(db),
  ])
  const from = rows.find((r) => r.direction === 'received')
  return {
    told: rows
      .filter((r) => r.direction === 'sent')
      .map(({ direction: _, answer_reason, origin_report_url: __, ...t }) => ({ ...t, reason: answer_reason })),
    deferred: deferred.map((d) => deferralOf(d.payload, d.at, d.actor_name ?? 'Lockstep')),
    peers: peers.map((p) => ({ id: p.id, name: p.name, baseUrl: p.base_url })),
    receivedFrom: from
      ? { peerName: from.peerName, originReportUrl: from.origin_report_url, tlp: from.tlp, receivedAt: from.toldAt }
      : null,
  }
}

/**
 * A peer's RmSubmitReport, in the inbox's transaction: the report lands in this instance's triage
 * queue, Received (Vultron: the one RM message whose receipt moves the receiver's own state), the
 * finder named only as the sender named them (no address: the finder is followed up by the sender),
 * and the staff told as for any new report.
 */
export async function receiveReportFromPeer(
  trx: Db,
  peer: PeerRow,
  o: { activityId: string; report: SubmittedReport; ourBaseUrl: string },
): Promise<void> {
  const r = o.report
  // A report is offered to a peer once (the sender's federation_report_offers_sent_once): the same
  // report again under a new activity id would be a second copy in the triage queue here. Two
  // servers on one database could take both copies at once: the lock (held to the commit) makes
  // the second wait and then find the first.
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`report-offer ${peer.id} ${r.id}`}, 0))`.execute(trx)
  const offeredBefore = await trx
    .selectFrom('federation_report_offers')
    .select('id')
    .where('direction', '=', 'received')
    .where('peer_id', '=', peer.id)
    .where('origin_report_url', '=', r.id)
    .executeTakeFirst()
  if (offeredBefore)
    throw new FederationRefusal('bad-activity', `the report ${r.id} was offered to this instance already`)
  const finder = r['lockstep:finder']
  // The sender's score, if it is one this instance can score too; otherwise left for triage here.
  const cvss = r['lockstep:cvssVector'] ? scoreCvss(r['lockstep:cvssVector']) : null
  const trackingId = `LSR-${new Date().getUTCFullYear()}-${String(await nextReportNumber(trx)).padStart(4, '0')}`
  const report = await trx
    .insertInto('reports')
    .values({
      tracking_id: trackingId,
      // No follow-up link: the finder is the sender's to follow up; this hash matches no link given.
      follow_up_token_hash: hashSecret(newSecret()),
      anonymous: finder === null,
      reporter_name: finder?.name ?? null,
      reporter_organization: finder?.organization ?? null,
      title: r.name.slice(0, 200),
      affected: JSON.stringify(r['lockstep:affected']),
      description: `${r.content}\n\n[Sent by ${peer.name} (${r.id}) under TLP:${r['lockstep:tlp']}.]`,
      impact: r['lockstep:impact'],
      reproduction: r['lockstep:reproduction'],
      public_already: r['lockstep:publicAlready'],
      public_references: r['lockstep:publicReferences'],
      exploited_already: r['lockstep:exploitedAlready'],
      exploited_references: r['lockstep:exploitedReferences'],
      cwe: r['lockstep:cwe'] && /^CWE-\d{1,5}$/.test(r['lockstep:cwe']) ? r['lockstep:cwe'] : null,
      ...(cvss?.ok ? { cvss_vector: cvss.vector, cvss_score: cvss.baseScore } : {}),
      via: 'peer',
      credit: JSON.stringify(
        finder?.name ? { preference: 'name', text: finder.name } : { preference: 'anonymous', text: null },
      ),
    })
    .returning(reportColumns)
    .executeTakeFirstOrThrow()
  await trx
    .insertInto('federation_report_offers')
    .values({
      direction: 'received',
      peer_id: peer.id,
      report_id: report.id,
      offer_activity_id: o.activityId,
      origin_report_url: r.id,
      local_report_url: reportUrlOf(o.ourBaseUrl, trackingId),
      tlp: r['lockstep:tlp'],
      finder_shared: finder !== null,
    })
    .execute()
  await trx
    .insertInto('report_events')
    .values({
      report_id: report.id,
      actor_id: null,
      kind: 'report.received_from_peer',
      payload: JSON.stringify({
        peer: peer.base_url,
        peerName: peer.name,
        originReportUrl: r.id,
        activityId: o.activityId,
        tlp: r['lockstep:tlp'],
      }),
    })
    .execute()
  await tellStaff(trx, report, `New report ${trackingId} from ${peer.name}: ${report.title}`)
}
