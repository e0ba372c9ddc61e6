// Processing a stored inbound message, after the SMTP 250: parse it (mailparser), drop loops and
// auto-replies, decrypt what was encrypted to the instance key and check the signature against the
// sender's known key, then make a report (intake address) or a thread post (reply address).
// Whatever goes wrong is written on the message as a note for the coordinator; the raw message
// stays, so nothing answered 250 is ever lost.
import { simpleParser, type ParsedMail } from 'mailparser'
import type { Config } from '../../../config.js'
import { stripQuotedReply } from '../../../domain/replyText.js'
import { parseTlp } from '../../../domain/tlp.js'
import type { Db } from '../../../store/db.js'
import { inTransaction } from '../../../store/db.js'
import { CASE_WIDE, TOPIC_PREFIX } from '../../../store/threadPlaces.js'
import { insertThreadPost } from '../../../commands/cases/threads.js'
import { createReportFromMail } from '../../../commands/reports/mailIntake.js'
import { insertAttachment } from '../../../store/attachments.js'
import { safeFilename } from '../../../domain/filenames.js'
import { decryptAndVerify } from '../../../mail/pgp.js'
import { findEncryptedPart } from '../../../mail/pgpMime.js'
import type { InstanceKey } from '../../../mail/instanceKey.js'
import { findReplyAddress } from '../../../mail/replyAddresses.js'
import { classifyRecipient, replyTokenOf } from './listener.js'

export interface InboundContext {
  db: Db
  config: Config
  instanceKey: InstanceKey
}

type Outcome = { status: 'processed' | 'ignored' | 'failed'; note: string; reportId?: string; caseMessageId?: string }

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

interface Content {
  text: string
  attachments: { filename: string; contentType: string; content: Buffer }[]
  security: string
}

/** The readable content: decrypted and verified when it was encrypted to us. Throws with a note on failure. */
async function contentOf(ctx: InboundContext, raw: Buffer, parsed: ParsedMail, fromAddress: string): Promise<Content> {
  const encrypted = await findEncryptedPart(raw)
  const plainAttachments = parsed.attachments
    .filter(
      (a) =>
        !(
          a.contentType === 'application/pgp-encrypted' ||
          (encrypted.kind === 'pgp-mime' &&
            a.contentType === 'application/octet-stream' &&
            /-----BEGIN PGP MESSAGE-----/.test(a.content.toString('latin1', 0, 200)))
        ),
    )
    .map((a) => ({ filename: a.filename ?? 'attachment', contentType: a.contentType, content: a.content }))
  if (encrypted.kind === 'none')
    return { text: parsed.text ?? '', attachments: plainAttachments, security: 'not encrypted' }

  const senderKeys = (
    await ctx.db
      .selectFrom('pgp_keys')
      .select('armored')
      .where((eb) => eb(eb.val(fromAddress), '=', eb.fn.any('emails')))
      .execute()
  ).map((k) => k.armored)
  const decrypted = await decryptAndVerify(encrypted.armored, ctx.instanceKey.armoredPrivateKey, senderKeys)
  const signature =
    decrypted.signature.state === 'valid'
      ? `signed by the sender's known key ${decrypted.signature.fingerprint}`
      : decrypted.signature.state === 'unsigned'
        ? 'unsigned'
        : decrypted.signature.state === 'unknown-key'
          ? `signed by a key Lockstep does not know (${decrypted.signature.keyId})`
          : `signature NOT valid: ${decrypted.signature.reason}`
  const security = `encrypted to the instance key, ${signature}`
  if (encrypted.kind === 'inline')
    return { text: Buffer.from(decrypted.content).toString('utf8'), attachments: plainAttachments, security }
  const inner = await simpleParser(Buffer.from(decrypted.content))
  return {
    text: inner.text ?? '',
    attachments: inner.attachments.map((a) => ({
      filename: a.filename ?? 'attachment',
      contentType: a.contentType,
      content: a.content,
    })),
    security,
  }
}

