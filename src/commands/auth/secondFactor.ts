// Second factors: TOTP (required for instance staff) and WebAuthn security keys (optional for
// everyone). A pending session becomes a full one only here.
import { ConflictError, ForbiddenError, UnauthenticatedError, ValidationError } from '../../domain/errors.js'
import { checkTotp, newTotpSecret, totpUri } from '../../security/totp.js'
import { hashSecret, newSecret } from '../../security/tokens.js'
import type { Actor } from '../../domain/actor.js'
import { can } from '../../domain/policy/index.js'
import type { Db } from '../../store/db.js'
import { inTransaction } from '../../store/db.js'
import { deleteSessionsOfUser } from '../../store/sessions.js'
import { loadUser } from '../accounts/users.js'
import type { SessionRow, UserRow } from '../../store/schema.js'

export async function hasWebauthn(db: Db, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('webauthn_credentials')
    .select('id')
    .where('user_id', '=', userId)
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}

export interface CompletedSession {
  /** The new cookie value: the token is rotated when the session is promoted. */
  token: string
  expiresAt: Date
}

/** Turns a pending session into a full one, with a new token and a fresh lifetime. */
export async function completeSession(
  db: Db,
  session: SessionRow,
  ttlHours: number,
  now = new Date(),
): Promise<CompletedSession> {
  const token = newSecret()
  const expiresAt = new Date(now.getTime() + ttlHours * 3_600_000)
  await db
    .updateTable('sessions')
    .set({
      token_hash: hashSecret(token),
      second_factor_pending: false,
      second_factor_failures: 0,
      webauthn_challenge: null,
      last_seen_at: now,
      expires_at: expiresAt,
    })
    .where('id', '=', session.id)
    .execute()
  return { token, expiresAt }
}

export const MAX_SECOND_FACTOR_FAILURES = 5

/** Counts a wrong code against a pending session; at the limit the session ends and the password is needed again. */
export async function recordSecondFactorFailure(db: Db, session: SessionRow): Promise<void> {
  if (!session.second_factor_pending) return
  if (session.second_factor_failures + 1 >= MAX_SECOND_FACTOR_FAILURES) {
    await db.deleteFrom('sessions').where('id', '=', session.id).execute()
    throw new UnauthenticatedError('Too many wrong codes: sign in again with your password.')
  }
  await db
    .updateTable('sessions')
    .set({ second_factor_failures: session.second_factor_failures + 1 })
    .where('id', '=', session.id)
    .execute()
}

async function acceptTotp(
  db: Db,
  session: SessionRow | null,
  user: UserRow,
  secret: string,
  code: string,
): Promise<void> {
  const step = checkTotp(secret, code, user.totp_last_step === null ? null : Number(user.totp_last_step))
  if (step === null) {
    if (session) await recordSecondFactorFailure(db, session)
    throw new ValidationError({
      field: 'code',
      message: 'is not the current code of your authenticator app (or was used already)',
    })
  }
  // Guarded update: two requests racing with the same code cannot both pass.
  const r = await db
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', user.id)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', String(step))]))
    .executeTakeFirst()
  if (Number(r.numUpdatedRows) !== 1)
    throw new ValidationError({ field: 'code', message: 'was used already; wait for the next one' })
}

export async function verifyTotpSignIn(
  db: Db,
  session: SessionRow,
  user: UserRow,
  code: string,
  ttlHours: number,
): Promise<CompletedSession> {
  if (!session.second_factor_pending) throw new ConflictError('This session has already passed its second factor.')
  if (!user.totp_secret)
    throw new ConflictError('No authenticator app is set up for this account; use your security key.')
  await acceptTotp(db, session, user, user.totp_secret, code)
  return completeSession(db, session, ttlHours)
}

export async function beginTotpEnrolment(db: Db, user: UserRow): Promise<{ secret: string; uri: string }> {
  if (user.totp_enabled_at)
    throw new ConflictError('An authenticator app is already set up. Remove it first to set up another.')
  const secret = newTotpSecret()
  await db.updateTable('users').set({ totp_pending_secret: secret }).where('id', '=', user.id).execute()
  return { secret, uri: totpUri(secret, user.email) }
}

/** Confirms enrolment with a first code; a session that was pending for enrolment becomes full. */
export async function confirmTotpEnrolment(
  db: Db,
  session: SessionRow | null,
  user: UserRow,
  code: string,
  ttlHours: number,
): Promise<CompletedSession | null> {
  if (!user.totp_pending_secret)
    throw new ConflictError('Start the set-up first: no authenticator secret is waiting for confirmation.')
  await acceptTotp(db, session, user, user.totp_pending_secret, code)
  await db
    .updateTable('users')
    .set({
      totp_secret: user.totp_pending_secret,
      totp_pending_secret: null,
      totp_enabled_at: new Date(),
      updated_at: new Date(),
    })
    .where('id', '=', user.id)
    .execute()
  return session?.second_factor_pending ? completeSession(db, session, ttlHours) : null
}

export async function removeTotp(db: Db, actor: Actor, user: UserRow): Promise<void> {
  if (
    !can(actor, 'remove_authenticator', {
      type: 'user',
      id: user.id,
      instanceRole: user.instance_role,
      organizationIds: [],
    })
  ) {
    throw new ForbiddenError('Instance staff must keep an authenticator app.')
  }
  if (!user.totp_enabled_at) throw new ConflictError('No authenticator app is set up.')
  await db
    .updateTable('users')
    .set({ totp_secret: null, totp_enabled_at: null, totp_last_step: null })
    .where('id', '=', user.id)
    .execute()
}

/** An admin clears a user's authenticator and security keys (lost phone) and ends their sessions. */
export async function resetSecondFactors(db: Db, actor: Actor, userId: string): Promise<UserRow> {
  const { user } = await loadUser(db, actor, userId, 'reset_second_factors')
  return inTransaction(db, async (trx) => {
    await trx.deleteFrom('webauthn_credentials').where('user_id', '=', user.id).execute()
    await deleteSessionsOfUser(trx, user.id)
    return trx
      .updateTable('users')
      .set({
        totp_secret: null,
        totp_pending_secret: null,
        totp_enabled_at: null,
        totp_last_step: null,
        updated_at: new Date(),
      })
      .where('id', '=', user.id)
      .returningAll()
      .executeTakeFirstOrThrow()
  })
}

export function requireFullSession(session: SessionRow | undefined): void {
  if (session?.second_factor_pending) throw new UnauthenticatedError('Finish signing in with your second factor first.')
}
