// Personal API tokens for scripts and CI: the secret is shown once at creation, stored hashed,
// and revocable at any time by its owner (or an admin, for a leaked one).
import { actorUserId, type Actor, type TokenScope } from '../../domain/actor.js'
import { BadRequestError, NotFoundError, ValidationError } from '../../domain/errors.js'
import { authorize, can, tokenLimits, type Resources } from '../../domain/policy/index.js'
import { API_TOKEN_PREFIX, hashSecret, newSecret } from '../../security/tokens.js'
import type { Db } from '../../store/db.js'
import { isUuid } from '../../store/db.js'
import type { ApiTokenRow } from '../../store/schema.js'

export const tokenResource = (t: ApiTokenRow): Resources['api_token'] => ({
  type: 'api_token',
  userId: t.user_id,
  revoked: t.revoked_at !== null,
})

export interface TokenOptions {
  expiresInDays?: number | undefined
  scope?: TokenScope | undefined
}

/**
 * A token for the user. Staff must say what it may do and when it ends (tokenLimits in the
 * policy); everyone else may leave both out (read_write, no expiry).
 */
export async function createApiToken(
  db: Db,
  userId: string,
  name: string,
  options: TokenOptions = {},
): Promise<{ token: string; row: ApiTokenRow }> {
  const owner = await db.selectFrom('users').select('instance_role').where('id', '=', userId).executeTakeFirstOrThrow()
  const limits = tokenLimits({ instanceRole: owner.instance_role })
  const { expiresInDays, scope } = options
  if (limits?.scopeRequired && !scope)
    throw new ValidationError({ field: 'scope', message: 'is required for a staff token: read or read_write' })
  if (limits && !expiresInDays)
    throw new ValidationError({
      field: 'expiresInDays',
      message: `is required for a staff token (at most ${limits.maxDays})`,
    })
  if (limits && expiresInDays && expiresInDays > limits.maxDays)
    throw new ValidationError({
      field: 'expiresInDays',
      message: `must be at most ${limits.maxDays} for a staff token`,
    })
  const token = newSecret(API_TOKEN_PREFIX)
  const row = await db
    .insertInto('api_tokens')
    .values({
      user_id: userId,
      name: name.trim(),
      token_hash: hashSecret(token),
      prefix: token.slice(0, API_TOKEN_PREFIX.length + 6),
      expires_at: expiresInDays ? new Date(Date.now() + expiresInDays * 86_400_000) : null,
      scope: scope ?? 'read_write',
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return { token, row }
}

/**
 * A token for the caller, who must be signed in with a session: the policy refuses tokens made
 * with a token (create_api_token), answered as a bad request, as ever.
 */
export async function createOwnApiToken(db: Db, actor: Actor, name: string, options: TokenOptions = {}) {
  const userId = actorUserId(actor)
  if (!userId || !can(actor, 'create_api_token', { type: 'instance' }))
    throw new BadRequestError('Create API tokens from the web UI or the CLI, not with another token.')
  return createApiToken(db, userId, name, options)
}

export function listApiTokens(db: Db, userId: string): Promise<ApiTokenRow[]> {
  return db.selectFrom('api_tokens').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').execute()
}

export async function revokeApiToken(db: Db, actor: Actor, id: string): Promise<ApiTokenRow> {
  const row = isUuid(id)
    ? await db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst()
    : undefined
  if (!row) throw new NotFoundError('API token')
  authorize(actor, 'revoke', tokenResource(row))
  return db
    .updateTable('api_tokens')
    .set({ revoked_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
}
