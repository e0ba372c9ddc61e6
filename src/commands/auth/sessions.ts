// Creating, resolving and ending sessions; resolving API tokens. This is the one place that turns
// a bearer secret into an actor.
import type { UserActor } from '../../domain/actor.js'
import { hashSecret, newSecret } from '../../security/tokens.js'
import type { Db } from '../../store/db.js'
import type { SessionRow, UserRow } from '../../store/schema.js'
import { deleteSession, touchSession } from '../../store/sessions.js'
import { principalForSession, principalForToken } from '../../store/principals.js'

export interface CreatedSession {
  /** The cookie value: shown to the browser once, stored only hashed. */
  token: string
  session: SessionRow
}

export async function createSession(
  db: Db,
  p: { userId: string; pending: boolean; ip: string | null; userAgent: string | null; ttlHours: number; now: Date },
): Promise<CreatedSession> {
  const token = newSecret()
  const session = await db
    .insertInto('sessions')
    .values({
      token_hash: hashSecret(token),
      user_id: p.userId,
      csrf_token: newSecret(),
      second_factor_pending: p.pending,
      ip: p.ip,
      user_agent: p.userAgent?.slice(0, 300) ?? null,
      last_seen_at: p.now,
      expires_at: new Date(p.now.getTime() + p.ttlHours * 3_600_000),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return { token, session }
}

export interface ResolvedSession {
  session: SessionRow
  actor: UserActor
  user: UserRow
}

// Writing last_seen_at on every request would make every read a write; a minute is precise enough.
const TOUCH_EVERY_MS = 60_000

export async function resolveSession(
  db: Db,
  token: string,
  idleHours: number,
  now = new Date(),
): Promise<ResolvedSession | undefined> {
  const found = await principalForSession(db, hashSecret(token))
  if (!found) return undefined
  const { session } = found
  const idleLimit = session.last_seen_at.getTime() + idleHours * 3_600_000
  if (session.expires_at <= now || idleLimit <= now.getTime() || !found.user) {
    await deleteSession(db, session.id)
    return undefined
  }
  if (now.getTime() - session.last_seen_at.getTime() > TOUCH_EVERY_MS) await touchSession(db, session.id, now)
  return { session, actor: found.actor, user: found.user }
}

export async function resolveApiToken(
  db: Db,
  token: string,
  now = new Date(),
): Promise<{ actor: UserActor; user: UserRow } | undefined> {
  const found = await principalForToken(db, hashSecret(token))
  if (!found || (found.tokenExpiresAt && found.tokenExpiresAt <= now)) return undefined
  if (!found.tokenLastUsedAt || now.getTime() - found.tokenLastUsedAt.getTime() > TOUCH_EVERY_MS) {
    await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', found.tokenId).execute()
  }
  return { actor: found.actor, user: found.user }
}
