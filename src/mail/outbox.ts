// Writing notifications: one outbox row per recipient, in the caller's transaction, so a change
// and the mail about it commit (or roll back) together. Delivery happens after commit (pump.ts).
import { randomUUID } from 'node:crypto'
import type { Db } from '../store/db.js'
import type { TlpLabelColumn } from '../store/schema.js'
import type { Recipient } from './recipients.js'
import type { TemplateData } from './templates.js'

export interface Notification {
  caseId: string | null
  /** Replies go to this thread ('case' or a participant id); null when replies are not taken. */
  thread: string | null
  data: TemplateData
  confidential: boolean
  tlp: TlpLabelColumn
}

export async function enqueueMail(
  trx: Db,
  recipients: readonly (Pick<Recipient, 'email' | 'name' | 'userId' | 'organizationId'> & { reportId?: string })[],
  n: Notification,
): Promise<number> {
  if (recipients.length === 0) return 0
  await trx
    .insertInto('mail_outbox')
    .values(
      recipients.map((r) => ({
        message_id: `<${randomUUID()}@lockstep>`,
        to_address: r.email,
        to_name: r.name,
        to_domain: r.email.slice(r.email.lastIndexOf('@') + 1).toLowerCase(),
        recipient_user_id: r.userId,
        recipient_organization_id: r.organizationId,
        recipient_report_id: r.reportId ?? null,
        case_id: n.caseId,
        thread: n.thread,
        template: n.data.template,
        data: JSON.stringify(n.data),
        confidential: n.confidential,
        tlp: n.tlp,
      })),
    )
    .execute()
  return recipients.length
}
