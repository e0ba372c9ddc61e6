// Password reset by link. An admin (or the CLI) issues the link until e-mail delivery exists;
// using it sets a new password, ends every session, revokes every API token (a reset means the
// account may have been in other hands, and a token made by those hands would outlive the new
// password) and lifts login locks on the account. Only the newest link works: issuing one, using
// one or changing the password ends every link issued before.
import type { Actor } from '../../domain/actor.js'
import { ConflictError, NotFoundError } from '../../domain/errors.js'
import { checkPasswordStrength, hashPassword } from '../../security/passwords.js'
import { hashSecret, newSecret } from '../../security/tokens.js'
import type { Db } from '../../store/db.js'
import { inTransaction } from '../../store/db.js'
import { clearThrottle } from '../../store/loginThrottles.js'
import { endOutstandingResets } from '../../store/passwordResets.js'
import { deleteSessionsOfUser } from '../../store/sessions.js'
import { loadUser } from './users.js'
import { actorUserId } from '../../domain/actor.js'

export const RESET_HOURS = 24

export async function issuePasswordReset(
  db: Db,
  actor: Actor,
  userId: string,
): Promise<{ token: string; expiresAt: Date }> {
  const { user } = await loadUser(db, actor, userId, 'issue_password_reset')
  const token = newSecret()
  const now = new Date()
  const expiresAt = new Date(now.getTime() + RESET_HOURS * 3_600_000)
  await inTransaction(db, async (trx) => {
    await endOutstandingResets(trx, user.id, now)
    await trx
      .insertInto('password_resets')
      .values({
        user_id: user.id,
        token_hash: hashSecret(token),
        created_by: actorUserId(actor),
        expires_at: expiresAt,
      })
      .execute()
  })
  return { token, expiresAt }
}

export async function completePasswordReset(db: Db, token: string, password: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const reset = await trx
      .selectFrom('password_resets')
      .selectAll()
      .where('token_hash', '=', hashSecret(token))
      .forUpdate()
      .executeTakeFirst()
    if (!reset) throw new NotFoundError('password reset link')
    if (reset.used_at) throw new ConflictError('This reset link was used already; ask for a new one.')
    if (reset.expires_at <= new Date()) throw new ConflictError('This reset link has expired; ask for a new one.')
    const user = await trx.selectFrom('users').selectAll().where('id', '=', reset.user_id).executeTakeFirstOrThrow()
    checkPasswordStrength(password, 'password', user.email)
    await trx
      .updateTable('users')
      .set({ password_hash: await hashPassword(password), updated_at: new Date() })
      .where('id', '=', user.id)
      .execute()
    const now = new Date()
    await trx.updateTable('password_resets').set({ used_at: now }).where('id', '=', reset.id).execute()
    await endOutstandingResets(trx, user.id, now)
    await deleteSessionsOfUser(trx, user.id)
    await trx
      .updateTable('api_tokens')
      .set({ revoked_at: now })
      .where('user_id', '=', user.id)
      .where('revoked_at', 'is', null)
      .execute()
    await clearThrottle(trx, [`account:${user.email}`])
  })
}
