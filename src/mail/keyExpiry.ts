// A key that is about to expire would silently turn encrypted notifications into bare notices:
// its owner is told 30 days ahead (once per key), by mail to the user, or to the organization's
// primary contacts. Runs daily as a scheduled job, and at start.
import { sql } from 'kysely'
import type { Db } from '../store/db.js'
import { inTransaction } from '../store/db.js'
import { enqueueMail } from './outbox.js'

export const WARN_DAYS = 30

export async function warnExpiringKeys(db: Db, now = new Date()): Promise<number> {
  return inTransaction(db, async (trx) => {
    const { rows } = await sql<{
      id: string
      fingerprint: string
      expires_at: Date
      user_id: string | null
      organization_id: string | null
      owner: string | null
      email: string | null
    }>`
      SELECT k.id, k.fingerprint, k.expires_at, k.user_id, k.organization_id, coalesce(u.name, o.name) AS owner, u.email
      FROM pgp_keys k
      LEFT JOIN users u ON u.id = k.user_id
      LEFT JOIN organizations o ON o.id = k.organization_id
      WHERE k.expires_at IS NOT NULL AND k.expiry_warned_at IS NULL
        AND k.expires_at > ${now} AND k.expires_at <= ${new Date(now.getTime() + WARN_DAYS * 86_400_000)}
      FOR UPDATE OF k SKIP LOCKED`.execute(trx)
    for (const k of rows) {
      const recipients = k.user_id
        ? [{ email: k.email!, name: k.owner, userId: k.user_id, organizationId: null }]
        : (
            await trx
              .selectFrom('organization_contacts')
              .select(['email', 'name'])
              .where('organization_id', '=', k.organization_id!)
              .where('kind', '=', 'primary')
              .execute()
          ).map((c) => ({
            email: c.email,
            name: c.name,
            userId: null,
            organizationId: k.organization_id,
          }))
      await enqueueMail(trx, recipients, {
        caseId: null,
        thread: null,
        data: {
          template: 'key.expiring',
          fingerprint: k.fingerprint,
          expiresAt: k.expires_at.toISOString(),
          owner: k.owner ?? 'your organization',
          where: k.user_id ? '/account' : `/organizations/${k.organization_id}`,
        },
        confidential: false,
        tlp: 'CLEAR',
      })
      await trx.updateTable('pgp_keys').set({ expiry_warned_at: now }).where('id', '=', k.id).execute()
    }
    return rows.length
  })
}
