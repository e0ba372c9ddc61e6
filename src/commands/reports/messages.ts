// The reporter and the coordinator talk about a report: the reporter through the private
// follow-up link (no account needed), the staff from the triage page. Each message carries a TLP
// label, shown to both sides.
import type { Actor } from '../../domain/actor.js'
import { actorUserId } from '../../domain/actor.js'
import { NotFoundError } from '../../domain/errors.js'
import type { TlpLabel } from '../../domain/tlp.js'
import type { Db } from '../../store/db.js'
import { inTransaction } from '../../store/db.js'
import { mailFinderReply, tellStaff } from '../needs/finderMail.js'
import { findReportByFollowUpToken } from './submitReport.js'
import { loadReport } from './triage.js'

export function listReportMessages(db: Db, reportId: string) {
  return db
    .selectFrom('report_messages')
    .leftJoin('users', 'users.id', 'report_messages.author_user_id')
    .select([
      'report_messages.id',
      'report_messages.author',
      'report_messages.body',
      'report_messages.tlp',
      'report_messages.created_at',
      'users.name as author_name',
    ])
    .where('report_messages.report_id', '=', reportId)
    .orderBy('report_messages.created_at')
    .orderBy('report_messages.id')
    .execute()
}

export async function postCoordinatorMessage(db: Db, actor: Actor, reportId: string, body: string, tlp: TlpLabel) {
  return inTransaction(db, async (trx) => {
    const report = await loadReport(trx, actor, reportId, 'triage')
    await trx
      .insertInto('report_messages')
      .values({
        report_id: report.id,
        author: 'coordinator',
        author_user_id: actorUserId(actor),
        body,
        tlp,
      })
      .execute()
    await trx
      .insertInto('report_events')
      .values({
        report_id: report.id,
        actor_id: actorUserId(actor),
        kind: 'message.sent',
        payload: JSON.stringify({ to: 'reporter', tlp }),
      })
      .execute()
    await mailFinderReply(trx, report, body, tlp, new Date())
    return report
  })
}

/** Whoever holds the follow-up link speaks as the reporter; a wrong link is simply not found. */
export async function postReporterMessage(db: Db, token: string, body: string) {
  const report = await findReportByFollowUpToken(db, token)
  if (!report) throw new NotFoundError('report')
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto('report_messages')
      .values({ report_id: report.id, author: 'reporter', author_user_id: report.reporter_user_id, body, tlp: 'AMBER' })
      .execute()
    await tellStaff(trx, report, `The finder wrote about ${report.tracking_id}`)
  })
  return report
}

export type ReportSide = 'reporter' | 'coordinator'

type ConversationReader = { side: 'reporter' } | { side: 'coordinator'; userId: string }

/**
 * When the reader last read the conversation. The reporter's side is kept on the report (the
 * reporter may have no account); each staff user has their own. Reading it changes nothing: the
 * page says it has been read with `markReportRead`.
 */
export async function lastReadOfReport(db: Db, reportId: string, reader: ConversationReader): Promise<Date | null> {
  if (reader.side === 'reporter') {
    const before = await db
      .selectFrom('reports')
      .select('reporter_read_at')
      .where('id', '=', reportId)
      .executeTakeFirst()
    return before?.reporter_read_at ?? null
  }
  const before = await db
    .selectFrom('report_reads')
    .select('last_read_at')
    .where('user_id', '=', reader.userId)
    .where('report_id', '=', reportId)
    .executeTakeFirst()
  return before?.last_read_at ?? null
}

/** Records that the reader has now read the conversation. */
export async function markReportRead(db: Db, reportId: string, reader: ConversationReader, now = new Date()) {
  if (reader.side === 'reporter') {
    await db.updateTable('reports').set({ reporter_read_at: now }).where('id', '=', reportId).execute()
    return
  }
  await db
    .insertInto('report_reads')
    .values({ user_id: reader.userId, report_id: reportId, last_read_at: now })
    .onConflict((oc) => oc.columns(['user_id', 'report_id']).doUpdateSet({ last_read_at: now }))
    .execute()
}

/** When the reader last read the conversation, and marks it read now (the reporter's follow-up, a POST). */
export async function readReportConversation(
  db: Db,
  reportId: string,
  reader: ConversationReader,
  now = new Date(),
): Promise<Date | null> {
  const before = await lastReadOfReport(db, reportId, reader)
  await markReportRead(db, reportId, reader, now)
  return before
}

/** Per report, how many of the reporter's messages this staff user has not read yet. */
export async function unreadFromReporters(
  db: Db,
  userId: string,
  reportIds: readonly string[],
): Promise<Map<string, number>> {
  if (reportIds.length === 0) return new Map()
  const rows = await db
    .selectFrom('report_messages as m')
    .leftJoin('report_reads as r', (join) => join.onRef('r.report_id', '=', 'm.report_id').on('r.user_id', '=', userId))
    .select(['m.report_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('m.report_id', 'in', reportIds)
    .where('m.author', '=', 'reporter')
    .where((eb) => eb.or([eb('r.last_read_at', 'is', null), eb('m.created_at', '>', eb.ref('r.last_read_at'))]))
    .groupBy('m.report_id')
    .execute()
  return new Map(rows.map((r) => [r.report_id, Number(r.n)]))
}
