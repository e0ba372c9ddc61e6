// Reading a report's conversation: who reads it (the coordinators, each for themself, or the
// reporter) and saying it has been read. Opening a report changes nothing; the page says it has
// read the conversation with `markReportReadFor`, so a GET stays a read.
import { actorUserId, type Actor } from '../../domain/actor.js'
import { can } from '../../domain/policy/index.js'
import type { Db } from '../../store/db.js'
import type { ReportRow } from '../../store/schema.js'
import { markReportRead } from './messages.js'
import { loadReport, reportResource } from './triage.js'

/** Staff read as the coordinator (each for themself); a reporter with an account reads their own report. */
export function conversationReader(actor: Actor, report: ReportRow) {
  const userId = actorUserId(actor)
  return can(actor, 'triage', reportResource(report)) && userId
    ? ({ side: 'coordinator', userId } as const)
    : ({ side: 'reporter' } as const)
}

export async function markReportReadFor(db: Db, actor: Actor, reportId: string, now = new Date()): Promise<void> {
  const report = await loadReport(db, actor, reportId, 'read')
  await markReportRead(db, report.id, conversationReader(actor, report), now)
}
