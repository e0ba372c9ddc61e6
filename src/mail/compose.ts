// One outbox row becomes one RFC 5322 message for its recipient: encrypted and signed PGP/MIME
// when the recipient has a key, plain text and HTML when the content may travel so, or else the
// bare notice. Headers mark it as automatic (Auto-Submitted) so that auto-responders stay quiet.
import MailComposer from 'nodemailer/lib/mail-composer/index.js'
import { deliveryMode, type DeliveryMode } from '../domain/tlp.js'
import type { Db } from '../store/db.js'
import { buildEncryptedMime, buildInnerEntity } from './pgpMime.js'
import { encryptAndSign, inspectPublicKey } from './pgp.js'
import { renderTemplate, type TemplateData } from './templates.js'

export interface ComposeContext {
  from: string
  publicUrl: string
  replyAddress: string | null
  instancePrivateKey: string
  relaxClearAndGreen: boolean
}

export interface OutboxMessage {
  message_id: string
  to_address: string
  to_name: string | null
  data: unknown
  confidential: boolean
  tlp: 'CLEAR' | 'GREEN' | 'AMBER' | 'AMBER+STRICT' | 'RED'
}

export interface Composed {
  raw: Buffer
  mode: DeliveryMode
  subject: string
}

/** The recipient's usable key: one naming the address, else the user's own, else the organization's only one. */
export async function recipientKey(
  db: Db,
  to: { address: string; userId: string | null; organizationId: string | null; reportId?: string | null },
  now = new Date(),
): Promise<string | null> {
  const own = await accountKey(db, to, now)
  if (own || !to.reportId) return own
  // A finder without an account (or without a key on it): the key given with the report.
  const report = await db
    .selectFrom('reports')
    .select('reporter_pgp_key')
    .where('id', '=', to.reportId)
    .executeTakeFirst()
  const key = report?.reporter_pgp_key
  // Pasted in a form, it was never checked: a key that cannot encrypt gets the bare notice instead.
  return key && (await inspectPublicKey(key, now)).ok ? key : null
}

async function accountKey(
  db: Db,
  to: { address: string; userId: string | null; organizationId: string | null },
  now: Date,
): Promise<string | null> {
  const keys = await db
    .selectFrom('pgp_keys')
    .select(['armored', 'emails', 'user_id', 'organization_id'])
    .where((eb) =>
      eb.or([
        eb('user_id', '=', to.userId ?? '00000000-0000-0000-0000-000000000000'),
        eb('organization_id', '=', to.organizationId ?? '00000000-0000-0000-0000-000000000000'),
      ]),
    )
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .execute()
  const named = keys.find((k) => k.emails.includes(to.address))
  const own = keys.find((k) => k.user_id !== null)
  const organization = keys.filter((k) => k.organization_id !== null)
  return (named ?? own ?? (organization.length === 1 ? organization[0] : undefined))?.armored ?? null
}

function mailbox(name: string | null, address: string): string {
  return name ? `"${name.replace(/["\\]/g, '')}" <${address}>` : address
}

export async function composeMessage(
  m: OutboxMessage,
  key: string | null,
  ctx: ComposeContext,
  now = new Date(),
): Promise<Composed> {
  const mode = deliveryMode(
    { confidential: m.confidential, tlp: m.tlp, recipientHasKey: key !== null },
    { relaxClearAndGreen: ctx.relaxClearAndGreen },
  )
  const rendering = renderTemplate(m.data as TemplateData, {
    publicUrl: ctx.publicUrl,
    replyAddress: mode === 'notice' ? null : ctx.replyAddress,
  })
  const content = mode === 'notice' ? rendering.notice : rendering.full
  const headers: Record<string, string> = {
    From: ctx.from,
    To: mailbox(m.to_name, m.to_address),
    Subject: content.subject,
    Date: now.toUTCString().replace('GMT', '+0000'),
    'Message-ID': m.message_id,
    'Auto-Submitted': 'auto-generated',
    ...(ctx.replyAddress && mode !== 'notice' ? { 'Reply-To': ctx.replyAddress } : {}),
  }
  if (mode === 'encrypted') {
    const inner = buildInnerEntity(content.text, content.html)
    const armored = await encryptAndSign(inner, [key!], ctx.instancePrivateKey)
    return { raw: Buffer.from(buildEncryptedMime(headers, armored)), mode, subject: content.subject }
  }
  const composer = new MailComposer({
    from: ctx.from,
    to: mailbox(m.to_name, m.to_address),
    subject: content.subject,
    text: content.text,
    html: content.html,
    messageId: m.message_id,
    date: now,
    ...(headers['Reply-To'] ? { replyTo: headers['Reply-To'] } : {}),
    headers: { 'Auto-Submitted': 'auto-generated' },
  })
  const raw = await new Promise<Buffer>((resolve, reject) =>
    composer.compile().build((error, message) => (error ? reject(error) : resolve(message))),
  )
  return { raw, mode, subject: content.subject }
}
