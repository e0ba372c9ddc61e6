// The announcement list: anyone may ask for the advisories by mail; the address gets a link to
// confirm (double opt-in, so nobody can sign someone else up), and every announcement carries a
// link to leave. Asking never tells whether an address is already on the list.
import { ValidationError } from '../../domain/errors.js'
import type { Db } from '../../store/db.js'
import { inTransaction, isUuid } from '../../store/db.js'
import { hashSecret, newSecret } from '../../security/tokens.js'
import { enqueueMail } from '../../mail/outbox.js'
import { checkUnsubscribeToken } from './announce.js'

const EMAIL = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/

export async function subscribe(db: Db, email: string, publicUrl: string): Promise<void> {
  const address = email.trim().toLowerCase()
  if (!EMAIL.test(address) || address.length > 254)
    throw new ValidationError({ field: 'email', message: 'is not an e-mail address' })
  await inTransaction(db, async (trx) => {
    const existing = await trx
      .selectFrom('advisory_subscribers')
      .select(['id', 'confirmed_at'])
      .where('email', '=', address)
      .executeTakeFirst()
    if (existing?.confirmed_at) return
    const token = newSecret()
    if (existing)
      await trx
        .updateTable('advisory_subscribers')
        .set({ confirm_token_hash: hashSecret(token) })
        .where('id', '=', existing.id)
        .execute()
    else
      await trx
        .insertInto('advisory_subscribers')
        .values({ email: address, confirm_token_hash: hashSecret(token) })
        .execute()
    await enqueueMail(trx, [{ email: address, name: null, userId: null, organizationId: null }], {
      caseId: null,
      thread: null,
      data: { template: 'subscription.confirm', confirmUrl: `${publicUrl}/subscriptions/confirm?token=${token}` },
      confidential: false,
      tlp: 'CLEAR',
    })
  })
}

export async function confirmSubscription(db: Db, token: string, now = new Date()): Promise<string | null> {
  const row = await db
    .updateTable('advisory_subscribers')
    .set({ confirmed_at: now, confirm_token_hash: null })
    .where('confirm_token_hash', '=', hashSecret(token))
    .returning('email')
    .executeTakeFirst()
  return row?.email ?? null
}

export async function unsubscribe(db: Db, id: string, token: string): Promise<string | null> {
  if (!isUuid(id) || !(await checkUnsubscribeToken(db, id, token))) return null
  const row = await db.deleteFrom('advisory_subscribers').where('id', '=', id).returning('email').executeTakeFirst()
  return row?.email ?? null
}
