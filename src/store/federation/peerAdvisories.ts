// The advisories that peers sharing a case publish for it (commands/federation/peerAdvisories.ts
// keeps them on the offer's row), read when the case's advisory is frozen for release.
import type { PeerAdvisory } from '../../domain/federation/peerAdvisory.js'
import type { Db } from '../db.js'

/** The advisories peers announced for the case, for its release snapshot. */
export async function peerAdvisoriesOf(db: Db, caseId: string): Promise<PeerAdvisory[]> {
  const rows = await db
    .selectFrom('federation_case_offers')
    .select('peer_advisory')
    .where('case_id', '=', caseId)
    .where('state', '=', 'accepted')
    .where('peer_advisory', 'is not', null)
    .orderBy('created_at')
    .execute()
  return rows.map((r) => r.peer_advisory as PeerAdvisory)
}
