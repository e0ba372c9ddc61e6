// Creating, resolving and ending sessions; resolving API tokens. This is the one place that turns
// a bearer secret into an actor.
import type { UserActor } from '../../domain/actor.js'
import { hashSecret, newSecret } from '../../security/tokens.js'
import type { Db } from '../../store/db.js'
import type { SessionRow, UserRow } from '../../store/schema.js'
import { deleteSession, touchSession } from '../../store/sessions.js'
import { principalForSession, principalForToken, touchApiToken } from '../../store/principals.js'
import type { PrincipalChanges } from '../../store/principalChanges.js'
import { PrincipalCache } from './principalCache.js'

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

export interface ResolvedApiToken {
  actor: UserActor
  user: UserRow
  tokenId: string
  tokenLastUsedAt: Date | null
  tokenExpiresAt: Date | null
}

/** Callers resolved a moment ago, per server (principalCache.ts); absent, every request reads. */
export type ResolvedCallers = PrincipalCache<ResolvedSession | ResolvedApiToken>

export function resolvedCallers(changes: PrincipalChanges): ResolvedCallers {
  return new PrincipalCache(changes)
}

// Writing last_seen_at on every request would make every read a write; a minute is precise enough.
// The touch is not awaited: the request need not wait for it, and if it is lost the session only
// looks idle sooner than it is.
const TOUCH_EVERY_MS = 60_000

function touchLater(write: Promise<void>): void {
  write.catch((error: Error) =>
    process.stderr.write(`lockstep: recording the use of a session or token failed: ${error.message}\n`),
  )
}

export async function resolveSession(
  db: Db,
  token: string,
  idleHours: number,
  now = new Date(),
  cache?: ResolvedCallers,
): Promise<ResolvedSession | undefined> {
  const key = 's' + hashSecret(token)
  const live = (s: SessionRow) => s.expires_at > now && s.last_seen_at.getTime() + idleHours * 3_600_000 > now.getTime()
  // What was kept is trusted only while it says the session is live: its last_seen_at can only be
  // older than the stored one, so a session it finds idle is read again before it is refused.
  let resolved = cache?.get(key, now.getTime()) as ResolvedSession | undefined
  if (!resolved || !live(resolved.session)) {
    const read = async (generation: number): Promise<ResolvedSession | undefined> => {
      const found = await principalForSession(db, key.slice(1))
      if (!found) return undefined
      if (!live(found.session) || !found.user) {
        await deleteSession(db, found.session.id)
        return undefined
      }
      const fresh = { session: found.session, actor: found.actor, user: found.user }
      cache?.set(key, found.user.id, fresh, generation, now.getTime())
      return fresh
    }
    const fresh = cache ? await cache.readOnce(key, read) : await read(0)
    if (!fresh) return undefined
    // Another request sharing the read may have touched the session already (and kept that).
    resolved = (cache?.get(key, now.getTime()) as ResolvedSession | undefined) ?? fresh
  }
  if (now.getTime() - resolved.session.last_seen_at.getTime() > TOUCH_EVERY_MS) {
    touchLater(touchSession(db, resolved.session.id, now))
    resolved = { ...resolved, session: { ...resolved.session, last_seen_at: now } }
    cache?.replace(key, resolved)
  }
  return resolved
}

export async function resolveApiToken(
  db: Db,
  token: string,
  now = new Date(),
  cache?: ResolvedCallers,
): Promise<{ actor: UserActor; user: UserRow } | undefined> {
  const key = 't' + hashSecret(token)
  let found = cache?.get(key, now.getTime()) as ResolvedApiToken | undefined
  if (!found) {
    const read = async (generation: number): Promise<ResolvedApiToken | undefined> => {
      const fresh = await principalForToken(db, key.slice(1))
      if (fresh) cache?.set(key, fresh.user.id, fresh, generation, now.getTime())
      return fresh
    }
    const fresh = cache ? await cache.readOnce(key, read) : await read(0)
    if (!fresh) return undefined
    // Another request sharing the read may have touched the token already (and kept that).
    found = (cache?.get(key, now.getTime()) as ResolvedApiToken | undefined) ?? fresh
  }
  if (found.tokenExpiresAt && found.tokenExpiresAt <= now) return undefined
  if (!found.tokenLastUsedAt || now.getTime() - found.tokenLastUsedAt.getTime() > TOUCH_EVERY_MS) {
    touchLater(touchApiToken(db, found.tokenId, now))
    found = { ...found, tokenLastUsedAt: now }
    cache?.replace(key, found)
  }
  return { actor: found.actor, user: found.user }
}
