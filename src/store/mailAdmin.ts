// What the admin's mail pages read: the outbox (with the built-in catcher's messages), one
// message as it went on the wire, incoming mail with what became of it, and failing addresses.
import type { Db } from './db.js'
import { isUuid } from './db.js'
import type { OutboxStatus } from './schemaMail.js'

type InboundStatus = 'received' | 'processed' | 'ignored' | 'failed'
interface Page {
  limit: number
  offset: number
}

/** Outgoing mail, newest first, and how many match. */
export async function listOutbox(db: Db, f: Page & { status?: OutboxStatus | undefined; caseId?: string | undefined }) {
  let q = db.selectFrom('mail_outbox')
  if (f.status) q = q.where('status', '=', f.status)
  if (f.caseId && isUuid(f.caseId)) q = q.where('case_id', '=', f.caseId)
  const [rows, total] = await Promise.all([
    q
      .select([
        'id',
        'to_address',
        'subject',
        'template',
        'status',
        'mode',
        'tlp',
        'case_id',
        'attempts',
        'last_error',
        'created_at',
        'sent_at',
      ])
      .orderBy('created_at', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(total.n) }
}

export async function findOutboxMessage(db: Db, id: string) {
  return isUuid(id) ? db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirst() : undefined
}

/** Incoming mail, newest first, with its size rather than its bytes. */
export function listInboundMail(db: Db, f: Page & { status?: InboundStatus | undefined }) {
  let q = db.selectFrom('inbound_mail')
  if (f.status) q = q.where('status', '=', f.status)
  return q
    .select((eb) => [
      'id',
      'received_at',
      'mail_from',
      'rcpt_to',
      'status',
      'note',
      'report_id',
      'case_message_id',
      eb.fn<number>('octet_length', ['raw']).as('size'),
    ])
    .orderBy('received_at', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute()
}

export function listFailingAddresses(db: Db) {
  return db.selectFrom('mail_failing_addresses').selectAll().orderBy('failing_since', 'desc').limit(200).execute()
}
