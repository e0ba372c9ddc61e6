// Ending a released advisory: withdrawn (it should not have been published) or superseded (another
// advisory replaces it: one of this instance, or another publisher's, by its id and address). Each
// is a final revision published like any other (release.ts's writeRevision: every document and
// feed at once, their hashes and signatures computed from the new bodies when served), frozen from
// the last released snapshot, not from the draft: ending an advisory publishes nothing new about
// the vulnerabilities. CVE records keep their state: rejecting or updating a CVE is the CNA's own
// step with CVE Services (README, "Advisory lifecycle").
import type { Actor } from '../../domain/actor.js'
import { ConflictError, ValidationError } from '../../domain/errors.js'
import { advisoryLinks, type AdvisorySnapshot } from '../../domain/advisory/index.js'
import { endedRevisionSummary } from '../../domain/advisory/ended.js'
import { authorize } from '../../domain/policy/index.js'
import type { Db } from '../../store/db.js'
import { inTransaction } from '../../store/db.js'
import { ledgerActorOf } from '../../store/ledger.js'
import type { AdvisoryEndDetail } from '../../store/schemaRelease.js'
import { loadCaseFor } from '../cases/caseAccess.js'
import { advisoryColumns } from '../../store/columns.js'
import { checkAdvisoryMove, moveAdvisory } from '../transitions/advisoryState.js'
import { advisoryResource } from './drafts.js'
import { writeRevision } from './release.js'
import { checkCsaf, type ReleaseOptions } from './documents.js'

export interface SupersedeInput {
  /** An advisory of this instance ("LSA-2026-0002"), another publisher's id, or its address. */
  by: string
  /** The replacement's address, needed when `by` is another publisher's id. */
  url?: string | undefined
  reason: string
}

const publicIdPattern = /^LSA-\d{4}-\d{1,8}$/i
const isWebAddress = (text: string) => {
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol)
  } catch {
    return false
  }
}

/** What replaces the advisory: another released one of this instance, or another publisher's. */
async function replacementOf(trx: Db, self: string, input: SupersedeInput): Promise<{ id: string; url: string }> {
  const by = input.by.trim()
  if (publicIdPattern.test(by)) {
    const id = by.toUpperCase()
    if (id === self) throw new ValidationError({ field: 'by', message: 'names this advisory itself' })
    const other = await trx
      .selectFrom('advisories')
      .select(['snapshot', 'ended'])
      .where('public_id', '=', id)
      .where('state', '=', 'published')
      .executeTakeFirst()
    if (!other)
      throw new ValidationError({ field: 'by', message: `is not a released advisory of this instance (${id})` })
    if (other.ended) throw new ValidationError({ field: 'by', message: `was itself ${other.ended} (${id})` })
    return { id, url: advisoryLinks(other.snapshot as AdvisorySnapshot).page }
  }
  const url = input.url?.trim() || (isWebAddress(by) ? by : '')
  if (!url)
    throw new ValidationError({
      field: 'url',
      message: 'is required when the replacement is another publisher’s advisory: give its address',
    })
  if (!isWebAddress(url))
    throw new ValidationError({ field: input.url ? 'url' : 'by', message: 'must be an http(s) address' })
  return { id: by, url }
}

async function endAdvisory(
  db: Db,
  actor: Actor,
  caseRef: string,
  event: 'withdraw' | 'supersede',
  input: { reason: string; supersede?: SupersedeInput },
  opts: ReleaseOptions,
  now: Date,
): Promise<{ revision: number }> {
  return inTransaction(db, async (trx) => {
    const { row, resource } = await loadCaseFor(trx, actor, caseRef, 'read')
    const a = await trx
      .selectFrom('advisories')
      .select(advisoryColumns)
      .where('case_id', '=', row.id)
      .forUpdate()
      .executeTakeFirst()
    // Before the release, who may change the advisory learns it is not out yet (409), as for a revision.
    const res = advisoryResource(resource, a)
    authorize(actor, res.state === 'published' ? event : 'edit', res)
    const reason = input.reason.trim()
    if (!reason)
      throw new ValidationError({
        field: 'reason',
        message: `is required: say why the advisory is ${event === 'withdraw' ? 'withdrawn' : 'superseded'}`,
      })
    if (!a || !a.snapshot) throw new ConflictError('The advisory is not released yet: there is nothing to end.')
    checkAdvisoryMove(a, event)
    const by = input.supersede ? await replacementOf(trx, a.public_id, input.supersede) : null
    const previous = a.snapshot as AdvisorySnapshot
    const revision = a.revision + 1
    const snapshot: AdvisorySnapshot = {
      ...previous,
      currentReleaseDate: now.toISOString(),
      revisions: [
        ...previous.revisions,
        {
          number: String(revision),
          date: now.toISOString(),
          summary: endedRevisionSummary(event === 'withdraw' ? 'withdrawn' : 'superseded', reason, by?.id ?? null),
        },
      ],
      ...(by ? { supersededBy: { ...by, reason } } : { withdrawn: { reason } }),
    }
    await checkCsaf(opts, snapshot, 'The final revision would be an invalid CSAF document, so it was not published')
    const end: AdvisoryEndDetail = by ? { reason, by } : { reason }
    await moveAdvisory(trx, a, event, {
      snapshot,
      revision,
      who: await ledgerActorOf(trx, actor),
      at: now,
      end,
      payload: { advisory: a.public_id, revision, reason, ...(by ? { by: by.id, url: by.url } : {}) },
    })
    await writeRevision(trx, a.id, snapshot, opts, now)
    return { revision }
  })
}

/** Withdraws the case's released advisory, with the reason, in a final revision of every document. */
export function withdrawAdvisory(
  db: Db,
  actor: Actor,
  caseRef: string,
  reason: string,
  opts: ReleaseOptions,
  now = new Date(),
): Promise<{ revision: number }> {
  return endAdvisory(db, actor, caseRef, 'withdraw', { reason }, opts, now)
}

/** Marks the case's released advisory superseded by another, in a final revision of every document. */
export function supersedeAdvisory(
  db: Db,
  actor: Actor,
  caseRef: string,
  input: SupersedeInput,
  opts: ReleaseOptions,
  now = new Date(),
): Promise<{ revision: number }> {
  return endAdvisory(db, actor, caseRef, 'supersede', { reason: input.reason, supersede: input }, opts, now)
}