async function postReply(
  ctx: InboundContext,
  token: string,
  from: { address: string; name: string | null },
  parsed: ParsedMail,
  content: Content,
): Promise<Outcome> {
  return inTransaction(ctx.db, async (trx) => {
    const target = await findReplyAddress(trx, token)
    if (!target) return { status: 'failed', note: 'the reply address was revoked before the message was processed' }
    const topic = target.thread.startsWith(TOPIC_PREFIX)
      ? await trx
          .selectFrom('case_topics')
          .select(['id', 'title'])
          .where('case_id', '=', target.case_id)
          .where('id', '=', target.thread.slice(TOPIC_PREFIX.length))
          .executeTakeFirst()
      : undefined
    if (target.thread.startsWith(TOPIC_PREFIX) && !topic)
      return { status: 'failed', note: 'the product thread of this reply address no longer exists' }
    const participant =
      target.thread === CASE_WIDE || topic
        ? null
        : await trx
            .selectFrom('participants')
            .leftJoin('organizations', 'organizations.id', 'participants.organization_id')
            .leftJoin('users', 'users.id', 'participants.user_id')
            .select([
              'participants.id',
              'participants.removed_at',
              'organizations.name as organization_name',
              'users.name as user_name',
            ])
            .where('participants.id', '=', target.thread)
            .executeTakeFirst()
    if (participant?.removed_at) return { status: 'failed', note: 'the sender no longer takes part in the case' }
    const title = participant
      ? `Coordinator and ${participant.organization_name ?? participant.user_name ?? 'participant'}`
      : (topic?.title ?? 'Everyone in the case')
    const user = target.user_id
      ? await trx
          .selectFrom('users')
          .select(['id', 'name', 'disabled_at'])
          .where('id', '=', target.user_id)
          .executeTakeFirst()
      : undefined
    const owner = user && !user.disabled_at ? user : undefined
    // The reply address belongs to whom it was sent to; a different From is said, not trusted.
    const sameSender = from.address === target.email
    const label = owner
      ? null
      : `${from.name ?? target.email} <${target.email}>${sameSender ? '' : ` (sent from ${from.address})`}`
    const c = await trx.selectFrom('cases').select('tlp').where('id', '=', target.case_id).executeTakeFirstOrThrow()
    // A label written in the subject or the text ("TLP:RED") is the message's; otherwise the case's.
    const written = parseTlp(
      /TLP:\s*(CLEAR|WHITE|GREEN|AMBER\+STRICT|AMBER|RED)/i.exec(`${parsed.subject ?? ''}\n${content.text}`)?.[0] ?? '',
    )
    const tlp = written.ok ? written.label : c.tlp
    const body = stripQuotedReply(content.text).slice(0, 100_000) || '(An empty reply.)'
    const message = await insertThreadPost(
      trx,
      target.case_id,
      { key: target.thread, title, participantId: participant?.id ?? null, topicId: topic?.id ?? null },
      {
        userId: owner?.id ?? null,
        name: owner?.name ?? label!,
        label,
        email: target.email,
        via: 'mail',
        organizationId: target.organization_id,
      },
      body,
      tlp,
    )
    for (const a of content.attachments) {
      const name = safeFilename(a.filename)
      if (!name.ok || a.content.length === 0 || a.content.length > ctx.config.attachmentLimitBytes) continue
      await insertAttachment(trx, {
        caseId: target.case_id,
        participantId: participant?.id ?? null,
        topicId: topic?.id ?? null,
        author: 'participant',
        authorUserId: owner?.id ?? null,
        filename: name.name,
        declaredType: a.contentType,
        content: a.content,
        tlp,
      })
    }
    return { status: 'processed', note: `posted to “${title}” (${content.security})`, caseMessageId: message.id }
  })
}

export async function processInbound(ctx: InboundContext, inboundId: string): Promise<Outcome | null> {
  const row = await ctx.db.selectFrom('inbound_mail').selectAll().where('id', '=', inboundId).executeTakeFirst()
  if (!row || row.status !== 'received') return null
  let outcome: Outcome
  try {
    outcome = await decide(ctx, row.raw, row.rcpt_to)
  } catch (error) {
    outcome = { status: 'failed', note: (error as Error).message.slice(0, 2000) }
  }
  await ctx.db
    .updateTable('inbound_mail')
    .set({
      status: outcome.status,
      note: outcome.note,
      report_id: outcome.reportId ?? null,
      case_message_id: outcome.caseMessageId ?? null,
      processed_at: new Date(),
    })
    .where('id', '=', inboundId)
    .where('status', '=', 'received')
    .execute()
  return outcome
}

async function decide(ctx: InboundContext, raw: Buffer, rcptTo: string[]): Promise<Outcome> {
  let parsed: ParsedMail
  try {
    parsed = await simpleParser(raw, { skipHtmlToText: false, maxHtmlLengthToParse: 5 * 1024 * 1024 })
  } catch (error) {
    return { status: 'failed', note: `Cannot read the message (${(error as Error).message}); the raw message is kept.` }
  }
  const loop = await loopReason(ctx.db, parsed)
  if (loop) return { status: 'ignored', note: loop }
  const from = parsed.from?.value[0]
  if (!from?.address) return { status: 'failed', note: 'The message has no sender address (From).' }
  const sender = { address: from.address.toLowerCase(), name: from.name || null }

  let content: Content
  try {
    content = await contentOf(ctx, raw, parsed, sender.address)
  } catch (error) {
    return { status: 'failed', note: `${(error as Error).message}; the raw message is kept.` }
  }

  for (const rcpt of rcptTo) {
    const kind = await classifyRecipient(ctx.db, ctx.config.mail, rcpt)
    if (kind === 'intake') {
      const { report } = await inTransaction(ctx.db, (trx) =>
        createReportFromMail(trx, {
          fromAddress: sender.address,
          fromName: sender.name,
          subject: parsed.subject ?? '',
          text: content.text,
          attachments: content.attachments,
          security: content.security,
          attachmentLimitBytes: ctx.config.attachmentLimitBytes,
          publicUrl: ctx.config.publicUrl,
        }),
      )
      return { status: 'processed', note: `report ${report.tracking_id} (${content.security})`, reportId: report.id }
    }
    if (kind === 'reply') return postReply(ctx, replyTokenOf(rcpt, ctx.config.mail.domain)!, sender, parsed, content)
  }
  return { status: 'failed', note: 'none of its recipients is taken any more (a revoked reply address?)' }
}
