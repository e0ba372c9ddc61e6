// Sending to a peer: the activity written to the federation outbox in the caller's transaction
// (delivered after commit by adapters/jobs/federationDelivery.ts, at least once). The only
// activity sent for now is a ping (a Create of a Note), which proves the transport end to end.
import { randomUUID } from 'node:crypto'
import type { Actor } from '../../domain/actor.js'
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.js'
import { pingActivity } from '../../domain/federation/activities.js'
import { actorOf, normalizeBaseUrl } from '../../domain/federation/peerDocument.js'
import { authorize } from '../../domain/policy/index.js'
import { inTransaction, type Db } from '../../store/db.js'
import { enqueueActivity } from '../../store/federation/outbox.js'
import { peerById } from '../../store/federation/peers.js'

export async function sendPing(
  db: Db,
  actor: Actor,
  o: { peerId: string; text: string; ourBaseUrl: string },
): Promise<{ outboxId: string; activityId: string }> {
  authorize(actor, 'manage_peers', { type: 'instance' })
  const text = o.text.trim()
  if (!text || text.length > 2000) throw new ValidationError({ field: 'text', message: 'must be 1 to 2000 characters' })
  return inTransaction(db, async (trx) => {
    const peer = await peerById(trx, o.peerId)
    if (!peer || peer.state === 'removed') throw new NotFoundError('peer')
    if (peer.state !== 'pinned')
      throw new ConflictError(`Confirm the fingerprint of ${peer.base_url} before sending to it.`)
    const ours = normalizeBaseUrl(o.ourBaseUrl)
    const activityId = `${ours}/federation/activities/${randomUUID()}`
    const activity = pingActivity({
      id: activityId,
      from: actorOf(ours),
      to: actorOf(peer.base_url),
      text,
      at: new Date(),
    })
    const outboxId = await enqueueActivity(trx, {
      peerId: peer.id,
      activityId,
      activityType: 'Create/Note',
      body: JSON.stringify(activity),
    })
    return { outboxId, activityId }
  })
}
