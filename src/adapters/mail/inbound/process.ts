// Processing a stored inbound message, after the SMTP 250: parse it (mailparser), drop loops and
// auto-replies, decrypt what was encrypted to the instance key and check the signature, then make
// a report (intake address) or a thread post (reply address). Processing is total: what cannot be
// read is said on the report or the post (content.ts), never a reason to drop the message. The
// report or post and the message's new status are written in one transaction that first locks
// the message, so a crash at any point, a job run twice or two servers at once make it once.
import type { ParsedMail } from 'mailparser'
import type { Config } from '../../../config.js'
import type { Db } from '../../../store/db.js'
import { inTransaction } from '../../../store/db.js'
import type { InboundMailTable } from '../../../store/schema.js'
import type { Selectable } from 'kysely'
import { createReportFromMail } from '../../../commands/reports/mailIntake.js'
import type { InstanceKey } from '../../../mail/instanceKey.js'
import { findReplyAddress } from '../../../mail/replyAddresses.js'
import { classifyRecipient, replyTokenOf } from './listener.js'
import { Cleaning, contentOf, keysNaming, parseMail, type Content } from './content.js'
import { ownerOf, postReply } from './reply.js'

export interface InboundContext {
  db: Db
  config: Config
  instanceKey: InstanceKey
}

export type Outcome = {
  status: 'processed' | 'ignored' | 'failed'
  note: string
  reportId?: string
  caseMessageId?: string
}

/** Why a message must not be acted on (an auto-reply, a list, our own mail coming back), or null. */
export async function loopReason(db: Db, parsed: ParsedMail): Promise<string | null> {
  const auto = String(parsed.headers.get('auto-submitted') ?? '')
    .trim()
    .toLowerCase()
  if (auto && auto !== 'no') return `automatic message (Auto-Submitted: ${auto})`
  const precedence = String(parsed.headers.get('precedence') ?? '')
    .trim()
    .toLowerCase()
  if (['bulk', 'junk', 'list', 'auto_reply'].includes(precedence)) return `bulk message (Precedence: ${precedence})`
  if (parsed.headers.get('x-autoreply') || parsed.headers.get('x-autorespond')) return 'automatic reply'
  if (
    parsed.messageId &&
    (await db.selectFrom('mail_outbox').select('id').where('message_id', '=', parsed.messageId).executeTakeFirst())
  ) {
    return 'one of our own messages came back'
  }
  return null
}

/** Every text of the content made storable, with the cleaning counted. */
function cleaned(content: Content, cleaning: Cleaning): Content {
  return {
    ...content,
    text: cleaning.storable(content.text, 'text'),
    attachments: content.attachments.map((a) => ({
      ...a,
      filename: cleaning.storable(a.filename, 'file names'),
      contentType: cleaning.storable(a.contentType, 'file types'),
    })),
    security: cleaning.storable(content.security, 'signature'),
    notes: content.notes.map((n) => cleaning.storable(n, 'notes')),
  }
}

type Action = (trx: Db) => Promise<Outcome>
const outcome =
  (o: Outcome): Action =>
  async () =>
    o

/** Reads the message and decides what to do, outside any transaction (decryption takes time). */
async function prepare(ctx: InboundContext, row: Selectable<InboundMailTable>): Promise<Action> {
  const { parsed, notes } = await parseMail(row.raw)
  const loop = await loopReason(ctx.db, parsed)
  if (loop) return outcome({ status: 'ignored', note: loop })
  const cleaning = new Cleaning()
  const from = parsed.from?.value.find((a) => a.address)
  const address = cleaning.storable((from?.address ?? row.mail_from ?? '').toLowerCase(), 'sender')
  if (!address) return outcome({ status: 'failed', note: 'The message has no sender address (From).' })
  const sender = { address, name: from?.name ? cleaning.storable(from.name, 'sender’s name') : null }
  const subject = cleaning.storable(parsed.subject ?? '', 'subject')

  for (const rcpt of row.rcpt_to) {
    const kind = await classifyRecipient(ctx.db, ctx.config.mail, rcpt)
    if (kind === 'intake') {
      const read = await contentOf(
        { instanceKey: ctx.instanceKey, senderKeys: await keysNaming(ctx.db, sender.address) },
        row.raw,
        parsed,
      )
      const content = cleaned({ ...read, notes: [...notes, ...read.notes] }, cleaning)
      return async (trx) => {
        const { report } = await createReportFromMail(trx, {
          fromAddress: sender.address,
          fromName: sender.name,
          subject,
          text: content.text,
          attachments: content.attachments,
          security: content.security,
          notes: [...content.notes, cleaning.note()].filter((n): n is string => !!n),
          attachmentLimitBytes: ctx.config.attachmentLimitBytes,
          publicUrl: ctx.config.publicUrl,
        })
        return { status: 'processed', note: `report ${report.tracking_id} (${content.security})`, reportId: report.id }
      }
    }
    if (kind === 'reply') {
      const target = await findReplyAddress(ctx.db, replyTokenOf(rcpt, ctx.config.mail.domain)!)
      if (!target) continue
      const owner = await ownerOf(ctx.db, target)
      const read = await contentOf(
        {
          instanceKey: ctx.instanceKey,
          senderKeys: [...owner.keys.map((k) => k.armored), ...(await keysNaming(ctx.db, sender.address))],
        },
        row.raw,
        parsed,
      )
      const content = cleaned({ ...read, notes: [...notes, ...read.notes] }, cleaning)
      return (trx) =>
        postReply(
          trx,
          { target, owner, attachmentLimitBytes: ctx.config.attachmentLimitBytes },
          sender,
          subject,
          content,
          cleaning,
        )
    }
  }
  return outcome({ status: 'failed', note: 'none of its recipients is taken any more (a revoked reply address?)' })
}

async function record(db: Db, inboundId: string, o: Outcome): Promise<void> {
  await db
    .updateTable('inbound_mail')
    .set({
      status: o.status,
      note: o.note,
      report_id: o.reportId ?? null,
      case_message_id: o.caseMessageId ?? null,
      processed_at: new Date(),
    })
    .where('id', '=', inboundId)
    .where('status', '=', 'received')
    .execute()
}

export async function processInbound(ctx: InboundContext, inboundId: string): Promise<Outcome | null> {
  const row = await ctx.db.selectFrom('inbound_mail').selectAll().where('id', '=', inboundId).executeTakeFirst()
  if (!row || row.status !== 'received') return null
  let act: Action
  try {
    act = await prepare(ctx, row)
  } catch (error) {
    act = outcome({ status: 'failed', note: `Could not read the message: ${(error as Error).message.slice(0, 2000)}` })
  }
  try {
    return await inTransaction(ctx.db, async (trx) => {
      // The lock makes a second run (a retried job, another server) wait, then find it done.
      const claimed = await trx
        .selectFrom('inbound_mail')
        .select('status')
        .where('id', '=', inboundId)
        .forUpdate()
        .executeTakeFirst()
      if (claimed?.status !== 'received') return null
      const result = await act(trx)
      await record(trx, inboundId, result)
      return result
    })
  } catch (error) {
    // Something not foreseen: said on the message for the coordinator rather than retried for
    // ever. If even this cannot be written, the job fails and is retried.
    const failed: Outcome = {
      status: 'failed',
      note: `Could not store what the message says: ${(error as Error).message.slice(0, 2000)}`,
    }
    await record(ctx.db, inboundId, failed)
    return failed
  }
}
