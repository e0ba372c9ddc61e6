// Password sign-in. Creates a session; when a second factor is due (or a staff member has yet to
// enrol TOTP) the session is created "pending" and is good for nothing but finishing that step.
import { accountLimits, clientLimits } from '../../domain/loginThrottle.js'
import { RateLimitedError, UnauthenticatedError } from '../../domain/errors.js'
import { verifyPassword } from '../../security/passwords.js'
import type { Db } from '../../store/db.js'
import { clearThrottle, releaseSignInAttempt, reserveSignInAttempt } from '../../store/loginThrottles.js'
import { findUserByEmail, normaliseEmail } from '../../store/users.js'
import { createSession, type CreatedSession } from './sessions.js'
import { hasWebauthn } from './secondFactor.js'

export interface SignInProps {
  db: Db
  email: string
  password: string
  ip: string
  userAgent: string | null
  /** The device id from a valid device cookie issued to this very account, if any. */
  knownDeviceId: string | null
  knownDeviceUserId: string | null
  sessionTtlHours: number
  now?: Date
}

export type SignInStage = 'complete' | 'second_factor' | 'totp_enrolment'

export interface SignInResult extends CreatedSession {
  stage: SignInStage
  userId: string
  webauthn: boolean
}

const WRONG = 'The e-mail address or the password is not right.'

export async function signIn(props: SignInProps): Promise<SignInResult> {
  const now = props.now ?? new Date()
  const email = normaliseEmail(props.email)
  const user = await findUserByEmail(props.db, email)
  const knownDevice = props.knownDeviceId !== null && user !== undefined && props.knownDeviceUserId === user.id
  const clientKey = knownDevice ? `device:${props.knownDeviceId}` : `client:${email}|${props.ip}`
  const accountKey = `account:${email}`

  const keys = [{ key: clientKey, limits: clientLimits }]
  if (!knownDevice) keys.push({ key: accountKey, limits: accountLimits })

  // Counted as a failure before the (slow) password check, so that attempts sent together are
  // counted one by one and those beyond the lock never reach the hash.
  const reservation = await reserveSignInAttempt(props.db, keys, now)
  if (!reservation.allowed)
    throw new RateLimitedError(
      `Too many failed sign-ins. Try again in ${Math.ceil(reservation.retryAfterSeconds / 60)} minute(s), or reset your password.`,
      reservation.retryAfterSeconds,
    )

  const ok = await verifyPassword(user?.password_hash ?? null, props.password)
  if (!ok || !user || user.disabled_at) throw new UnauthenticatedError(WRONG)
  await releaseSignInAttempt(props.db, keys.slice(1), now)
  await clearThrottle(props.db, [clientKey])

  const webauthn = await hasWebauthn(props.db, user.id)
  const staff = user.instance_role !== 'none'
  const stage: SignInStage = user.totp_enabled_at || webauthn ? 'second_factor' : staff ? 'totp_enrolment' : 'complete'
  const session = await createSession(props.db, {
    userId: user.id,
    pending: stage !== 'complete',
    ip: props.ip,
    userAgent: props.userAgent,
    ttlHours: stage === 'complete' ? props.sessionTtlHours : 0.25,
    now,
  })
  return { ...session, stage, userId: user.id, webauthn }
}
