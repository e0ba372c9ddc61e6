// A case's release readiness: before the embargo ends, what the advisory would leave out or get
// wrong if it were released now. Statements not approved (the advisory publishes only approved
// ones, so an unapproved "fixed" would be missing), vendors with no statement, vulnerabilities
// without CVE ID or score, a draft nobody reviewed, and how many owners' assets match. Each item
// says what to do; the coordinator approves it (the existing approval) or leaves it out on
// purpose with a reason (transitions/releaseLeaveOut.ts), which the ledger records. Beside the
// items, the statements approved on the peer instances sharing the case that the advisory would
// carry now, or why one would not be (federation: no decision here, they were approved there).
//
// A draft counts as reviewed when a staff member other than the author of the current version
// commented on that version in their own name (only the staff may: the policy's
// comment_as_coordinator). A review of an earlier version means the draft changed since.
import type { Actor } from '../../domain/actor.js'
import { actorUserId } from '../../domain/actor.js'
import { NotFoundError, ValidationError } from '../../domain/errors.js'
import { authorize } from '../../domain/policy/index.js'
import type { Db } from '../../store/db.js'
import { inTransaction } from '../../store/db.js'
import { ledgerActorOf } from '../../store/ledger.js'
import { loadCaseFor } from '../cases/caseAccess.js'
import { affectedInstalls } from '../owners/affectedInstalls.js'
import { placedPeerStatements } from '../federation/peerStatements.js'
import { leaveOutOfRelease } from '../transitions/releaseLeaveOut.js'
import { statementRows } from '../vendors/statements.js'
import { advisoryResource } from './drafts.js'
import { productOf } from './snapshot.js'

export type ReadinessKind = 'statement' | 'vendor' | 'cve' | 'score' | 'draft'

export interface ReadinessItem {
  /** What the leave-out names: "statement:<id>", "vendor:<participant>", "cve:<vulnerability>", "score:…", "draft:<version>". */
  key: string
  kind: ReadinessKind
  /** What is missing, in a sentence. */
  what: string
  /** What to do about it. */
  todo: string
  vendor: string | null
  statementId: string | null
  status: string | null
  givenAt: Date | null
  /** The statement came after the draft's last review (or no one reviewed it yet). */
  givenAfterReview: boolean
  /** An older approved statement the advisory shows until this one is approved. */
  publishedInstead: string | null
  vulnerability: string | null
  leftOut: { reason: string; by: string; at: Date } | null
}

/** A peer's vendor's statement as the release would take it now. */
export interface PeerStatementReadiness {
  /** The coordinator that approved it ("CERT-B"), where the vendor takes part. */
  via: { name: string; url: string }
  vendor: string
  vulnerability: string
  status: string
  approvedAt: Date
  receivedAt: Date
  /** Why the advisory would not carry it (null: it would). */
  leftOut: string | null
}

export interface Readiness {
  caseId: string
  endsAt: Date | null
  released: boolean
  draftVersion: number | null
  lastReview: { version: number; by: string; at: Date } | null
  items: ReadinessItem[]
  /** Items neither approved nor left out: what the release would leave out without a decision. */
  open: number
  owners: { organizations: number; assets: number }
  fromPeers: PeerStatementReadiness[]
}

const statusWords: Record<string, string> = {
  affected: 'affected',
  not_affected: 'not affected',
  fixed: 'fixed',
  under_investigation: 'still investigating',
}
export const statusInWords = (s: string) => statusWords[s] ?? s

async function lastReviewOf(db: Db, advisoryId: string) {
  // A comment in one's own name (no party) on a version someone else wrote.
  return db
    .selectFrom('advisory_comments as c')
    .innerJoin('advisory_draft_versions as v', (j) =>
      j.onRef('v.advisory_id', '=', 'c.advisory_id').onRef('v.version', '=', 'c.version'),
    )
    .select(['c.version', 'c.author_label', 'c.created_at'])
    .where('c.advisory_id', '=', advisoryId)
    .where('c.participant_id', 'is', null)
    .where('c.author_user_id', 'is not', null)
    .where((eb) =>
      eb.or([eb('v.author_user_id', 'is', null), eb('v.author_user_id', '!=', eb.ref('c.author_user_id'))]),
    )
    .orderBy('c.created_at', 'desc')
    .executeTakeFirst()
}

