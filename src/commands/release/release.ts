// The release: at the embargo's end instant (or at once, when the coordinator says so), the
// case's advisory is frozen into a snapshot and every public form of it written in one
// transaction: the page, CSAF 2.0 in the provider layout and CSAF 2.1 beside it, OSV, CVE
// records, the public JSON, and the feeds listing them. Before that commit there is nothing to serve, so every public URL
// answers 404; the advisory row, locked and checked, makes the release happen exactly once
// however many schedulers race for it. A release later than its instant says so in the ledger.
// What reaches outside (the owners' alerts, CVE Services) is a job enqueued in the same
// transaction, run after it commits (adapters/jobs/afterRelease.ts).
//
// The readiness checklist (readiness.ts) is not a gate: the instant was agreed with every party,
// so the release happens at it. Only approved statements are published; an item neither approved
// nor left out on purpose when the instant comes is left out too, and the release's ledger entry
// 'release.left_out' lists it as undecided beside the deliberate ones with their reasons (the
// coordinators were shown it on the advisory tab and mailed it before the end).
import { tellReleased } from '../needs/caseNews.js'
import { mailFindersPublished } from '../needs/finderMail.js'
import type { Actor } from '../../domain/actor.js'
import { ConflictError, ValidationError } from '../../domain/errors.js'
import { advisoryLinks, toCsaf, type AdvisorySnapshot } from '../../domain/advisory/index.js'
import { systemLedgerActor, type LedgerActor } from '../../domain/ledger.js'
import type { Db } from '../../store/db.js'
import { inTransaction } from '../../store/db.js'
import { ledgerActorOf } from '../../store/ledger.js'
import { enqueueAfterRelease } from '../../jobs/afterRelease.js'
import { instanceKeyFingerprint } from '../../mail/instanceKey.js'
import { checkAdvisoryMove, moveAdvisory } from '../transitions/advisoryState.js'
import { recordCaseFactRow } from '../transitions/caseStatus.js'
import { endEmbargo } from '../embargo/negotiation.js'
import { lockEmbargoCase } from '../embargo/embargoParties.js'
import { advisoryResource, ensureAdvisory } from './drafts.js'
import { loadCaseFor } from '../cases/caseAccess.js'
import { authorize } from '../../domain/policy/index.js'
import { buildSnapshot } from './snapshot.js'
import {
  checkCsaf,
  documentsOf,
  feedsOf,
  refuseInvalidCsaf,
  writeDocuments,
  type PublishedDocument,
  type ReleaseOptions,
} from './documents.js'
import { releaseSnapshot, takePreparedRelease } from './preparedRelease.js'
import { announceRelease } from './announce.js'
import { releaseChecklist } from './readiness.js'
import { recordReleaseLeftOut } from '../transitions/releaseLeaveOut.js'
import { advisoryColumns } from '../../store/columns.js'

/** A release later than this after its instant is called late in the ledger (the server was not running, or was busy). */
const LATE_AFTER_MS = 5_000
const RELEASE_REFUSAL = 'The advisory would be an invalid CSAF document, so it was not released'

export type ReleaseHow = { kind: 'embargo_end' } | { kind: 'immediate'; actor: Actor; reason: string }

export type ReleaseResult =
  | {
      released: true
      advisoryId: string
      advisoryUuid: string
      lateMs: number
      documents: number
      /** Whether the documents were the ones prepared before the instant (preparedRelease.ts). */
      prepared: boolean
    }
  | { released: false; why: string }

/**
 * Releases the case's advisory now, if it is due: at the embargo's end (`embargo_end`: only once
 * the instant has come), or at once (`immediate`, by the coordinator). Exactly once.
 */
