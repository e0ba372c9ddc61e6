// Resolving a bearer secret to its user and memberships in one round trip: this runs on every
// authenticated request, so it is one query, not three, and its SQL is compiled once.
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import type { UserActor } from '../domain/actor.js'
import type { Db } from './db.js'
import { compiledOnce } from './compiledOnce.js'
import type { OrganizationRole, SessionRow, UserRow } from './schema.js'

const userColumns = [
  'users.id',
  'users.email',
  'users.name',
  'users.password_hash',
  'users.instance_role',
  'users.time_zone',
  'users.totp_secret',
  'users.totp_pending_secret',
  'users.totp_enabled_at',
  'users.totp_last_step',
  'users.disabled_at',
  'users.created_at',
  'users.updated_at',
] as const

function toActor(
  userId: string,
  instanceRole: UserRow['instance_role'],
  memberships: { organization_id: string; role: OrganizationRole }[],
  via: UserActor['via'],
): UserActor {
  return {
    kind: 'user',
    userId,
    instanceRole,
    memberships: new Map(memberships.map((m) => [m.organization_id, m.role])),
    via,
  }
}

const tokenQuery = compiledOnce(
  (db: Db, tokenHash: string) =>
    db
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .select(userColumns)
      .select([
        'api_tokens.id as token_id',
        'api_tokens.last_used_at as token_last_used_at',
        'api_tokens.expires_at as token_expires_at',
        'api_tokens.scope as token_scope',
      ])
      .select((eb) =>
        jsonArrayFrom(
          eb
            .selectFrom('memberships')
            .select(['memberships.organization_id', 'memberships.role'])
            .whereRef('memberships.user_id', '=', 'users.id'),
        ).as('memberships'),
      )
      .where('api_tokens.token_hash', '=', tokenHash)
      .where('api_tokens.revoked_at', 'is', null)
      .where('users.disabled_at', 'is', null),
  [''],
)

export async function principalForToken(
  db: Db,
  tokenHash: string,
): Promise<
  | { actor: UserActor; user: UserRow; tokenId: string; tokenLastUsedAt: Date | null; tokenExpiresAt: Date | null }
  | undefined
> {
  const [row] = await tokenQuery(db, tokenHash)
  if (!row) return undefined
  const { token_id, token_last_used_at, token_expires_at, token_scope, memberships, ...user } = row
  return {
    user,
    actor: { ...toActor(user.id, user.instance_role, memberships, 'token'), scope: token_scope },
    tokenId: token_id,
    tokenLastUsedAt: token_last_used_at,
    tokenExpiresAt: token_expires_at,
  }
}

const sessionQuery = compiledOnce(
  (db: Db, tokenHash: string) =>
    db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select(userColumns)
      .select([
        'sessions.id as s_id',
        'sessions.token_hash as s_token_hash',
        'sessions.csrf_token as s_csrf_token',
        'sessions.second_factor_pending as s_second_factor_pending',
        'sessions.second_factor_failures as s_second_factor_failures',
        'sessions.webauthn_challenge as s_webauthn_challenge',
        'sessions.user_agent as s_user_agent',
        'sessions.ip as s_ip',
        'sessions.created_at as s_created_at',
        'sessions.last_seen_at as s_last_seen_at',
        'sessions.expires_at as s_expires_at',
      ])
      .select((eb) =>
        jsonArrayFrom(
          eb
            .selectFrom('memberships')
            .select(['memberships.organization_id', 'memberships.role'])
            .whereRef('memberships.user_id', '=', 'users.id'),
        ).as('memberships'),
      )
      .where('sessions.token_hash', '=', tokenHash),
  [''],
)

export async function principalForSession(
  db: Db,
  tokenHash: string,
): Promise<
  { actor: UserActor; user: UserRow; session: SessionRow } | { session: SessionRow; user?: undefined } | undefined
> {
  const [row] = await sessionQuery(db, tokenHash)
  if (!row) return undefined
  const {
    s_id,
    s_token_hash,
    s_csrf_token,
    s_second_factor_pending,
    s_second_factor_failures,
    s_webauthn_challenge,
    s_user_agent,
    s_ip,
    s_created_at,
    s_last_seen_at,
    s_expires_at,
    memberships,
    ...user
  } = row
  const session: SessionRow = {
    id: s_id,
    token_hash: s_token_hash,
    user_id: user.id,
    csrf_token: s_csrf_token,
    second_factor_pending: s_second_factor_pending,
    second_factor_failures: s_second_factor_failures,
    webauthn_challenge: s_webauthn_challenge,
    user_agent: s_user_agent,
    ip: s_ip,
    created_at: s_created_at,
    last_seen_at: s_last_seen_at,
    expires_at: s_expires_at,
  }
  if (user.disabled_at) return { session }
  return { session, user, actor: toActor(user.id, user.instance_role, memberships, 'session') }
}

// Compiled once, and so not seen as a change of the caller (store/principalChanges.ts): a touch
// only moves last_used_at forward (concurrent requests touch with slightly different clocks, and a
// move backward would be taken for a change).
const touchTokenQuery = compiledOnce(
  (db: Db, now: Date, id: string, before: Date) =>
    db
      .updateTable('api_tokens')
      .set({ last_used_at: now })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', before)])),
  [new Date(0), '', new Date(0)],
)

export async function touchApiToken(db: Db, id: string, now: Date): Promise<void> {
  await touchTokenQuery(db, now, id, now)
}
