// Advisories that name each other: when an offer is accepted, each side announces to the other
// the advisory it will publish for the shared case (created now if the case has none yet, so its
// id is known before the release instant), and keeps the one the peer announced on the offer's
// row. The release snapshot reads them (commands/release/snapshot.ts): the CSAF document lists the
// peer's advisory in `document.references`, the OSV records the peer's records.
import { advisoryPageUrl, osvId } from '../../domain/advisory/links.js'
import type { AdvisoryAnnouncement, PeerAdvisory } from '../../domain/federation/peerAdvisory.js'
import { announceAdvisory } from '../../domain/federation/peerAdvisory.js'
import { vulnerabilitiesInAdvisoryOrder } from '../../store/cases.js'
import type { Db } from '../../store/db.js'
import type { PeerRow } from '../../store/federation/peers.js'
import { appendLedger } from '../../store/ledger.js'
import { ensureAdvisory } from '../release/drafts.js'
import { caseSharedWith, sendToSharers, sharedWithAnyPeer } from './sharedEmbargo.js'

/** Our advisory for the case as it crosses (created now if the case has none yet, so its id is known). */
export async function ourAdvisory(trx: Db, caseId: string, ourBase: string): Promise<Omit<PeerAdvisory, 'publisher'>> {
  const advisory = await ensureAdvisory(trx, caseId, 'Lockstep (federation)')
  // In the order the release snapshot numbers them (V1, V2…), which fixes each one's OSV id.
  const vulns = await vulnerabilitiesInAdvisoryOrder(trx, caseId)
  return {
    id: advisory.public_id,
    url: advisoryPageUrl(ourBase, advisory.public_id),
    osv: vulns.map((v, i) => ({ id: osvId({ id: advisory.public_id }, { key: `V${i + 1}` }), cve: v.cve_id })),
  }
}

/** Announces our advisory for the case to one peer sharing it (or all), in the caller's transaction. */
export async function announceAdvisoryTo(trx: Db, caseId: string, peerId?: string): Promise<void> {
  const { public_id } = await ensureAdvisory(trx, caseId, 'Lockstep (federation)')
  await sendToSharers(
    trx,
    caseId,
    { only: peerId },
    {
      activityType: 'Announce/Advisory',
      ledgerKind: 'case.advisory_announced',
      payload: { advisory: public_id },
      build: async (e) => announceAdvisory({ ...e, advisory: await ourAdvisory(trx, caseId, e.ourBase) }),
    },
  )
}

/**
 * A vulnerability added to a case already shared: our advisory (with the new one's OSV record) is
 * announced again to every peer sharing it, so that their advisory names that record too. A case
 * shared with no one is left alone (no advisory is created for it here).
 */
export async function announceAdvisoryAgain(trx: Db, caseId: string): Promise<void> {
  if (await sharedWithAnyPeer(trx, caseId)) await announceAdvisoryTo(trx, caseId)
}

/** A peer told us its advisory for the case shared with it: kept for our release, with a ledger entry. */
export async function keepPeerAdvisory(
  trx: Db,
  peer: PeerRow,
  caseId: string,
  a: Omit<PeerAdvisory, 'publisher'>,
): Promise<void> {
  const advisory: PeerAdvisory = { ...a, publisher: peer.name }
  await trx
    .updateTable('federation_case_offers')
    .set({ peer_advisory: JSON.stringify(advisory) })
    .where('case_id', '=', caseId)
    .where('peer_id', '=', peer.id)
    .where('state', '=', 'accepted')
    .execute()
  await appendLedger(trx, caseId, { id: 'system', displayName: `${peer.name} (shared case)` }, 'case.peer_advisory', {
    peer: peer.base_url,
    advisory: advisory.id,
    url: advisory.url,
  })
}

/** An Announce of the peer's advisory for a case shared with it. */
export async function applyAdvisoryFromPeer(trx: Db, peer: PeerRow, a: AdvisoryAnnouncement): Promise<void> {
  await keepPeerAdvisory(trx, peer, await caseSharedWith(trx, peer, a.senderCaseUrl), a.advisory)
}