async function statementItems(db: Db, caseId: string, reviewedAt: Date | null): Promise<ReadinessItem[]> {
  const rows = await statementRows(db)
    .select(['s.id', 's.participant_id', 's.vulnerability_id', 's.status', 's.created_at', 's.approved_at'])
    .select(['v.title as vulnerability'])
    .select((eb) => eb.fn.coalesce('o.name', 'u.name').$castTo<string>().as('vendor'))
    .where('s.case_id', '=', caseId)
    .where('p.removed_at', 'is', null)
    .orderBy('s.created_at', 'desc')
    .orderBy('s.id')
    .execute()
  const newest = new Map<string, (typeof rows)[number]>()
  const approvedEarlier = new Map<string, string>()
  for (const r of rows) {
    const key = `${r.participant_id}|${r.vulnerability_id}`
    if (!newest.has(key)) newest.set(key, r)
    else if (r.approved_at && !approvedEarlier.has(key)) approvedEarlier.set(key, r.status)
  }
  return [...newest.entries()]
    .filter(([, r]) => !r.approved_at)
    .map(([key, r]) => {
      const earlier = approvedEarlier.get(key) ?? null
      return {
        key: `statement:${r.id}`,
        kind: 'statement' as const,
        what: `${r.vendor}’s statement “${statusInWords(r.status)}” on “${r.vulnerability}” is not approved.`,
        todo: earlier
          ? `Approve it, or leave it out: until then the advisory shows ${r.vendor}’s earlier statement, “${statusInWords(earlier)}”.`
          : `Approve it for publication, or leave it out: unapproved, ${r.vendor} is not in the advisory.`,
        vendor: r.vendor,
        statementId: r.id,
        status: r.status,
        givenAt: r.created_at,
        givenAfterReview: !reviewedAt || r.created_at.getTime() > reviewedAt.getTime(),
        publishedInstead: earlier,
        vulnerability: r.vulnerability,
        leftOut: null,
      }
    })
    .sort((a, b) => a.vendor.localeCompare(b.vendor) || a.key.localeCompare(b.key))
}

const bare = {
  vendor: null,
  statementId: null,
  status: null,
  givenAt: null,
  givenAfterReview: false,
  publishedInstead: null,
  vulnerability: null,
  leftOut: null,
}

async function silentVendorItems(db: Db, caseId: string): Promise<ReadinessItem[]> {
  const rows = await db
    .selectFrom('participants as p')
    .leftJoin('organizations as o', 'o.id', 'p.organization_id')
    .leftJoin('users as u', 'u.id', 'p.user_id')
    .select(['p.id'])
    .select((eb) => eb.fn.coalesce('o.name', 'u.name').$castTo<string>().as('vendor'))
    .where('p.case_id', '=', caseId)
    .where('p.removed_at', 'is', null)
    .where(({ eb, fn }) => eb(eb.val('vendor'), '=', fn.any('p.roles')))
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('vendor_statements as s').select('s.id').whereRef('s.participant_id', '=', 'p.id'))),
    )
    .orderBy('vendor')
    .execute()
  return rows.map((r) => ({
    ...bare,
    key: `vendor:${r.id}`,
    kind: 'vendor' as const,
    what: `${r.vendor} has given no statement.`,
    todo: `Ask ${r.vendor} in its thread, or leave it out: the advisory will not name it.`,
    vendor: r.vendor,
  }))
}

async function vulnerabilityItems(db: Db, caseId: string): Promise<ReadinessItem[]> {
  const rows = await db
    .selectFrom('vulnerabilities')
    .select(['id', 'title', 'cve_id', 'cvss_score'])
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .execute()
  return rows.flatMap((v) => [
    ...(v.cve_id
      ? []
      : [
          {
            ...bare,
            key: `cve:${v.id}`,
            kind: 'cve' as const,
            what: `“${v.title}” has no CVE ID.`,
            todo: 'Assign a CVE ID below, or leave it out: the advisory is published without one.',
            vulnerability: v.title,
          },
        ]),
    ...(v.cvss_score !== null
      ? []
      : [
          {
            ...bare,
            key: `score:${v.id}`,
            kind: 'score' as const,
            what: `“${v.title}” has no CVSS score.`,
            todo: 'Score it on the summary tab, or leave it out: the advisory gives no severity.',
            vulnerability: v.title,
          },
        ]),
  ])
}

/** How many owners' assets the case's affected products match now (what the release will alert). */
async function ownersMatched(db: Db, caseId: string) {
  const vulns = await db.selectFrom('vulnerabilities').select('affected').where('case_id', '=', caseId).execute()
  const products = vulns.flatMap((v) =>
    v.affected.map((a) => ({ purl: productOf(a.purl), range: a.range ?? null, fixedVersions: [] as string[] })),
  )
  const found = await affectedInstalls(db, products)
  return {
    organizations: new Set(found.map((f) => f.install.organizationId)).size,
    assets: new Set(found.map((f) => f.install.assetId)).size,
  }
}

