// Per-recipient reply addresses: reply+<token>@<mail domain>, the token an HMAC of the case, the
// thread and the recipient under an instance secret, so the same person in the same thread always
// gets the same address and nothing secret is stored (only the token's hash, to find and revoke it).
import { createHmac } from 'node:crypto'
import { hashSecret } from '../security/tokens.js'
import type { Db } from '../store/db.js'

export interface ReplyTarget {
  caseId: string
  thread: string
  email: string
  userId: string | null
  organizationId: string | null
}

export function replyToken(secret: string, t: Pick<ReplyTarget, 'caseId' | 'thread' | 'email'>): string {
  return createHmac('sha256', secret)
    .update(`${t.caseId}\n${t.thread}\n${t.email.toLowerCase()}`)
    .digest('base64url')
    .slice(0, 32)
}

/** Records the address (once) and answers it. */
export async function replyAddressFor(db: Db, secret: string, domain: string, t: ReplyTarget): Promise<string> {
  const token = replyToken(secret, t)
  await db
    .insertInto('reply_addresses')
    .values({
      token_hash: hashSecret(token),
      case_id: t.caseId,
      thread: t.thread,
      email: t.email.toLowerCase(),
      user_id: t.userId,
      organization_id: t.organizationId,
    })
    .onConflict((oc) => oc.column('token_hash').doNothing())
    .execute()
  return `reply+${token}@${domain}`
}

/** The live reply address behind `reply+<token>@...`, or undefined (unknown or revoked). */
export async function findReplyAddress(db: Db, token: string) {
  if (!/^[\w-]{20,64}$/.test(token)) return undefined
  return db
    .selectFrom('reply_addresses')
    .selectAll()
    .where('token_hash', '=', hashSecret(token))
    .where('revoked_at', 'is', null)
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
