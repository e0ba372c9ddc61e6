// WebAuthn security keys and passkeys as a second factor. The relying party is the instance's
// public URL; challenges live on the session row, so any server of the instance can finish them.
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransportFuture,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server'
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.js'
import type { Db } from '../../store/db.js'
import type { SessionRow, UserRow } from '../../store/schema.js'
import { completeSession, recordSecondFactorFailure, type CompletedSession } from './secondFactor.js'

export interface RelyingParty {
  name: string
  id: string
  origin: string
}

export function relyingPartyFor(publicUrl: string): RelyingParty {
  const url = new URL(publicUrl)
  return { name: 'Lockstep', id: url.hostname, origin: url.origin }
}

async function saveChallenge(db: Db, sessionId: string, challenge: string): Promise<void> {
  await db.updateTable('sessions').set({ webauthn_challenge: challenge }).where('id', '=', sessionId).execute()
}

export function listCredentials(db: Db, userId: string) {
  return db
    .selectFrom('webauthn_credentials')
    .select(['id', 'name', 'created_at', 'last_used_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute()
}

export async function registrationOptions(db: Db, rp: RelyingParty, session: SessionRow, user: UserRow) {
  const existing = await db
    .selectFrom('webauthn_credentials')
    .select(['id', 'transports'])
    .where('user_id', '=', user.id)
    .execute()
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: user.email,
    userDisplayName: user.name,
    userID: new TextEncoder().encode(user.id),
    attestationType: 'none',
    excludeCredentials: existing.map((c) => ({ id: c.id, transports: c.transports as AuthenticatorTransportFuture[] })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
  })
  await saveChallenge(db, session.id, options.challenge)
  return options
}

export async function registerCredential(
  db: Db,
  rp: RelyingParty,
  session: SessionRow,
  user: UserRow,
  name: string,
  response: RegistrationResponseJSON,
): Promise<void> {
  if (!session.webauthn_challenge) throw new ConflictError('Ask for registration options first.')
  const result = await verifyRegistrationResponse({
    response,
    expectedChallenge: session.webauthn_challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.id,
    requireUserVerification: false,
  }).catch((e: Error) => {
    throw new ValidationError({ field: 'response', message: `was not accepted: ${e.message}` })
  })
  if (!result.verified) throw new ValidationError({ field: 'response', message: 'could not be verified' })
  const c = result.registrationInfo.credential
  await db
    .insertInto('webauthn_credentials')
    .values({
      id: c.id,
      user_id: user.id,
      name,
      public_key: Buffer.from(c.publicKey),
      counter: c.counter,
      transports: c.transports ?? [],
    })
    .execute()
  await saveChallenge(db, session.id, '')
}

export async function authenticationOptions(db: Db, rp: RelyingParty, session: SessionRow) {
  const creds = await db
    .selectFrom('webauthn_credentials')
    .select(['id', 'transports'])
    .where('user_id', '=', session.user_id)
    .execute()
  if (creds.length === 0) throw new ConflictError('No security key is registered for this account.')
  const options = await generateAuthenticationOptions({
    rpID: rp.id,
    allowCredentials: creds.map((c) => ({ id: c.id, transports: c.transports as AuthenticatorTransportFuture[] })),
    userVerification: 'preferred',
  })
  await saveChallenge(db, session.id, options.challenge)
  return options
}

export async function verifyWebauthnSignIn(
  db: Db,
  rp: RelyingParty,
  session: SessionRow,
  response: AuthenticationResponseJSON,
  ttlHours: number,
): Promise<CompletedSession> {
  if (!session.second_factor_pending) throw new ConflictError('This session has already passed its second factor.')
  if (!session.webauthn_challenge) throw new ConflictError('Ask for sign-in options first.')
  const cred = await db
    .selectFrom('webauthn_credentials')
    .selectAll()
    .where('id', '=', response.id)
    .where('user_id', '=', session.user_id)
    .executeTakeFirst()
  if (!cred) throw new ValidationError({ field: 'id', message: 'is not a security key registered for this account' })
  const result = await verifyAuthenticationResponse({
    response,
    expectedChallenge: session.webauthn_challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.id,
    credential: {
      id: cred.id,
      publicKey: new Uint8Array(cred.public_key),
      counter: Number(cred.counter),
      transports: cred.transports as AuthenticatorTransportFuture[],
    },
    requireUserVerification: false,
  }).catch(async (e: Error) => {
    await recordSecondFactorFailure(db, session)
    throw new ValidationError({ field: 'response', message: `was not accepted: ${e.message}` })
  })
  if (!result.verified) {
    await recordSecondFactorFailure(db, session)
    throw new ValidationError({ field: 'response', message: 'could not be verified' })
  }
  await db
    .updateTable('webauthn_credentials')
    .set({ counter: result.authenticationInfo.newCounter, last_used_at: new Date() })
    .where('id', '=', cred.id)
    .execute()
  return completeSession(db, session, ttlHours)
}

export async function removeCredential(db: Db, userId: string, id: string): Promise<void> {
  const r = await db
    .deleteFrom('webauthn_credentials')
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst()
  if (Number(r.numDeletedRows) === 0) throw new NotFoundError('security key')
}
