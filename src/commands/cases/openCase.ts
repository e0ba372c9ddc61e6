// Opening a case from one or more reports (duplicates merge into one case): the reports are
// accepted (RM V→A where still valid), the case gets its LS-YYYY-NNNN number, a first
// vulnerability drafted from the first report, the coordinator and any finder with an account as
// participants; every step goes into the case's ledger in the same transaction.
import type { Actor } from '../../domain/actor.js'
import { actorUserId } from '../../domain/actor.js'
import { ConflictError, ValidationError } from '../../domain/errors.js'
import { authorize } from '../../domain/policy/index.js'
import { initialRmState, rmRefusalMessage, transition } from '../../domain/reportManagement.js'
import type { TlpLabel } from '../../domain/tlp.js'
import { nextCounter } from '../../store/counters.js'
import type { Db } from '../../store/db.js'
import { inTransaction, isUuid } from '../../store/db.js'
import { appendLedger, ledgerActorOf } from '../../store/ledger.js'
import { notifyParticipantAdded } from '../notifications.js'
import type { CaseRow, ReportRow } from '../../store/schema.js'
import type { LedgerActor } from '../../domain/ledger.js'
import { moveReportRm } from '../transitions/reportRm.js'
import { insertParticipant } from '../transitions/participantRm.js'
import { caseColumns, reportColumns } from '../../store/columns.js'

/** A report joins a case once, and only after it was validated. */
export function assertCanJoinCase(r: ReportRow): void {
  if (r.case_id) throw new ConflictError(`Report ${r.tracking_id} is already in a case.`)
  if (r.state !== 'valid' && r.state !== 'accepted') {
    const refusal = transition(r.state, 'accept')
    throw new ConflictError(
      `Report ${r.tracking_id} cannot join a case: ${refusal.ok ? '' : rmRefusalMessage(refusal.error)}`,
    )
  }
}

/** Accepts a valid report (RM V→A) and links it to the case, both in the case's ledger. */
export async function acceptIntoCase(
  trx: Db,
  caseId: string,
  who: LedgerActor,
  r: ReportRow,
  now: Date,
): Promise<void> {
  if (r.state === 'valid') await moveReportRm(trx, r, 'accept', { in: 'case', caseId, who }, now)
  await trx.updateTable('reports').set({ case_id: caseId }).where('id', '=', r.id).execute()
}

export interface OpenCaseProps {
  db: Db
  actor: Actor
  reportIds: string[]
  title: string
  summary?: string | undefined
  tlp?: TlpLabel | undefined
  now?: Date
}

export async function openCase(p: OpenCaseProps): Promise<CaseRow> {
  authorize(p.actor, 'open_case', { type: 'instance' })
  const now = p.now ?? new Date()
  return inTransaction(p.db, async (trx) => {
    const ids = p.reportIds.filter(isUuid)
    const reports = ids.length
      ? await trx
          .selectFrom('reports')
          .select(reportColumns)
          .where('id', 'in', ids)
          .orderBy('created_at')
          .forUpdate()
          .execute()
      : []
    const missing = p.reportIds.map((id, i) => ({ id, i })).filter(({ id }) => !reports.some((r) => r.id === id))
    if (missing.length)
      throw new ValidationError(missing.map(({ i }) => ({ field: `reportIds.${i}`, message: 'is not a report' })))
    for (const r of reports) assertCanJoinCase(r)

    const year = now.getUTCFullYear()
    const caseNumber = `LS-${year}-${String(await nextCounter(trx, `case-${year}`)).padStart(4, '0')}`
    const created = await trx
      .insertInto('cases')
      .values({
        case_number: caseNumber,
        title: p.title.trim(),
        summary: p.summary?.trim() ?? '',
        tlp: p.tlp ?? 'AMBER',
        created_by: actorUserId(p.actor),
        created_at: now,
      })
      .returning(caseColumns)
      .executeTakeFirstOrThrow()
    const who = await ledgerActorOf(trx, p.actor)
    await appendLedger(
      trx,
      created.id,
      who,
      'case.opened',
      { caseNumber, title: created.title, tlp: created.tlp, reports: reports.map((r) => r.tracking_id) },
      now,
    )

    for (const r of reports) await acceptIntoCase(trx, created.id, who, r, now)

    const first = reports[0]!
    const vulnerability = await trx
      .insertInto('vulnerabilities')
      .values({
        case_id: created.id,
        title: first.title,
        description: first.description,
        cwe: first.cwe,
        cvss_vector: first.cvss_vector,
        cvss_score: first.cvss_score === null ? null : Number(first.cvss_score),
        affected: JSON.stringify(first.affected),
      })
      .returning(['id', 'title'])
      .executeTakeFirstOrThrow()
    await appendLedger(
      trx,
      created.id,
      who,
      'vulnerability.added',
      { id: vulnerability.id, title: vulnerability.title },
      now,
    )

    const coordinatorUserId = await seatCoordinator(trx, created.id, p.actor, who, now)
    const finders = reports.flatMap((r) => (r.reporter_user_id ? [r] : []))
    for (const [i, r] of finders.entries()) {
      // Once each, and not again as the coordinator who reported it in person.
      if (finders.findIndex((f) => f.reporter_user_id === r.reporter_user_id) !== i) continue
      if (r.reporter_user_id === coordinatorUserId) continue
      const roles: 'finder'[] = ['finder']
      const label = r.reporter_name ?? 'the finder'
      const added = await insertParticipant(
        trx,
        { case_id: created.id, organization_id: null, user_id: r.reporter_user_id, roles, created_at: now },
        initialRmState(roles),
        {
          who,
          kind: 'participant.added',
          payload: (x) => ({ participant: label, participantId: x.id, roles }),
          at: now,
        },
      )
      await notifyParticipantAdded(trx, created.id, added.id, roles, who.displayName)
    }
    return trx.selectFrom('cases').select(caseColumns).where('id', '=', created.id).executeTakeFirstOrThrow()
  })
}

/**
 * The coordinator who opens a case takes part as their coordinating organization, or in person;
 * it coordinates, so it has accepted the report by opening the case (also a case shared by a peer).
 */
export async function seatCoordinator(
  trx: Db,
  caseId: string,
  actor: Actor,
  who: LedgerActor,
  now: Date,
): Promise<string | null> {
  const coordinatorOrg =
    actor.kind === 'user'
      ? await trx
          .selectFrom('memberships')
          .innerJoin('organizations', 'organizations.id', 'memberships.organization_id')
          .select(['organizations.id', 'organizations.name'])
          .where('memberships.user_id', '=', actor.userId)
          .where('organizations.kind', '=', 'coordinator')
          .orderBy('organizations.name')
          .executeTakeFirst()
      : undefined
  const seat = coordinatorOrg
    ? { organization_id: coordinatorOrg.id, user_id: null, label: coordinatorOrg.name }
    : actor.kind === 'user'
      ? { organization_id: null, user_id: actor.userId, label: who.displayName }
      : undefined
  if (!seat) return null
  const roles: 'coordinator'[] = ['coordinator']
  await insertParticipant(
    trx,
    { case_id: caseId, organization_id: seat.organization_id, user_id: seat.user_id, roles, created_at: now },
    'accepted',
    {
      who,
      kind: 'participant.added',
      payload: (x) => ({ participant: seat.label, participantId: x.id, roles }),
      at: now,
    },
  )
  return seat.user_id
}
