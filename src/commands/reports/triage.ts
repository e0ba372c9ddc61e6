// Triage by the coordinator staff: the queue, assignment, report-management transitions (through
// the RM table, refused with 409 naming what is allowed) and scoring (CVSS, CWE, SSVC). Every
// change is recorded in the report's history in the same transaction.
import type { Actor } from '../../domain/actor.js'
import { actorUserId } from '../../domain/actor.js'
import { NotFoundError, ValidationError, type FieldProblem } from '../../domain/errors.js'
import { authorize, can, type Resources } from '../../domain/policy/index.js'
import type { RmEvent } from '../../domain/reportManagement.js'
import type { ReportEventKind } from '../../domain/eventKinds.js'
import { scoreCvss } from '../../domain/cvss.js'
import { decideTriage } from '../../domain/ssvc.js'
import { LIKELY_DUPLICATE, sameProduct, textSimilarity } from '../../domain/similarity.js'
import type { Db } from '../../store/db.js'
import { inTransaction, isUuid } from '../../store/db.js'
import type { ReportRow, ReportState } from '../../store/schema.js'
import { moveReportRm } from '../transitions/reportRm.js'
import { reportColumns } from '../../store/columns.js'

export const reportResource = (r: ReportRow): Resources['report'] => ({
  type: 'report',
  reporterUserId: r.reporter_user_id,
})

export async function loadReport(
  db: Db,
  actor: Actor,
  id: string,
  action: 'read' | 'triage' | 'send_to_peer',
  forUpdate = false,
): Promise<ReportRow> {
  let q = db
    .selectFrom('reports')
    .select(reportColumns)
    .where('id', '=', isUuid(id) ? id : '00000000-0000-0000-0000-000000000000')
  if (forUpdate) q = q.forUpdate()
  const report = await q.executeTakeFirst()
  if (!report) throw new NotFoundError('report')
  authorize(actor, action, reportResource(report))
  return report
}

export async function recordEvent(
  db: Db,
  reportId: string,
  actor: Actor,
  kind: ReportEventKind,
  payload: object,
): Promise<void> {
  await db
    .insertInto('report_events')
    .values({
      report_id: reportId,
      actor_id: actorUserId(actor),
      kind,
      payload: JSON.stringify(payload),
    })
    .execute()
}

export interface TriageFilter {
  view: 'new' | 'mine' | 'unassigned' | 'all'
  state?: ReportState | undefined
  sort: 'oldest' | 'newest' | 'score'
  limit: number
  offset: number
}

