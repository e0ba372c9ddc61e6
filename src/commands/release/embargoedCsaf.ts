// The advisory as CSAF before its release, for the case's parties: a vendor's tooling takes the
// draft with its API token ahead of the instant (CSAF 2.0 §7.1.5: TLP:AMBER and RED documents
// access-protected, with an automatable method, at another path than the public ones). Built
// from the draft as it is now, the same way the release builds it, labelled TLP:AMBER (RED when
// the case is RED) with status draft and version 0, and listed in the AMBER or RED feed of the
// drafts the caller may read. Whoever may not read the case learns nothing (not found); CSAF 2.1
// on request, beside 2.0. After the release the public document takes its place.
import type { Actor } from '../../domain/actor.js'
import { NotFoundError } from '../../domain/errors.js'
import { authorize, can, caseScope } from '../../domain/policy/index.js'
import type { EmbargoedDraft } from '../../domain/advisory/embargoedFeed.js'
import type { EmbargoedTlp } from '../../domain/advisory/links.js'
import { caseResource, caseVisibleTo, scopeIsEmpty } from '../../store/cases.js'
import { toCsaf } from '../../domain/advisory/csaf.js'
import { toCsaf21 } from '../../domain/advisory/csaf21.js'
import type { Config } from '../../config.js'
import type { Db } from '../../store/db.js'
import { loadCaseFor } from '../cases/caseAccess.js'
import { advisoryResource } from './drafts.js'
import { buildSnapshot } from './snapshot.js'
import { advisoryColumns } from '../../store/columns.js'

export async function embargoedCsaf(
  db: Db,
  actor: Actor,
  caseRef: string,
  config: Pick<Config, 'publicUrl' | 'release'>,
  csafVersion: '2.0' | '2.1' = '2.0',
): Promise<object> {
  const { row, resource } = await loadCaseFor(db, actor, caseRef, 'read')
  const advisory = await db
    .selectFrom('advisories')
    .select(advisoryColumns)
    .where('case_id', '=', row.id)
    .executeTakeFirst()
  authorize(actor, 'read_embargoed_csaf', advisoryResource(resource, advisory))
  // The coordinator may ask before anyone started the draft: there is nothing to give yet.
  if (!advisory) throw new NotFoundError('advisory')
  // Dated when the draft last changed, not when asked: the same draft is the same bytes, so its
  // hashes and signature, fetched apart from it, match it.
  const now = new Date(advisory.updated_at)
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

/**
 * The drafts under embargo at one TLP label that the actor may read, for the AMBER and RED feeds:
 * the cases the actor's scope lets it see (one query), each then asked of the policy exactly as
 * the draft's own route asks, so the feed lists no draft its link would refuse.
 */
export async function listEmbargoedDrafts(db: Db, actor: Actor, tlp: EmbargoedTlp): Promise<EmbargoedDraft[]> {
  const scope = caseScope(actor)
  if (scopeIsEmpty(scope)) return []
  const rows = await db
    .selectFrom('cases')
    .innerJoin('advisories', 'advisories.case_id', 'cases.id')
    .select(['cases.id as caseId', 'advisories.public_id', 'advisories.draft', 'advisories.updated_at'])
    .where(caseVisibleTo(scope))
    .where('advisories.state', '=', 'draft')
    .where('cases.tlp', tlp === 'RED' ? '=' : '<>', 'RED')
    .orderBy('advisories.updated_at', 'desc')
    .limit(500)
    .execute()
  const drafts: EmbargoedDraft[] = []
  for (const r of rows) {
    const resource = advisoryResource(await caseResource(db, r.caseId, actor), { state: 'draft' })
    if (!can(actor, 'read_embargoed_csaf', resource)) continue
    drafts.push({
      caseId: r.caseId,
      id: r.public_id,
      title: r.draft.title,
      overview: r.draft.overview,
      updated: new Date(r.updated_at).toISOString(),
    })
  }
  return drafts
}
