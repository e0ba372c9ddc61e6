// Telling the parties of an embargo event by mail, written in the event's transaction. Like
// everything about a case before release, confidential: encrypted to a key, else a notice.
import type { Db } from '../../store/db.js'
import { enqueueMail } from '../../mail/outbox.js'
import { recipientsOfParticipants } from '../../mail/recipients.js'
import { tellAndPick } from '../needs/inApp.js'

export async function notifyEmbargo(
  trx: Db,
  caseId: string,
  participantIds: string[],
  what: { headline: string; sentence: string; endsAt: string | null; answerBy: string | null },
): Promise<void> {
  if (participantIds.length === 0) return
  const c = await trx
    .selectFrom('cases')
    .select(['id', 'case_number', 'title', 'tlp'])
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow()
  const recipients = await tellAndPick(trx, 'embargo', await recipientsOfParticipants(trx, participantIds), {
    caseId,
    title: `${what.headline} (${c.case_number})`,
    link: `/cases/${c.case_number}`,
  })
  await enqueueMail(trx, recipients, {
    caseId,
    thread: null,
    data: {
      template: 'embargo.changed',
      caseNumber: c.case_number,
      caseId: c.id,
      caseTitle: c.title,
      tlp: c.tlp,
      ...what,
    },
    confidential: true,
    tlp: c.tlp,
  })
}
