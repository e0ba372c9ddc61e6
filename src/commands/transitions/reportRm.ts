// The only writer of a report's RM state (reports.state): every move goes through the RM table of
// domain/reportManagement.ts with its entry in the caller's transaction: in the report's history
// (report_events) while the report stands alone, in the case's ledger when the move is the report
// joining a case. A report is created Received (the column's default): the intake's own entry
// records that.
import type { Actor } from '../../domain/actor.js'
import { actorUserId } from '../../domain/actor.js'
import { ConflictError } from '../../domain/errors.js'
import type { LedgerActor } from '../../domain/ledger.js'
import { rmRefusalMessage, transition, type RmEvent } from '../../domain/reportManagement.js'
import type { Db } from '../../store/db.js'
import { appendLedger } from '../../store/ledger.js'
import { mailFinderStatus } from '../needs/finderMail.js'
import { sendRulingToPeer } from '../federation/reportRulings.js'
import type { ReportRow, ReportState } from '../../store/schema.js'
import { reportColumns } from '../../store/columns.js'

export type ReportEntry =
  /** The report's history, with the reason the reporter may read. */
  | { in: 'report'; actor: Actor; reason: string | null }
  /** The case's ledger: the report is accepted into this case. */
  | { in: 'case'; caseId: string; who: LedgerActor }

export async function moveReportRm(
  trx: Db,
  report: Pick<ReportRow, 'id' | 'tracking_id' | 'state'>,
  event: RmEvent,
  entry: ReportEntry,
  at = new Date(),
): Promise<ReportRow> {
  const result = transition(report.state, event)
  if (!result.ok) throw new ConflictError(rmRefusalMessage(result.error))
  const to = result.state as ReportState
  const updated = await trx
    .updateTable('reports')
    .set({ state: to, updated_at: at })
    .where('id', '=', report.id)
    .returning(reportColumns)
    .executeTakeFirstOrThrow()
  if (entry.in === 'report')
    await trx
      .insertInto('report_events')
      .values({
        report_id: report.id,
        actor_id: actorUserId(entry.actor),
        kind: 'rm.transition',
        payload: JSON.stringify({ event, from: report.state, to, reason: entry.reason }),
      })
      .execute()
  else
    await appendLedger(
      trx,
      entry.caseId,
      entry.who,
      'rm.transition',
      { report: report.tracking_id, event, from: report.state, to },
      at,
    )
  await mailFinderStatus(trx, updated)
  // A report a peer sent us: our first ruling on it goes back to that peer.
  if (entry.in === 'report') await sendRulingToPeer(trx, updated, entry.reason, at)
  return updated
}
