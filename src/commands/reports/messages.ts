// The reporter and the coordinator talk about a report: the reporter through the private
// follow-up link (no account needed), the staff from the triage page. Each message carries a TLP
// label, shown to both sides.
import type { Actor } from '../../domain/actor.js'
import { NotFoundError } from '../../domain/errors.js'
import type { TlpLabel } from '../../domain/tlp.js'
import type { Db } from '../../store/db.js'
import { inTransaction } from '../../store/db.js'
import { findReportByFollowUpToken } from './submitReport.js'
import { loadReport } from './triage.js'

export function listReportMessages(db: Db, reportId: string) {
  return db
    .selectFrom('report_messages')
    .leftJoin('users', 'users.id', 'report_messages.author_user_id')
    .select(['report_messages.id', 'report_messages.author', 'report_messages.body', 'report_messages.tlp', 'report_messages.created_at', 'users.name as author_name'])
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
      .values({ report_id: report.id, author: 'coordinator', author_user_id: actor.kind === 'user' ? actor.userId : null, body, tlp })
      .execute()
    await trx
      .insertInto('report_events')
      .values({ report_id: report.id, actor_id: actor.kind === 'user' ? actor.userId : null, kind: 'message.sent', payload: JSON.stringify({ to: 'reporter', tlp }) })
      .execute()
    return report
  })
}

/** Whoever holds the follow-up link speaks as the reporter; a wrong link is simply not found. */
export async function postReporterMessage(db: Db, token: string, body: string) {
  const report = await findReportByFollowUpToken(db, token)
  if (!report) throw new NotFoundError('report')
  await db.insertInto('report_messages').values({ report_id: report.id, author: 'reporter', author_user_id: report.reporter_user_id, body, tlp: 'AMBER' }).execute()
  return report
}
