// The advisory draft of a case: written by the coordinator from what the case knows (title,
// summary, descriptions, impact, the fixes vendors stated, the finder's credit), versioned on each
// save with a note, shown to the case's parties for review, commented on by them, and compared
// version to version. Everything else an advisory says (vulnerabilities, CVSS, CWE, CVE IDs,
// statements) is taken from the case itself at release. Each command loads the case for its
// caller and asks the policy (rules/release.ts) about the advisory.
import type { Actor } from '../../domain/actor.js'
import { actorUserId } from '../../domain/actor.js'
import { ConflictError, NotFoundError, ValidationError, type FieldProblem } from '../../domain/errors.js'
import { diffLines } from '../../domain/textDiff.js'
import { authorize, can, type Resources } from '../../domain/policy/index.js'
import { nextCounter } from '../../store/counters.js'
import type { Db } from '../../store/db.js'
import { inTransaction } from '../../store/db.js'
import { appendLedger, ledgerActorOf } from '../../store/ledger.js'
import type { AdvisoryDraft } from '../../store/schema.js'
import { loadCaseFor } from '../cases/caseAccess.js'
import { speakerFor } from '../embargo/embargoParties.js'
import { advisoryColumns } from '../../store/columns.js'

/** The advisory as the policy sees it: not started (no row yet), draft or published. */
export const advisoryResource = (
  caseResource: Resources['case'],
  a: { state: 'draft' | 'published' } | undefined,
): Resources['advisory'] => ({ type: 'advisory', case: caseResource, state: a?.state ?? 'unstarted' })

async function findAdvisory(trx: Db, caseId: string) {
  return trx.selectFrom('advisories').select(advisoryColumns).where('case_id', '=', caseId).executeTakeFirst()
}

/** What the case already says, as a first draft. */
async function firstDraft(trx: Db, caseId: string): Promise<AdvisoryDraft> {
  const c = await trx
    .selectFrom('cases')
    .select(['title', 'summary'])
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow()
  const vulnerabilities = await trx
    .selectFrom('vulnerabilities')
    .select(['title', 'description'])
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .execute()
  const reports = await trx
    .selectFrom('reports')
    .select(['impact', 'credit'])
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .execute()
  const fixed = await trx
    .selectFrom('vendor_statements as s')
    .innerJoin('participants as p', 'p.id', 's.participant_id')
    .leftJoin('organizations as o', 'o.id', 'p.organization_id')
    .select(['o.name', 's.fixed_versions'])
    .where('s.case_id', '=', caseId)
    .where('s.status', '=', 'fixed')
    .where('s.approved_at', 'is not', null)
    .execute()
  const fixes = fixed
    .filter((f) => f.fixed_versions.length)
    .map((f) => `${f.name ?? 'A vendor'}: ${f.fixed_versions.join(', ')}`)
  return {
    title: c.title,
    // Never empty: an advisory says in a line what it is about.
    overview: c.summary.trim() || vulnerabilities.map((v) => v.title).join('; ') || c.title,
    description: vulnerabilities
      .map((v) => (vulnerabilities.length > 1 ? `${v.title}\n\n${v.description}` : v.description))
      .join('\n\n'),
    impact: reports
      .map((r) => r.impact ?? '')
      .filter(Boolean)
      .join('\n\n'),
    solution: fixes.length
      ? `Apply the update from your vendor. Fixed versions:\n${fixes.map((f) => `- ${f}`).join('\n')}`
      : 'Apply the update from your vendor; see the vendor statements below.',
    references: [],
    credits: reports.flatMap((r) =>
      r.credit.preference !== 'anonymous' && r.credit.preference !== 'none' && r.credit.text
        ? [{ name: r.credit.text, contribution: 'found and reported the flaw' }]
        : [],
    ),
  }
}

/**
 * The case's advisory, created (with its public ID and a first draft) on first use. `first` is a
 * first draft from elsewhere (a case taken over from a peer, with its draft there) instead of the
 * one made from what the case says.
 */
