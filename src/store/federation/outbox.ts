// The federation outbox: one row per message to a peer, written in the sender's transaction (so
// the change and the message about it commit or roll back together), delivered after commit by
// adapters/jobs/federationDelivery.ts. A row is claimed (pending → sending) by one server at a
// time with SKIP LOCKED and its schedule lives on the row itself (next_attempt_at), so there is no
// separate job that could be lost; a claim by a server that died goes back at once, as mail's does.
import { sql } from 'kysely'
import type { Db } from '../db.js'
import { serverGone, thisServer } from '../servers.js'

const STALE_SENDING = '10 minutes'

export async function enqueueActivity(
  trx: Db,
  o: { peerId: string; activityId: string; activityType: string; body: string },
): Promise<string> {
  const row = await trx
    .insertInto('federation_outbox')
    .values({ peer_id: o.peerId, activity_id: o.activityId, activity_type: o.activityType, body: o.body })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Outbox rows with the peer they go to. */
const withPeer = (db: Db) =>
  db.selectFrom('federation_outbox').innerJoin('federation_peers', 'federation_peers.id', 'federation_outbox.peer_id')

/** Claims up to `limit` messages that are due, for this server to send now. */
export async function claimDueMessages(db: Db, limit: number) {
  // A claim interrupted by a crash goes back: at once when its server is gone, after ten minutes
  // when a live server seems stuck on it.
  await sql`UPDATE federation_outbox SET status = 'pending', claimed_by = NULL,
              last_error = 'delivery was interrupted (the server sending it stopped); sending again'
            WHERE status = 'sending'
              AND (claimed_at < now() - ${STALE_SENDING}::interval OR ${serverGone(sql.ref('claimed_by'))})`.execute(db)
  const { rows } = await sql<{ id: string }>`
    UPDATE federation_outbox SET status = 'sending', claimed_at = now(), claimed_by = ${thisServer},
           attempts = attempts + 1
    WHERE id IN (SELECT id FROM federation_outbox WHERE status = 'pending' AND next_attempt_at <= now()
                 ORDER BY next_attempt_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING id`.execute(db)
  if (!rows.length) return []
  return withPeer(db)
    .select([
      'federation_outbox.id',
      'federation_outbox.activity_id',
      'federation_outbox.activity_type',
      'federation_outbox.body',
      'federation_outbox.attempts',
      'federation_peers.base_url',
      'federation_peers.inbox_url',
      'federation_peers.state as peer_state',
    ])
    .where(
      'federation_outbox.id',
      'in',
      rows.map((r) => r.id),
    )
    .execute()
}

export type ClaimedMessage = Awaited<ReturnType<typeof claimDueMessages>>[number]

/** Only the claim this server holds is settled: a message put back meanwhile is left alone. */
export async function settleDelivered(trx: Db, id: string, status: number): Promise<boolean> {
  const row = await trx
    .updateTable('federation_outbox')
    .set({ status: 'delivered', delivered_at: new Date(), last_status: status, last_error: null, claimed_by: null })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .where('claimed_by', '=', thisServer)
    .returning('id')
    .executeTakeFirst()
  return Boolean(row)
}

export async function settleFailed(trx: Db, id: string, error: string, status: number | null): Promise<boolean> {
  const row = await trx
    .updateTable('federation_outbox')
    .set({ status: 'failed', last_error: error, last_status: status, claimed_by: null })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .where('claimed_by', '=', thisServer)
    .returning('id')
    .executeTakeFirst()
  return Boolean(row)
}

export async function scheduleRetry(db: Db, id: string, error: string, status: number | null, delaySeconds: number) {
  await db
    .updateTable('federation_outbox')
    .set({
      status: 'pending',
      last_error: error,
      last_status: status,
      claimed_by: null,
      next_attempt_at: new Date(Date.now() + delaySeconds * 1000),
    })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .where('claimed_by', '=', thisServer)
    .execute()
}

/** What an admin sees of the outbox: the newest first. */
export function listOutbox(db: Db, limit = 100) {
  return withPeer(db)
    .select([
      'federation_outbox.id',
      'federation_outbox.activity_id',
      'federation_outbox.activity_type',
      'federation_outbox.status',
      'federation_outbox.attempts',
      'federation_outbox.next_attempt_at',
      'federation_outbox.last_error',
      'federation_outbox.created_at',
      'federation_outbox.delivered_at',
      'federation_peers.base_url',
    ])
    .orderBy('federation_outbox.created_at', 'desc')
    .limit(limit)
    .execute()
}