export async function releaseCase(
  db: Db,
  caseId: string,
  now: Date,
  how: ReleaseHow,
  opts: ReleaseOptions,
): Promise<ReleaseResult> {
  return inTransaction(db, async (trx) => {
    const c = await lockEmbargoCase(trx, caseId)
    // Released at once by a caller, who the policy must let release it (releasing twice is a no-op
    // for whoever may change the advisory); at the embargo's end the scheduler releases it itself.
    if (how.kind === 'immediate') {
      const { resource } = await loadCaseFor(trx, how.actor, caseId, 'read')
      const res = advisoryResource(
        resource,
        await trx.selectFrom('advisories').select('state').where('case_id', '=', caseId).executeTakeFirst(),
      )
      authorize(how.actor, res.state === 'published' ? 'edit' : 'release', res)
    }
    const who: LedgerActor =
      how.kind === 'immediate'
        ? await ledgerActorOf(trx, how.actor)
        : { ...systemLedgerActor, displayName: 'Lockstep (release)' }
    const advisory = await ensureAdvisory(trx, caseId, who.displayName, now)
    const locked = await trx
      .selectFrom('advisories')
      .select(advisoryColumns)
      .where('id', '=', advisory.id)
      .forUpdate()
      .executeTakeFirstOrThrow()
    if (locked.state === 'published') return { released: false, why: 'already released' }
    if (how.kind === 'embargo_end') {
      // A case handed over to a peer is released by its new owner, at the same instant.
      if (c.handed_over_at) return { released: false, why: 'handed over to a peer' }
      if (c.em_state !== 'active' && c.em_state !== 'revise') return { released: false, why: 'no embargo in force' }
      // Never a moment early: the instant is compared with the same clock that decides "now".
      if (!c.embargo_ends_at || c.embargo_ends_at.getTime() > now.getTime()) return { released: false, why: 'not yet' }
    } else if (!how.reason.trim()) {
      throw new ValidationError({ field: 'reason', message: 'is required: say why the advisory is released now' })
    }

    // Documents are dated at the agreed instant when released on time (so every instance sharing the
    // case dates them alike, and they can be prepared before it); a late release, when it happened.
    const lateMs = how.kind === 'embargo_end' && c.embargo_ends_at ? now.getTime() - c.embargo_ends_at.getTime() : 0
    const releaseDate =
      how.kind === 'embargo_end' && c.embargo_ends_at && lateMs <= LATE_AFTER_MS ? c.embargo_ends_at : now
    // A statement from a peer counts if it arrived before the instant, however late we run.
    const peersUntil = how.kind === 'embargo_end' && c.embargo_ends_at ? c.embargo_ends_at : now
    const snapshot = await releaseSnapshot(trx, caseId, locked, opts, releaseDate, peersUntil)
    const fingerprint = await instanceKeyFingerprint(trx)
    const prepared =
      how.kind === 'embargo_end' ? takePreparedRelease(caseId, releaseDate, snapshot, fingerprint) : undefined
    let docs: PublishedDocument[]
    if (prepared) {
      refuseInvalidCsaf(prepared.csafProblems, RELEASE_REFUSAL)
      docs = prepared.docs
      await writeDocuments(trx, locked.id, docs, releaseDate)
    } else {
      // The CSAF check runs in the validator's worker while the documents are rendered and written
      // here; the transaction commits only once it has passed.
      const csaf = toCsaf(snapshot)
      const checking = checkCsaf(opts, snapshot, RELEASE_REFUSAL, csaf)
      checking.catch(() => undefined) // awaited below; a rendering error first must not leave it unhandled
      docs = documentsOf(snapshot, opts.config.release.cna, fingerprint, csaf)
      await writeDocuments(trx, locked.id, docs, releaseDate)
      await checking
    }
    // The feeds list every published advisory, this one (released now) among them.
    const others = await trx
      .selectFrom('advisories')
      .select(['snapshot', 'released_at'])
      .where('state', '=', 'published')
      .where('id', '!=', locked.id)
      .execute()
    const all = [...others, { snapshot, released_at: releaseDate }]
      .sort((a, b) => (b.released_at?.getTime() ?? 0) - (a.released_at?.getTime() ?? 0))
      .map((r) => r.snapshot as AdvisorySnapshot)
    const feeds = feedsOf(all, opts.config.publicUrl, snapshot.publisher.name, releaseDate)
    await writeDocuments(trx, null, feeds, releaseDate)
    await trx
      .updateTable('cve_ids')
      .set({ state: 'published', published_at: now })
      .where('vulnerability_id', 'in', trx.selectFrom('vulnerabilities').select('id').where('case_id', '=', caseId))
      .execute()

    if (c.em_state === 'active' || c.em_state === 'revise') {
      await endEmbargo(
        trx,
        c,
        who,
        'terminate',
        how.kind === 'embargo_end'
          ? 'the embargo reached its end and the advisory was released'
          : `released at once: ${how.reason.trim()}`,
        now,
        how.kind !== 'embargo_end', // released at once: the peers sharing the case are told the embargo ended
      )
    }
    await moveAdvisory(trx, locked, 'publish', {
      snapshot,
      revision: 1,
      who,
      at: now,
      payload: {
        advisory: locked.public_id,
        embargoEndsAt: c.embargo_ends_at?.toISOString() ?? null,
        documents: docs.length + feeds.length,
        late:
          lateMs > LATE_AFTER_MS
            ? `released ${Math.round(lateMs / 1000)} s after the embargo's end: the server was not running (or was busy) at the instant`
            : null,
        reason: how.kind === 'immediate' ? how.reason.trim() : null,
      },
    })
    const checklist = await releaseChecklist(trx, caseId, { owners: false })
    await recordReleaseLeftOut(
      trx,
      caseId,
      who,
      checklist.items.map((i) => ({ key: i.key, what: i.what, reason: i.leftOut?.reason ?? null })),
      now,
    )
    // Published, the vulnerability is known to the public (Vultron's P): the case stops saying
    // "not public yet" and every participant's status says so.
    const facts = await trx
      .selectFrom('cases')
      .select(['id', 'public_aware_at', 'exploit_public_at', 'attacks_observed_at'])
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow()
    if (!facts.public_aware_at)
      await recordCaseFactRow(trx, facts, 'publicAware', now, `advisory ${locked.public_id} released`, who)
    // The owners' alerts and the CVE Services records: after the commit, by the job this enqueues.
    await enqueueAfterRelease(trx, { caseId, advisoryId: locked.id })
    await announceRelease(trx, snapshot, opts.config.publicUrl)
    const page = { id: locked.public_id, title: snapshot.title, url: advisoryLinks(snapshot).page }
    await tellReleased(trx, caseId, page)
    await mailFindersPublished(trx, caseId, page)
    return {
      released: true,
      advisoryId: locked.public_id,
      advisoryUuid: locked.id,
      lateMs,
      documents: docs.length + feeds.length,
      prepared: prepared !== undefined,
    }
  })
}

