// What the admin reads of federation: messages sent (with their delivery state) and received,
// and the instance's own ledger with the verdict on its chain.
import type { Actor } from '../../domain/actor.js'
import { authorize } from '../../domain/policy/index.js'
import type { Db } from '../../store/db.js'
import { listReceived } from '../../store/federation/inbox.js'
import { readInstanceLedger, verifyInstanceLedger } from '../../store/federation/instanceLedger.js'
import { listOutbox } from '../../store/federation/outbox.js'

export async function federationActivity(db: Db, actor: Actor) {
  authorize(actor, 'list_peers', { type: 'instance' })
  const [sent, received] = await Promise.all([listOutbox(db), listReceived(db)])
  return {
    sent: sent.map((m) => ({
      activityId: m.activity_id,
      activityType: m.activity_type,
      peer: m.base_url,
      status: m.status,
      attempts: m.attempts,
      nextAttemptAt: m.next_attempt_at.toISOString(),
      lastError: m.last_error,
      createdAt: m.created_at.toISOString(),
      deliveredAt: m.delivered_at?.toISOString() ?? null,
    })),
    received: received.map((r) => ({
      activityId: r.activity_id,
      activityType: r.activity_type,
      peer: r.base_url,
      receivedAt: r.received_at.toISOString(),
    })),
  }
}

export async function instanceLedgerFor(db: Db, actor: Actor) {
  authorize(actor, 'list_peers', { type: 'instance' })
  const verdict = await verifyInstanceLedger(db)
  const entries = await readInstanceLedger(db, { limit: 200 })
  return {
    verdict: verdict.ok ? { ok: true, count: verdict.count } : { ok: false, reason: verdict.firstBad.reason },
    entries: entries.map((e) => ({
      sequence: e.sequence,
      instant: e.instant,
      actor: e.actor,
      kind: e.kind,
      payload: e.payload,
      hash: e.hash,
    })),
  }
}