export async function ensureAdvisory(
  trx: Db,
  caseId: string,
  authorLabel: string,
  now = new Date(),
  first?: { draft: AdvisoryDraft; note: string },
) {
  const existing = await findAdvisory(trx, caseId)
  if (existing) return existing
  // Two coordinators opening the advisory tab at once would both create it (and one would fail on
  // the unique case): the case's row, locked as the ledger locks it, lets the first create it and
  // the second find it.
  await trx.selectFrom('cases').select('id').where('id', '=', caseId).forNoKeyUpdate().execute()
  const createdMeanwhile = await findAdvisory(trx, caseId)
  if (createdMeanwhile) return createdMeanwhile
  const year = now.getUTCFullYear()
  const publicId = `LSA-${year}-${String(await nextCounter(trx, `advisory-${year}`)).padStart(4, '0')}`
  const draft = first?.draft ?? (await firstDraft(trx, caseId))
  const created = await trx
    .insertInto('advisories')
    .values({ case_id: caseId, public_id: publicId, draft: JSON.stringify(draft), created_at: now, updated_at: now })
    .returning(advisoryColumns)
    .executeTakeFirstOrThrow()
  await trx
    .insertInto('advisory_draft_versions')
    .values({
      advisory_id: created.id,
      version: 1,
      content: JSON.stringify(draft),
      author_label: authorLabel,
      note: first?.note ?? 'First draft, from the case',
      created_at: now,
    })
    .execute()
  return created
}

/** The advisory with its versions and comments; the coordinator's first look starts the draft. */
export async function readAdvisory(db: Db, actor: Actor, caseRef: string) {
  return inTransaction(db, async (trx) => {
    const { row, resource: caseResource } = await loadCaseFor(trx, actor, caseRef, 'read')
    const existing = await findAdvisory(trx, row.id)
    const advisory =
      existing ??
      (can(actor, 'start', advisoryResource(caseResource, undefined))
        ? await ensureAdvisory(trx, row.id, (await ledgerActorOf(trx, actor)).displayName)
        : undefined)
    const resource = advisoryResource(caseResource, advisory)
    // The parties learn of the advisory once the coordinator started it: until then, not found.
    authorize(actor, 'read', resource)
    return { caseId: row.id, resource, ...(await draftHistory(trx, advisory!)) }
  })
}

async function draftHistory<A extends { id: string }>(db: Db, advisory: A) {
  const versions = await db
    .selectFrom('advisory_draft_versions')
    .select(['version', 'author_label', 'note', 'created_at'])
    .where('advisory_id', '=', advisory.id)
    .orderBy('version', 'desc')
    .execute()
  const comments = await db
    .selectFrom('advisory_comments')
    .select(['id', 'version', 'author_label', 'body', 'created_at'])
    .where('advisory_id', '=', advisory.id)
    .orderBy('created_at')
    .execute()
  return { advisory, versions, comments }
}

const isUrl = (s: string) => {
  try {
    return ['http:', 'https:'].includes(new URL(s).protocol)
  } catch {
    return false
  }
}

/** Checks a draft field by field. */
export function draftProblems(d: AdvisoryDraft): FieldProblem[] {
  const problems: FieldProblem[] = []
  if (!d.title.trim()) problems.push({ field: 'title', message: 'is empty: an advisory needs a title' })
  if (!d.overview.trim())
    problems.push({ field: 'overview', message: 'is empty: say in a sentence or two what is affected and what to do' })
  d.references.forEach((r, i) => {
    if (!isUrl(r.url)) problems.push({ field: `references.${i}.url`, message: 'is not an http(s) URL' })
  })
  d.credits.forEach((c, i) => {
    if (!c.name.trim()) problems.push({ field: `credits.${i}.name`, message: 'is empty' })
  })
  return problems
}