/**
 * A revision of a published advisory: the draft as it is now and the statements approved since,
 * frozen again with the next revision number (CSAF revision history, OSV `modified`), every
 * document and feed rewritten. The first release's date stays.
 */
export async function reviseAdvisory(
  db: Db,
  actor: Actor,
  caseRef: string,
  summary: string,
  opts: ReleaseOptions,
  now = new Date(),
): Promise<{ revision: number }> {
  return inTransaction(db, async (trx) => {
    const { row, resource } = await loadCaseFor(trx, actor, caseRef, 'read')
    const caseId = row.id
    const a = await trx
      .selectFrom('advisories')
      .select(advisoryColumns)
      .where('case_id', '=', caseId)
      .forUpdate()
      .executeTakeFirst()
    // Revising is for a published advisory; before that, who may change it learns it is not out yet (409).
    const res = advisoryResource(resource, a)
    authorize(actor, res.state === 'published' ? 'revise' : 'edit', res)
    if (!summary.trim())
      throw new ValidationError({
        field: 'summary',
        message: 'is required: say what changed, for the revision history',
      })
    if (!a || a.state !== 'published' || !a.released_at)
      throw new ConflictError(
        'The advisory is not released yet: edit the draft; it is published as it is at the release.',
      )
    checkAdvisoryMove(a, 'revise') // a withdrawn or superseded advisory's last revision is final
    const previous = a.snapshot as AdvisorySnapshot
    const revision = a.revision + 1
    const snapshot = await buildSnapshot(trx, {
      caseId,
      publicId: a.public_id,
      draft: a.draft,
      release: opts.config.release,
      publicUrl: opts.config.publicUrl,
      initialReleaseDate: new Date(previous.initialReleaseDate),
      currentReleaseDate: now,
      revisions: [
        ...previous.revisions,
        { number: String(revision), date: now.toISOString(), summary: summary.trim() },
      ],
    })
    await checkCsaf(opts, snapshot, 'The revision would be an invalid CSAF document, so it was not published')
    await moveAdvisory(trx, a, 'revise', {
      snapshot,
      revision,
      who: await ledgerActorOf(trx, actor),
      at: now,
      payload: { advisory: a.public_id, revision, summary: summary.trim() },
    })
    await writeRevision(trx, a.id, snapshot, opts, now)
    return { revision }
  })
}

