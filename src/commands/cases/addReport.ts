// Merging a duplicate into an existing case: a later report of the same flaw joins the case (and
// its finder, if they have an account, joins as a participant), all in the case's ledger.
import type { Actor } from '../../domain/actor.js'
import { ValidationError } from '../../domain/errors.js'
import type { Db } from '../../store/db.js'
import { inTransaction, isUuid } from '../../store/db.js'
import { appendLedger, ledgerActorOf } from '../../store/ledger.js'
import { loadCaseFor } from './caseAccess.js'
import { acceptIntoCase, assertCanJoinCase } from './openCase.js'
import { insertParticipant } from '../transitions/participantRm.js'
import { reportColumns } from '../../store/columns.js'

/** Only who may update the case merges a report into it. */
export async function addReportToCase(
  db: Db,
  actor: Actor,
  caseIdOrNumber: string,
  reportId: string,
  now = new Date(),
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const caseId = (await loadCaseFor(trx, actor, caseIdOrNumber, 'update')).row.id
    const report = isUuid(reportId)
      ? await trx.selectFrom('reports').select(reportColumns).where('id', '=', reportId).forUpdate().executeTakeFirst()
      : undefined
    if (!report) throw new ValidationError({ field: 'reportId', message: 'is not a report' })
    assertCanJoinCase(report)
    const who = await ledgerActorOf(trx, actor)
    await acceptIntoCase(trx, caseId, who, report, now)
    await appendLedger(trx, caseId, who, 'report.linked', { report: report.tracking_id, title: report.title }, now)
    if (report.reporter_user_id) {
      const present = await trx
        .selectFrom('participants')
        .select('id')
        .where('case_id', '=', caseId)
        .where('user_id', '=', report.reporter_user_id)
        .executeTakeFirst()
      if (!present) {
        await insertParticipant(
          trx,
          { case_id: caseId, user_id: report.reporter_user_id, roles: ['finder'] },
          'accepted',
          {
            who,
            kind: 'participant.added',
            payload: () => ({ participant: report.reporter_name ?? 'the finder', roles: ['finder'] }),
            at: now,
          },
        )
      }
    }
  })
}