/** The queue: new reports oldest first by default, as a coordinator works through them. */
export async function listReportsForTriage(db: Db, actor: Actor, f: TriageFilter) {
  authorize(actor, 'list_reports', { type: 'instance' })
  let q = db.selectFrom('reports')
  if (f.view === 'new') q = q.where('state', '=', 'received')
  if (f.view === 'mine') q = q.where('assigned_to', '=', actorUserId(actor))
  if (f.view === 'unassigned') q = q.where('assigned_to', 'is', null)
  if (f.state) q = q.where('state', '=', f.state)
  const ordered =
    f.sort === 'score'
      ? q.orderBy((eb) => eb.fn.coalesce('cvss_score', eb.val(-1)), 'desc').orderBy('created_at', 'asc')
      : q.orderBy('created_at', f.sort === 'oldest' ? 'asc' : 'desc')
  const [rows, total] = await Promise.all([
    ordered.select(reportColumns).limit(f.limit).offset(f.offset).execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(total.n) }
}

export async function transitionReport(
  db: Db,
  actor: Actor,
  id: string,
  event: RmEvent,
  reason: string | undefined,
): Promise<ReportRow> {
  if ((event === 'invalidate' || event === 'defer') && !reason?.trim()) {
    throw new ValidationError({
      field: 'reason',
      message: `is required to ${event} a report (the reporter may read it)`,
    })
  }
  return inTransaction(db, async (trx) => {
    const report = await loadReport(trx, actor, id, 'triage', true)
    return moveReportRm(trx, report, event, { in: 'report', actor, reason: reason?.trim() || null })
  })
}

export async function assignReport(db: Db, actor: Actor, id: string, userId: string | null): Promise<ReportRow> {
  return inTransaction(db, async (trx) => {
    const report = await loadReport(trx, actor, id, 'triage', true)
    if (userId !== null) {
      const assignee = isUuid(userId)
        ? await trx
            .selectFrom('users')
            .select(['id', 'instance_role', 'disabled_at'])
            .where('id', '=', userId)
            .executeTakeFirst()
        : undefined
      // Only to an active member of the staff (the policy's report_assignee rule); anyone else is a wrong value.
      const resource = assignee && {
        type: 'report_assignee' as const,
        instanceRole: assignee.instance_role,
        disabled: assignee.disabled_at !== null,
      }
      if (!resource || !can(actor, 'assign', resource)) {
        throw new ValidationError({ field: 'userId', message: 'must be an active member of the coordinator staff' })
      }
    }
    const updated = await trx
      .updateTable('reports')
      .set({ assigned_to: userId, updated_at: new Date() })
      .where('id', '=', report.id)
      .returning(reportColumns)
      .executeTakeFirstOrThrow()
    await recordEvent(trx, report.id, actor, 'report.assigned', { from: report.assigned_to, to: userId })
    return updated
  })
}

export interface ScoresInput {
  cvss?: string | null | undefined
  cwe?: string | null | undefined
  ssvc?: unknown
}

/** Sets any of CVSS, CWE and the SSVC triage inputs; the scores and the decision are computed here. */
export async function scoreReport(db: Db, actor: Actor, id: string, input: ScoresInput): Promise<ReportRow> {
  const problems: FieldProblem[] = []
  const set: { cvss_vector?: string | null; cvss_score?: number | null; cwe?: string | null; ssvc?: string | null } = {}
  if (input.cvss !== undefined) {
    if (input.cvss === null || input.cvss === '') Object.assign(set, { cvss_vector: null, cvss_score: null })
    else {
      const scored = scoreCvss(input.cvss)
      if (scored.ok) Object.assign(set, { cvss_vector: scored.vector, cvss_score: scored.baseScore })
      else problems.push(scored.error)
    }
  }
  if (input.cwe !== undefined) {
    if (input.cwe === null || input.cwe === '') set.cwe = null
    else if (/^CWE-\d{1,5}$/.test(input.cwe)) set.cwe = input.cwe
    else problems.push({ field: 'cwe', message: 'must look like CWE-120' })
  }
  if (input.ssvc !== undefined) {
    if (input.ssvc === null) set.ssvc = null
    else {
      const decided = decideTriage(input.ssvc)
      if (decided.ok) set.ssvc = JSON.stringify(decided.decision)
      else problems.push(...decided.errors)
    }
  }
  if (problems.length) throw new ValidationError(problems)
  return inTransaction(db, async (trx) => {
    const report = await loadReport(trx, actor, id, 'triage', true)
    const updated = await trx
      .updateTable('reports')
      .set({ ...set, updated_at: new Date() })
      .where('id', '=', report.id)
      .returning(reportColumns)
      .executeTakeFirstOrThrow()
    await recordEvent(trx, report.id, actor, 'report.scored', {
      cvss: updated.cvss_vector,
      cwe: updated.cwe,
      ssvc: updated.ssvc,
    })
    return updated
  })
}

export function reportHistory(db: Db, reportId: string) {
  return db
    .selectFrom('report_events')
    .leftJoin('users', 'users.id', 'report_events.actor_id')
    .select([
      'report_events.id',
      'report_events.at',
      'report_events.kind',
      'report_events.payload',
      'users.name as actor_name',
    ])
    .where('report_id', '=', reportId)
    .orderBy('report_events.id')
    .execute()
}

/**
 * Likely duplicates of a report, for the coordinator to merge: open reports that name one of the
 * same products, ranked by how much their text overlaps (see domain/similarity.ts).
 */
export async function similarReports(db: Db, actor: Actor, id: string) {
  const report = await loadReport(db, actor, id, 'triage')
  const candidates = await db
    .selectFrom('reports')
    .leftJoin('cases', 'cases.id', 'reports.case_id')
    .select([
      'reports.id',
      'reports.tracking_id',
      'reports.title',
      'reports.description',
      'reports.state',
      'reports.affected',
      'cases.case_number',
    ])
    .where('reports.id', '!=', report.id)
    .where('reports.state', 'not in', ['invalid', 'closed'])
    .orderBy('reports.created_at', 'desc')
    .limit(1000)
    .execute()
  const text = `${report.title} ${report.description}`
  return candidates
    .map((c) => ({
      ...c,
      sharedProducts: c.affected.filter((a) => report.affected.some((b) => sameProduct(a, b))).map((a) => a.product),
      similarity: textSimilarity(text, `${c.title} ${c.description}`),
    }))
    .filter((c) => c.sharedProducts.length > 0 && c.similarity >= LIKELY_DUPLICATE)
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, 10)
}
