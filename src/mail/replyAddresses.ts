// Reply addresses: reply+<token>@<mail domain>, one per message sent (migration 15). The address
// travels in the clear Reply-To header even of an encrypted mail, so it must not be a lasting way
// into a thread: the token is an HMAC of the outbox message under an instance secret (the same
// message sent again keeps its address, and nothing secret is stored, only the token's hash), and
// it expires after REPLY_ADDRESS_DAYS. It names to whom the message went, never proof of who
// answers (the processing of a reply checks the sender, adapters/mail/inbound/reply.ts).
import { createHmac } from 'node:crypto'
import { hashSecret } from '../security/tokens.js'
import type { Db } from '../store/db.js'

/** Long enough for an answer after a holiday, short enough that an old copy of a message stops working. */
export const REPLY_ADDRESS_DAYS = 90

export interface ReplyTarget {
  caseId: string
  thread: string
  email: string
  userId: string | null
  organizationId: string | null
  /** The outbox message whose Reply-To the address is. */
  outboxId: string
}

export function replyToken(secret: string, outboxId: string): string {
  return createHmac('sha256', secret).update(`message\n${outboxId}`).digest('base64url').slice(0, 32)
}

/** Records the message's address (once) and answers it. */
export async function replyAddressFor(
  db: Db,
  secret: string,
  domain: string,
  t: ReplyTarget,
  now = new Date(),
): Promise<string> {
  const token = replyToken(secret, t.outboxId)
  await db
    .insertInto('reply_addresses')
    .values({
      token_hash: hashSecret(token),
      case_id: t.caseId,
      thread: t.thread,
      email: t.email.toLowerCase(),
      user_id: t.userId,
      organization_id: t.organizationId,
      outbox_id: t.outboxId,
      expires_at: new Date(now.getTime() + REPLY_ADDRESS_DAYS * 86_400_000),
    })
    .onConflict((oc) => oc.column('token_hash').doNothing())
    .execute()
  return `reply+${token}@${domain}`
}

/** The live reply address behind `reply+<token>@...`, or undefined (unknown, revoked or expired). */
export async function findReplyAddress(db: Db, token: string, now = new Date()) {
  if (!/^[\w-]{20,64}$/.test(token)) return undefined
  return db
    .selectFrom('reply_addresses')
    .selectAll()
    .where('token_hash', '=', hashSecret(token))
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .executeTakeFirst()
}

/** A participant taken out of a case can no longer answer into it by mail. */
export async function revokeReplyAddresses(
  db: Db,
  caseId: string,
  who: { userId?: string | null; organizationId?: string | null },
): Promise<void> {
  let q = db
    .updateTable('reply_addresses')
    .set({ revoked_at: new Date() })
    .where('case_id', '=', caseId)
    .where('revoked_at', 'is', null)
  if (who.organizationId) q = q.where('organization_id', '=', who.organizationId)
  else if (who.userId) q = q.where('user_id', '=', who.userId)
  else return
  await q.execute()
}
