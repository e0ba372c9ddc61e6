// The advisory as CSAF before its release, for the case's parties: a vendor's tooling takes the
// draft with its API token ahead of the instant (CSAF 2.0 §7.1.5: TLP:AMBER and RED documents
// access-protected, with an automatable method, at another path than the public ones). Built
// from the draft as it is now, the same way the release builds it, labelled TLP:AMBER (RED when
// the case is RED) with status draft and version 0. Whoever may not read the case learns nothing
// (not found); CSAF 2.1 on request, beside 2.0. After the release the public document takes its place.
import type { Actor } from '../../domain/actor.js'
import { NotFoundError } from '../../domain/errors.js'
import { authorize } from '../../domain/policy/index.js'
import { toCsaf } from '../../domain/advisory/csaf.js'
import { toCsaf21 } from '../../domain/advisory/csaf21.js'
import type { Config } from '../../config.js'
import type { Db } from '../../store/db.js'
import { loadCaseFor } from '../cases/caseAccess.js'
import { advisoryResource } from './drafts.js'
import { buildSnapshot } from './snapshot.js'

export async function embargoedCsaf(
  db: Db,
  actor: Actor,
  caseRef: string,
  config: Pick<Config, 'publicUrl' | 'release'>,
  now = new Date(),
  csafVersion: '2.0' | '2.1' = '2.0',
): Promise<object> {
  const { row, resource } = await loadCaseFor(db, actor, caseRef, 'read')
  const advisory = await db.selectFrom('advisories').selectAll().where('case_id', '=', row.id).executeTakeFirst()
  authorize(actor, 'read_embargoed_csaf', advisoryResource(resource, advisory))
  // The coordinator may ask before anyone started the draft: there is nothing to give yet.
  if (!advisory) throw new NotFoundError('advisory')
  const snapshot = await buildSnapshot(db, {
    caseId: row.id,
    publicId: advisory.public_id,
    draft: advisory.draft,
    release: config.release,
    publicUrl: config.publicUrl,
    initialReleaseDate: now,
    currentReleaseDate: now,
    revisions: [{ number: '0', date: now.toISOString(), summary: 'Draft under embargo, not for release.' }],
  })
  const tlp = row.tlp === 'RED' ? 'RED' : 'AMBER'
  return csafVersion === '2.1' ? toCsaf21(snapshot, { tlp }) : toCsaf(snapshot, { tlp })
}
