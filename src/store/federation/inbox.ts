// What peers sent: the nonces of their signatures (a request replayed within the skew window is
// refused) and the activities taken, keyed on the sending peer and the activity's id, so that a
// message delivered twice (the sender retried after our answer was lost) is applied once.
import { sql } from 'kysely'
import { NONCE_MEMORY_SECONDS } from '../../domain/federation/rules.js'
import type { Db } from '../db.js'

// Forgetting old nonces at most this often, not at every message: keeping one a little longer
// than the window only refuses more, and the sweep is a write every message would wait on.
const SWEEP_EVERY_MS = 5_000
let lastSweep = 0

/** False when this peer already used this nonce. Forgets nonces older than the window meanwhile. */
export async function rememberNonce(trx: Db, peerId: string, nonce: string): Promise<boolean> {
  if (Date.now() - lastSweep >= SWEEP_EVERY_MS) {
    await sql`DELETE FROM federation_nonces WHERE seen_at < now() - make_interval(secs => ${NONCE_MEMORY_SECONDS})`.execute(
      trx,
    )
    lastSweep = Date.now()
  }
  const row = await trx
    .insertInto('federation_nonces')
    .values({ peer_id: peerId, nonce })
    .onConflict((oc) => oc.columns(['peer_id', 'nonce']).doNothing())
    .returning('nonce')
    .executeTakeFirst()
  return Boolean(row)
}

/** False when this activity from this peer was taken before (nothing is written then). */
export async function recordReceived(
  trx: Db,
  o: { peerId: string; activityId: string; activityType: string; activity: unknown },
): Promise<boolean> {
  const row = await trx
    .insertInto('federation_inbox')
    .values({
      peer_id: o.peerId,
      activity_id: o.activityId,
      activity_type: o.activityType,
      activity: JSON.stringify(o.activity),
    })
    .onConflict((oc) => oc.columns(['peer_id', 'activity_id']).doNothing())
    .returning('activity_id')
    .executeTakeFirst()
  return Boolean(row)
}

export function listReceived(db: Db, limit = 100) {
  return db
    .selectFrom('federation_inbox')
    .innerJoin('federation_peers', 'federation_peers.id', 'federation_inbox.peer_id')
    .select([
      'federation_inbox.activity_id',
      'federation_inbox.activity_type',
      'federation_inbox.received_at',
      'federation_peers.base_url',
    ])
    .orderBy('federation_inbox.received_at', 'desc')
    .limit(limit)
    .execute()
}
