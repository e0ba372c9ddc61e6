// Vendors' statements per vulnerability, in VEX terms. A vendor's members post in its name (the
// staff on its behalf); each statement is kept (the newest counts) and recorded in the ledger;
// the coordinator approves one for publication. Before release, a statement is shown to the other
// participants only if its vendor allowed it (the policy's statement.read).
import { type Actor } from '../../domain/actor.js'
import { tellStatementWaiting } from '../needs/caseNews.js'
import { actorUserId } from '../../domain/actor.js'
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.js'
import { authorize, canSee, caseScope, type Resources } from '../../domain/policy/index.js'
import { validateStatement } from '../../domain/vex.js'
import type { Db } from '../../store/db.js'
import { inTransaction, isUuid } from '../../store/db.js'
import { appendLedger, ledgerActorOf } from '../../store/ledger.js'
import { findParticipant, ownParticipants } from '../../store/participants.js'
import { loadCaseFor } from '../cases/caseAccess.js'
import { shareStatement } from '../federation/caseSharing.js'

export interface StatementInput {
  participantId?: string | undefined
  status: string
  justification?: string | null | undefined
  fixedVersions?: string[] | undefined
  remediation?: string | null | undefined
  references?: string[] | undefined
  shareable?: boolean | undefined
}

/**
 * The participant a caller speaks for: the one named, or the caller's own vendor participation.
 * Who sees every case (the coordinator staff) speaks for no one in particular and names it.
 */
export async function participantFor(
  db: Db,
  actor: Actor,
  caseId: string,
  caseResource: Resources['case'],
  participantId: string | undefined,
) {
  const scope = caseScope(actor)
  if (!participantId && scope === 'all')
    throw new ValidationError({ field: 'participantId', message: 'is required: say which vendor the statement is for' })
  const p = participantId
    ? await findParticipant(db, caseId, participantId)
    : scope !== 'all'
      ? (await ownParticipants(db, caseId, scope, 'vendor'))[0]
      : undefined
  if (!p || p.removed_at) throw new NotFoundError('participant')
  authorize(actor, 'state_position', {
    type: 'participant',
    case: caseResource,
    userId: p.user_id,
    organizationId: p.organization_id,
    roles: p.roles,
  })
  return p
}

