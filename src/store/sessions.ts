// Server-side sessions. The browser holds a random token; the table holds its hash, so a copy of
// the database cannot be replayed as a cookie.
import type { Db } from './db.js'
import { compiledOnce } from './compiledOnce.js'

// Compiled once, and so not seen as a change of the caller (store/principalChanges.ts): a touch
// only moves last_seen_at forward. Never backward, so a late touch cannot revive an idle session.
const touchQuery = compiledOnce(
  (db: Db, now: Date, id: string, before: Date) =>
    db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).where('last_seen_at', '<', before),
  [new Date(0), '', new Date(0)],
)

export async function touchSession(db: Db, id: string, now: Date): Promise<void> {
  await touchQuery(db, now, id, now)
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute()
}

export async function deleteSessionsOfUser(db: Db, userId: string, exceptId?: string): Promise<number> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId)
  if (exceptId) q = q.where('id', '!=', exceptId)
  const r = await q.executeTakeFirst()
  return Number(r.numDeletedRows)
}

export function listSessionsOfUser(db: Db, userId: string) {
  return db
    .selectFrom('sessions')
    .select(['id', 'created_at', 'last_seen_at', 'expires_at', 'user_agent', 'ip'])
    .where('user_id', '=', userId)
    .where('second_factor_pending', '=', false)
    .orderBy('last_seen_at', 'desc')
    .execute()
}
