// Creating, resolving and ending sessions; resolving API tokens. This is the one place that turns
// a bearer secret into an actor.
import type { UserActor } from '../../domain/actor.js'
import { hashSecret, newSecret } from '../../security/tokens.js'
import type { Db } from '../../store/db.js'
import type { SessionRow, UserRow } from '../../store/schema.js'
import { deleteSession, findSessionByTokenHash, touchSession } from '../../store/sessions.js'
import { loadActor } from '../../store/users.js'

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

export async function resolveSession(db: Db, token: string, idleHours: number, now = new Date()): Promise<ResolvedSession | undefined> {
  const session = await findSessionByTokenHash(db, hashSecret(token))
  if (!session) return undefined
  const idleLimit = session.last_seen_at.getTime() + idleHours * 3_600_000
  if (session.expires_at <= now || idleLimit <= now.getTime()) {
    await deleteSession(db, session.id)
    return undefined
  }
  const loaded = await loadActor(db, session.user_id, 'session')
  if (!loaded) return undefined
  if (now.getTime() - session.last_seen_at.getTime() > TOUCH_EVERY_MS) await touchSession(db, session.id, now)
  return { session, ...loaded }
}

export async function resolveApiToken(db: Db, token: string, now = new Date()): Promise<{ actor: UserActor; user: UserRow } | undefined> {
  const row = await db.selectFrom('api_tokens').selectAll().where('token_hash', '=', hashSecret(token)).executeTakeFirst()
  if (!row || row.revoked_at || (row.expires_at && row.expires_at <= now)) return undefined
  const loaded = await loadActor(db, row.user_id, 'token')
  if (!loaded) return undefined
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > TOUCH_EVERY_MS) {
    await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute()
  }
  return loaded
}
