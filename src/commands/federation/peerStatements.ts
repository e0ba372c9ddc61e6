// The approved statements peers sent for a case (kept by peerSharing.ts, one row per statement as
// approved where it was given), read for the release snapshot, the release checklist and the
// case's summary. Each names the coordinator that approved it: the peer that sent it, or, for a
// statement passed on by a peer from a third instance, that instance.
import { placePeerStatements, type PeerStatementIn } from '../../domain/advisory/peerStatements.js'
import type { Origin, SharedStatement } from '../../domain/federation/caseSharing.js'
import { approvedStatementsOf } from '../../store/approvedStatements.js'
import { vulnerabilitiesInAdvisoryOrder } from '../../store/cases.js'
import type { Db } from '../../store/db.js'
import { peerItemsOf } from '../../store/federation/peerItems.js'

/** The body of a kept statement (SharedStatement as JSON). */
type KeptStatement = Omit<SharedStatement, 'approvedAt' | 'origin'> & { approvedAt: string; origin?: Origin | null }

export async function peerStatementsOf(db: Db, caseId: string): Promise<PeerStatementIn[]> {
  const items = await peerItemsOf(db, caseId, ['statement'])
  return items.map((i) => {
    const s = i.body as KeptStatement
    return {
      origin: s.origin ?? { name: i.peer_name, url: i.peer_url },
      vendorKey: s.participantUrl,
      vendor: s.vendor,
      vulnerability: s.vulnerability,
      status: s.status,
      justification: s.justification,
      fixedVersions: s.fixedVersions,
      remediation: s.remediation,
      approvedAt: new Date(s.approvedAt),
      receivedAt: i.received_at,
    }
  })
}

/**
 * The peers' statements placed as the advisory would place them at `until`: each with the
 * vulnerability here it is about (by id), or why it is left out. Our own vendors' approved
 * statements are read to know whose word is ours (a vendor on both sides speaks here for itself).
 */
export async function placedPeerStatements(db: Db, caseId: string, until: Date) {
  const incoming = await peerStatementsOf(db, caseId)
  if (incoming.length === 0) return []
  const vulns = await vulnerabilitiesInAdvisoryOrder(db, caseId)
  const own = await approvedStatementsOf(db, caseId)
  const here = vulns.map((v) => ({
    title: v.title,
    cve: v.cve_id,
    ownVendors: own.filter((s) => s.vulnerability_id === v.id).map((s) => s.vendor),
  }))
  return placePeerStatements(here, incoming, until).map((p) => ({
    ...p,
    vulnerabilityId: p.vulnerability === null ? null : vulns[p.vulnerability]!.id,
  }))
}