/**
 * A new revision of a released advisory, written whole: every document at its path and the feeds
 * over every published advisory (read after the caller stored this revision's snapshot).
 */
export async function writeRevision(
  trx: Db,
  advisoryId: string,
  snapshot: AdvisorySnapshot,
  opts: ReleaseOptions,
  now: Date,
): Promise<void> {
  await writeDocuments(
    trx,
    advisoryId,
    documentsOf(snapshot, opts.config.release.cna, await instanceKeyFingerprint(trx)),
    now,
  )
  const all = (
    await trx
      .selectFrom('advisories')
      .select('snapshot')
      .where('state', '=', 'published')
      .orderBy('released_at', 'desc')
      .execute()
  ).map((r) => r.snapshot as AdvisorySnapshot)
  await writeDocuments(trx, null, feedsOf(all, opts.config.publicUrl, snapshot.publisher.name, now), now)
}

/** Cases under an embargo in force whose advisory is not yet out. */
export const unreleasedEmbargoes = (db: Db) =>
  db
    .selectFrom('cases')
    .leftJoin('advisories', 'advisories.case_id', 'cases.id')
    .select('cases.id')
    .where('cases.em_state', 'in', ['active', 'revise'])
    .where('cases.handed_over_at', 'is', null)
    .where((eb) => eb.or([eb('advisories.state', 'is', null), eb('advisories.state', '=', 'draft')]))

/** Every case whose embargo has reached its end and whose advisory is not yet out. */
export async function dueReleases(db: Db, now: Date): Promise<string[]> {
  const rows = await unreleasedEmbargoes(db)
    .where('cases.embargo_ends_at', '<=', now)
    .orderBy('cases.embargo_ends_at')
    .execute()
  return rows.map((r) => r.id)
}

/** The cases whose embargo ends after `now` and by `until`, with their instants: the releases to prepare. */
export async function upcomingReleases(db: Db, now: Date, until: Date): Promise<{ id: string; endsAt: Date }[]> {
  const rows = await unreleasedEmbargoes(db)
    .select('cases.embargo_ends_at')
    .where('cases.embargo_ends_at', '>', now)
    .where('cases.embargo_ends_at', '<=', until)
    .orderBy('cases.embargo_ends_at')
    .execute()
  return rows.flatMap((r) => (r.embargo_ends_at ? [{ id: r.id, endsAt: new Date(r.embargo_ends_at) }] : []))
}

/** The next embargo end still to come, to arm a timer for it. */
export async function nextReleaseAt(db: Db, now: Date): Promise<Date | null> {
  const row = await db
    .selectFrom('cases')
    .select((eb) => eb.fn.min('embargo_ends_at').as('at'))
    .where('em_state', 'in', ['active', 'revise'])
    .where('handed_over_at', 'is', null)
    .where('embargo_ends_at', '>', now)
    .executeTakeFirst()
  return row?.at ? new Date(row.at as unknown as string) : null
}