/** The checklist of a case, for whoever the caller checked may read it (the staff, or the scheduler). */
export async function releaseChecklist(db: Db, caseId: string, o: { owners?: boolean } = {}): Promise<Readiness> {
  const c = await db
    .selectFrom('cases')
    .select(['embargo_ends_at', 'em_state'])
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow()
  const a = await db
    .selectFrom('advisories')
    .select(['id', 'draft_version', 'state'])
    .where('case_id', '=', caseId)
    .executeTakeFirst()
  const review = a ? await lastReviewOf(db, a.id) : undefined
  const lastReview = review ? { version: review.version, by: review.author_label, at: review.created_at } : null
  const items: ReadinessItem[] = [
    ...(await statementItems(db, caseId, lastReview?.at ?? null)),
    ...(await silentVendorItems(db, caseId)),
    ...(await vulnerabilityItems(db, caseId)),
  ]
  if (a && lastReview?.version !== a.draft_version)
    items.push({
      ...bare,
      key: `draft:${a.draft_version}`,
      kind: 'draft',
      what: lastReview
        ? `The draft changed since ${lastReview.by} reviewed version ${lastReview.version}: version ${a.draft_version} is not reviewed.`
        : `No one but its author has reviewed the draft (version ${a.draft_version}).`,
      todo: 'Ask another coordinator to read it and comment, or leave it out to release it as it is.',
    })
  const decisions = await db
    .selectFrom('release_leave_outs')
    .select(['item', 'reason', 'decided_by_label', 'decided_at'])
    .where('case_id', '=', caseId)
    .execute()
  const byItem = new Map(decisions.map((d) => [d.item, d]))
  for (const item of items) {
    const d = byItem.get(item.key)
    if (d) item.leftOut = { reason: d.reason, by: d.decided_by_label, at: d.decided_at }
  }
  return {
    caseId,
    endsAt: c.em_state === 'active' || c.em_state === 'revise' ? c.embargo_ends_at : null,
    released: a?.state === 'published',
    draftVersion: a?.draft_version ?? null,
    lastReview,
    items,
    open: items.filter((i) => !i.leftOut).length,
    owners: o.owners === false ? { organizations: 0, assets: 0 } : await ownersMatched(db, caseId),
    fromPeers: (await placedPeerStatements(db, caseId, new Date())).map((p) => ({
      via: p.statement.origin,
      vendor: p.statement.vendor,
      vulnerability: p.statement.vulnerability.title,
      status: p.statement.status,
      approvedAt: p.statement.approvedAt,
      receivedAt: p.statement.receivedAt,
      leftOut: p.leftOut,
    })),
  }
}

async function readinessResource(db: Db, actor: Actor, caseRef: string) {
  const { row, resource } = await loadCaseFor(db, actor, caseRef, 'read')
  const a = await db.selectFrom('advisories').select('state').where('case_id', '=', row.id).executeTakeFirst()
  return { caseId: row.id, advisory: advisoryResource(resource, a) }
}

/** The checklist as the coordinator reads it (the policy's advisory.read_readiness). */
export async function readReadiness(db: Db, actor: Actor, caseRef: string): Promise<Readiness> {
  const { caseId, advisory } = await readinessResource(db, actor, caseRef)
  authorize(actor, 'read_readiness', advisory)
  return releaseChecklist(db, caseId)
}

/** The coordinator leaves one open item out of the release on purpose, with a reason. */
export async function leaveOut(
  db: Db,
  actor: Actor,
  caseRef: string,
  input: { item: string; reason: string },
  now = new Date(),
): Promise<Readiness> {
  await inTransaction(db, async (trx) => {
    const { caseId, advisory } = await readinessResource(trx, actor, caseRef)
    authorize(actor, 'leave_out', advisory)
    const reason = input.reason.trim()
    if (!reason) throw new ValidationError({ field: 'reason', message: 'is required: say why it is left out' })
    const item = (await releaseChecklist(trx, caseId)).items.find((i) => i.key === input.item)
    if (!item) throw new NotFoundError('checklist item')
    if (item.leftOut) return
    await leaveOutOfRelease(trx, {
      caseId,
      item: { key: item.key, what: item.what, vendor: item.vendor, vulnerability: item.vulnerability },
      reason,
      who: await ledgerActorOf(trx, actor),
      userId: actorUserId(actor),
      at: now,
    })
  })
  return readReadiness(db, actor, caseRef)
}
