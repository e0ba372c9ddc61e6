// Case events that had no mail of their own: a statement for the coordinators to approve, the
// advisory's release for everyone in the case. Told in the app; mailed at once (a short line, a
// bare notice without a key while the case is confidential) to those who chose so.
import type { NotificationKind } from '../../domain/notificationKinds.js'
import type { Db } from '../../store/db.js'
import { enqueueMail } from '../../mail/outbox.js'
import { recipientsOfParticipants } from '../../mail/recipients.js'
import { tellAndPick } from './inApp.js'

async function tellParticipants(
  trx: Db,
  caseId: string,
  kind: NotificationKind,
  who: 'coordinators' | 'everyone',
  what: (c: { case_number: string; title: string }) => { title: string; link: string },
  except: string | null,
  confidential: boolean,
): Promise<void> {
  const c = await trx
    .selectFrom('cases')
    .select(['case_number', 'title', 'tlp'])
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow()
  let q = trx.selectFrom('participants').select('id').where('case_id', '=', caseId).where('removed_at', 'is', null)
  if (who === 'coordinators') q = q.where(({ eb, fn }) => eb(eb.val('coordinator'), '=', fn.any('roles')))
  const ids = (await q.execute()).map((p) => p.id)
  const people = (await recipientsOfParticipants(trx, ids)).filter((r) => r.userId !== null && r.userId !== except)
  const told = what(c)
  const mailed = await tellAndPick(trx, kind, people, { caseId, ...told })
  await enqueueMail(trx, mailed, {
    caseId,
    thread: null,
    data: { template: 'needs.item', ...told, caseNumber: c.case_number },
    confidential,
    tlp: confidential ? c.tlp : 'CLEAR',
  })
}

/** A vendor stated its status: the coordinators have a statement to approve. */
export function tellStatementWaiting(trx: Db, caseId: string, vendor: string, by: string | null): Promise<void> {
  return tellParticipants(
    trx,
    caseId,
    'statement',
    'coordinators',
    (c) => ({ title: `${vendor} gave a statement to approve (${c.case_number})`, link: `/cases/${c.case_number}` }),
    by,
    true,
  )
}

/** The advisory is out: everyone in the case learns it, with the public page. */
export function tellReleased(trx: Db, caseId: string, advisory: { id: string; url: string }): Promise<void> {
  return tellParticipants(
    trx,
    caseId,
    'release',
    'everyone',
    (c) => ({ title: `${c.case_number} is published as ${advisory.id}`, link: `/cases/${c.case_number}` }),
    null,
    false,
  )
}