export async function saveDraft(
  db: Db,
  actor: Actor,
  caseRef: string,
  input: { draft: AdvisoryDraft; note?: string | undefined; basedOn?: number | undefined },
  now = new Date(),
) {
  return inTransaction(db, async (trx) => {
    const { row, resource: caseResource } = await loadCaseFor(trx, actor, caseRef, 'read')
    const caseId = row.id
    authorize(actor, 'edit', advisoryResource(caseResource, await findAdvisory(trx, caseId)))
    const problems = draftProblems(input.draft)
    if (problems.length) throw new ValidationError(problems)
    const who = await ledgerActorOf(trx, actor)
    const a = await ensureAdvisory(trx, caseId, who.displayName, now)
    const locked = await trx
      .selectFrom('advisories')
      .select(advisoryColumns)
      .where('id', '=', a.id)
      .forUpdate()
      .executeTakeFirstOrThrow()
    if (input.basedOn !== undefined && input.basedOn !== locked.draft_version) {
      throw new ConflictError(
        `The draft changed meanwhile (now version ${locked.draft_version}, yours was based on ${input.basedOn}): reload it and apply your changes again.`,
      )
    }
    const version = locked.draft_version + 1
    await trx
      .updateTable('advisories')
      .set({ draft: JSON.stringify(input.draft), draft_version: version, updated_at: now })
      .where('id', '=', a.id)
      .execute()
    await trx
      .insertInto('advisory_draft_versions')
      .values({
        advisory_id: a.id,
        version,
        content: JSON.stringify(input.draft),
        author_user_id: actorUserId(actor),
        author_label: who.displayName,
        note: input.note?.trim() || null,
        created_at: now,
      })
      .execute()
    await appendLedger(
      trx,
      caseId,
      who,
      'advisory.draft_saved',
      { advisory: locked.public_id, version, note: input.note?.trim() || null },
      now,
    )
    return version
  })
}

/** The draft as one text, section by section, for comparing versions. */
export function draftAsText(d: AdvisoryDraft): string {
  return [
    `Title: ${d.title}`,
    '',
    'Overview',
    d.overview,
    '',
    'Description',
    d.description,
    '',
    'Impact',
    d.impact,
    '',
    'Solution',
    d.solution,
    '',
    'References',
    ...d.references.map((r) => `- ${r.url}${r.summary ? ` (${r.summary})` : ''}`),
    '',
    'Credits',
    ...d.credits.map((c) => `- ${c.name}${c.contribution ? `: ${c.contribution}` : ''}`),
  ].join('\n')
}

export async function diffDraftVersions(db: Db, actor: Actor, caseRef: string, from: number, to: number) {
  const { row, resource: caseResource } = await loadCaseFor(db, actor, caseRef, 'read')
  const a = await findAdvisory(db, row.id)
  if (!a) throw new NotFoundError('advisory')
  authorize(actor, 'read', advisoryResource(caseResource, a))
  const rows = await db
    .selectFrom('advisory_draft_versions')
    .select(['version', 'content'])
    .where('advisory_id', '=', a.id)
    .where('version', 'in', [from, to])
    .execute()
  const before = rows.find((r) => r.version === from)
  const after = rows.find((r) => r.version === to)
  if (!before || !after) throw new NotFoundError('version')
  return diffLines(draftAsText(before.content), draftAsText(after.content))
}

/** A party comments on the draft, on the version it read. */
export async function commentOnDraft(
  db: Db,
  actor: Actor,
  caseRef: string,
  input: { body: string; participantId?: string | undefined },
  now = new Date(),
) {
  return inTransaction(db, async (trx) => {
    const { row: c, resource: caseResource } = await loadCaseFor(trx, actor, caseRef, 'read')
    const caseId = c.id
    if (!input.body.trim()) throw new ValidationError({ field: 'body', message: 'is empty' })
    const a = await findAdvisory(trx, caseId)
    if (!a) throw new NotFoundError('advisory')
    const resource = advisoryResource(caseResource, a)
    authorize(actor, 'comment', resource)
    const who = await ledgerActorOf(trx, actor)
    // A party comments in its own name; the coordinator may also comment as themself.
    const speaker =
      input.participantId === undefined && can(actor, 'comment_as_coordinator', resource)
        ? null
        : await speakerFor(trx, actor, caseId, caseResource, input.participantId)
    const label = speaker ? `${who.displayName} (${speaker.name})` : who.displayName
    const row = await trx
      .insertInto('advisory_comments')
      .values({
        advisory_id: a.id,
        version: a.draft_version,
        participant_id: speaker?.id ?? null,
        author_user_id: actorUserId(actor),
        author_label: label,
        body: input.body.trim(),
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await appendLedger(
      trx,
      caseId,
      who,
      'advisory.commented',
      { advisory: a.public_id, version: a.draft_version, by: label },
      now,
    )
    return row
  })
}