export async function postStatement(
  db: Db,
  actor: Actor,
  caseIdOrNumber: string,
  vulnerabilityId: string,
  input: StatementInput,
  at?: Date,
) {
  const checked = validateStatement({
    status: input.status,
    justification: input.justification ?? null,
    fixedVersions: input.fixedVersions ?? [],
    remediation: input.remediation ?? null,
    references: input.references ?? [],
  })
  if (!checked.ok) throw new ValidationError(checked.problems)
  return inTransaction(db, async (trx) => {
    const { row: c, resource: caseResource } = await loadCaseFor(trx, actor, caseIdOrNumber, 'read')
    const caseId = c.id
    const p = await participantFor(trx, actor, caseId, caseResource, input.participantId)
    if (!p.roles.includes('vendor'))
      throw new ConflictError(
        `${p.name ?? 'This participant'} is not a vendor of the case: only vendors state whether they are affected.`,
      )
    const v = isUuid(vulnerabilityId)
      ? await trx
          .selectFrom('vulnerabilities')
          .select(['id', 'title'])
          .where('case_id', '=', caseId)
          .where('id', '=', vulnerabilityId)
          .executeTakeFirst()
      : undefined
    if (!v) throw new NotFoundError('vulnerability')
    const s = checked.statement
    const row = await trx
      .insertInto('vendor_statements')
      .values({
        case_id: caseId,
        vulnerability_id: v.id,
        participant_id: p.id,
        status: s.status,
        justification: s.justification ?? null,
        fixed_versions: s.fixedVersions ?? [],
        remediation: s.remediation ?? null,
        references: s.references ?? [],
        shareable: input.shareable ?? false,
        author_user_id: actorUserId(actor),
        ...(at ? { created_at: at } : {}),
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    const now = row.created_at
    await trx
      .updateTable('participants')
      .set({ statement_at: now, responded_at: p.responded_at ?? now })
      .where('id', '=', p.id)
      .execute()
    await appendLedger(
      trx,
      caseId,
      await ledgerActorOf(trx, actor),
      'statement.posted',
      {
        participant: p.name ?? 'participant',
        participantId: p.id,
        vulnerability: v.title,
        status: s.status,
        justification: s.justification ?? null,
        fixedVersions: s.fixedVersions ?? [],
        shareable: row.shareable,
      },
      now,
    )
    await tellStatementWaiting(trx, caseId, p.name ?? 'A vendor', actorUserId(actor))
    return { ...row, participant_name: p.name, vulnerability_title: v.title }
  })
}

/** The coordinator (who may update the case) approves a statement for publication. */
export async function approveStatement(
  db: Db,
  actor: Actor,
  caseIdOrNumber: string,
  statementId: string,
  now = new Date(),
) {
  return inTransaction(db, async (trx) => {
    const caseId = (await loadCaseFor(trx, actor, caseIdOrNumber, 'update')).row.id
    const row = isUuid(statementId)
      ? await trx
          .selectFrom('vendor_statements')
          .selectAll()
          .where('case_id', '=', caseId)
          .where('id', '=', statementId)
          .forUpdate()
          .executeTakeFirst()
      : undefined
    if (!row) throw new NotFoundError('statement')
    // Compared in SQL: the database keeps microseconds, a JavaScript Date only milliseconds.
    const newer = await trx
      .selectFrom('vendor_statements')
      .select('id')
      .where('participant_id', '=', row.participant_id)
      .where('vulnerability_id', '=', row.vulnerability_id)
      .where('id', '!=', row.id)
      .where('created_at', '>', (eb) =>
        eb.selectFrom('vendor_statements as me').select('me.created_at').where('me.id', '=', row.id),
      )
      .executeTakeFirst()
    if (newer)
      throw new ConflictError('The vendor has posted a newer statement for this vulnerability: approve that one.')
    if (row.approved_at) return row
    const approved = await trx
      .updateTable('vendor_statements')
      .set({ approved_at: now, approved_by: actorUserId(actor) })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow()
    await appendLedger(
      trx,
      caseId,
      await ledgerActorOf(trx, actor),
      'statement.approved',
      { statement: row.id, participantId: row.participant_id, status: row.status },
      now,
    )
    await shareStatement(trx, caseId, row.id)
    return approved
  })
}

/** Statements (s) with their participant (p), its organization (o) or person (u), and vulnerability (v). */
export const statementRows = (db: Db) =>
  db
    .selectFrom('vendor_statements as s')
    .innerJoin('participants as p', 'p.id', 's.participant_id')
    .leftJoin('organizations as o', 'o.id', 'p.organization_id')
    .leftJoin('users as u', 'u.id', 'p.user_id')
    .innerJoin('vulnerabilities as v', 'v.id', 's.vulnerability_id')

/** The statements of the case the caller may read (the policy's statement.read), oldest first. */
export async function listStatements(db: Db, actor: Actor, caseIdOrNumber: string) {
  const { row: c, resource } = await loadCaseFor(db, actor, caseIdOrNumber, 'read')
  const rows = await statementRows(db)
    .selectAll('s')
    .select([
      'p.organization_id',
      'p.user_id',
      'v.title as vulnerability_title',
      (eb) => eb.fn.coalesce('o.name', 'u.name').as('participant_name'),
    ])
    .where('s.case_id', '=', c.id)
    .orderBy('s.created_at')
    .execute()
  return rows.filter((r) =>
    canSee(actor, {
      type: 'statement',
      case: resource,
      by: { userId: r.user_id, organizationId: r.organization_id },
      shareable: r.shareable,
      approved: r.approved_at !== null,
    }),
  )
}
