// Mailing the release-readiness checklist to a case's coordinators a configurable time before its
// embargo ends (LOCKSTEP_READINESS_NOTICE_MINUTES, 60 by default), from the release scheduler's
// sweep. Once per end instant: the row in release_readiness_notices, written in the same
// transaction as the outbox rows, is the memory that survives a restart and that any number of
// servers race for; an embargo revised to the same instant finds it, one moved to a new instant
// inside the lead time does not and is mailed again.
import type { Config } from '../../config.js'
import { systemLedgerActor } from '../../domain/ledger.js'
import type { Db } from '../../store/db.js'
import { inTransaction } from '../../store/db.js'
import { appendLedger } from '../../store/ledger.js'
import { enqueueMail } from '../../mail/outbox.js'
import { recipientsOfParticipants } from '../../mail/recipients.js'
import { lockEmbargoCase } from '../embargo/embargoParties.js'
import { releaseChecklist } from './readiness.js'
import { unreleasedEmbargoes } from './release.js'

const leadMs = (release: Pick<Config['release'], 'readinessNoticeMinutes'>) => release.readinessNoticeMinutes * 60_000

/** Cases whose embargo ends within the lead time, not released, not yet mailed for this instant. */
export async function dueReadinessNotices(
  db: Db,
  now: Date,
  release: Pick<Config['release'], 'readinessNoticeMinutes'>,
): Promise<string[]> {
  if (!(leadMs(release) > 0)) return []
  const rows = await unreleasedEmbargoes(db)
    .where('cases.embargo_ends_at', '>', now)
    .where('cases.embargo_ends_at', '<=', new Date(now.getTime() + leadMs(release)))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('release_readiness_notices as n')
            .select('n.case_id')
            .whereRef('n.case_id', '=', 'cases.id')
            .whereRef('n.embargo_ends_at', '=', 'cases.embargo_ends_at'),
        ),
      ),
    )
    .orderBy('cases.embargo_ends_at')
    .execute()
  return rows.map((r) => r.id)
}

export type ReadinessNoticeResult = { sent: true; recipients: number; open: number } | { sent: false; why: string }

export async function sendReadinessNotice(
  db: Db,
  caseId: string,
  now: Date,
  release: Pick<Config['release'], 'readinessNoticeMinutes'>,
): Promise<ReadinessNoticeResult> {
  return inTransaction(db, async (trx) => {
    const c = await lockEmbargoCase(trx, caseId)
    if ((c.em_state !== 'active' && c.em_state !== 'revise') || !c.embargo_ends_at)
      return { sent: false, why: 'no embargo in force' }
    const endsAt = c.embargo_ends_at
    if (endsAt.getTime() <= now.getTime()) return { sent: false, why: 'the release is due' }
    if (endsAt.getTime() > now.getTime() + leadMs(release)) return { sent: false, why: 'not yet' }
    const claimed = await trx
      .insertInto('release_readiness_notices')
      .values({ case_id: caseId, embargo_ends_at: endsAt, sent_at: now })
      .onConflict((oc) => oc.columns(['case_id', 'embargo_ends_at']).doNothing())
      .returning('case_id')
      .executeTakeFirst()
    if (!claimed) return { sent: false, why: 'already mailed for this instant' }
    const checklist = await releaseChecklist(trx, caseId)
    if (checklist.released) return { sent: false, why: 'already released' }
    const coordinators = await trx
      .selectFrom('participants')
      .select('id')
      .where('case_id', '=', caseId)
      .where('removed_at', 'is', null)
      .where(({ eb, fn }) => eb(eb.val('coordinator'), '=', fn.any('roles')))
      .execute()
    const recipients = await recipientsOfParticipants(
      trx,
      coordinators.map((p) => p.id),
    )
    const open = checklist.items.filter((i) => !i.leftOut)
    await enqueueMail(trx, recipients, {
      caseId,
      thread: null,
      data: {
        template: 'release.readiness',
        caseNumber: c.case_number,
        caseId,
        caseTitle: c.title,
        tlp: c.tlp,
        endsAt: endsAt.toISOString(),
        open: open.map((i) => `${i.what} ${i.todo}`),
        leftOut: checklist.items.length - open.length,
        owners: checklist.owners,
      },
      confidential: true,
      tlp: c.tlp,
    })
    await appendLedger(
      trx,
      caseId,
      { ...systemLedgerActor, displayName: 'Lockstep (release checklist)' },
      'release.checklist_mailed',
      { embargoEndsAt: endsAt.toISOString(), open: open.length, recipients: recipients.length },
      now,
    )
    return { sent: true, recipients: recipients.length, open: open.length }
  })
}
