// Delivering the federation outbox (store/federation/outbox.ts) after commit: a loop on every
// server claims due messages (SKIP LOCKED, so servers share the work), signs each afresh and
// posts it to the peer's inbox. 2xx: delivered, and the instance ledger says so, in one
// transaction. A body the peer can never take (400, 413, 422…): failed at once. Anything else (the
// peer down, 5xx, not yet pinned there): retried with doubling delays, up to MAX_DELIVERY_ATTEMPTS.
// At least once: a crash between the peer's 2xx and our commit sends it again, and the peer
// answers that activity id as a duplicate without applying it twice.
import type { JsonValue } from '../../domain/ledger.js'
import { isPermanentRefusal, MAX_DELIVERY_ATTEMPTS, retryDelaySeconds } from '../../domain/federation/rules.js'
import { signedPostHeaders } from '../../commands/federation/signing.js'
import type { Db } from '../../store/db.js'
import { inGroupCommit } from '../../store/groupCommit.js'
import { ensureFederationKey } from '../../store/federation/key.js'
import { appendInstanceLedger } from '../../store/federation/instanceLedger.js'
import {
  claimDueMessages,
  scheduleRetry,
  settleDelivered,
  settleFailed,
  type ClaimedMessage,
} from '../../store/federation/outbox.js'
import { postSigned } from '../federation/client.js'
import type { FederationKeyPair } from '../../security/federationKey.js'

const BATCH = 64
const system = { id: 'system', displayName: 'Lockstep (federation)' }

export interface FederationDeliveryOptions {
  db: Db
  /** How often the loop looks for due messages (ms). */
  intervalMs?: number
  /** The first retry's delay (s); doubled at each attempt. Tests shorten it. */
  retryBaseSeconds?: number
  log?: (message: string) => void
}

export interface FederationDelivery {
  /** Delivers what is due now (the loop also runs on its own); answers how many were tried. */
  runOnce(): Promise<number>
  stop(): Promise<void>
}

export function startFederationDelivery(o: FederationDeliveryOptions): FederationDelivery {
  const log = o.log ?? ((message: string) => console.error(`lockstep: ${message}`))

  async function fail(m: ClaimedMessage, error: string, status: number | null): Promise<void> {
    await inGroupCommit(o.db, async (trx) => {
      if (!(await settleFailed(trx, m.id, error, status))) return
      await appendInstanceLedger(trx, system, 'federation.failed', {
        peer: m.base_url,
        activityId: m.activity_id,
        activityType: m.activity_type,
        attempts: m.attempts,
        error,
      } satisfies JsonValue)
    })
    log(`federation: message ${m.activity_id} to ${m.base_url} failed for good: ${error}`)
  }

  async function deliver(m: ClaimedMessage, key: FederationKeyPair): Promise<void> {
    if (m.peer_state === 'removed') return fail(m, 'the peer was removed', null)
    // Re-added and not confirmed again: nothing leaves for a key no admin has confirmed.
    if (m.peer_state !== 'pinned') {
      if (m.attempts >= MAX_DELIVERY_ATTEMPTS) return fail(m, 'the peer’s fingerprint was never confirmed', null)
      const delay = retryDelaySeconds(m.attempts, o.retryBaseSeconds)
      return scheduleRetry(o.db, m.id, 'waiting for the peer’s fingerprint to be confirmed', null, delay)
    }
    const headers = signedPostHeaders(key, { inboxUrl: m.inbox_url, body: m.body })
    const outcome = await postSigned(m.inbox_url, headers, m.body)
    if (outcome.status !== null && outcome.status >= 200 && outcome.status < 300) {
      await inGroupCommit(o.db, async (trx) => {
        if (!(await settleDelivered(trx, m.id, outcome.status!))) return
        await appendInstanceLedger(trx, system, 'federation.sent', {
          peer: m.base_url,
          activityId: m.activity_id,
          activityType: m.activity_type,
          attempts: m.attempts,
          contentDigest: headers['content-digest']!,
          signatureInput: headers['signature-input']!,
        })
      })
      return
    }
    const error = outcome.error ?? `answered ${outcome.status}`
    if ((outcome.status !== null && isPermanentRefusal(outcome.status)) || m.attempts >= MAX_DELIVERY_ATTEMPTS)
      return fail(m, error, outcome.status)
    // A peer that said when to come back (429, 503) is not tried before then.
    const delay = Math.max(retryDelaySeconds(m.attempts, o.retryBaseSeconds), outcome.retryAfterSeconds ?? 0)
    await scheduleRetry(o.db, m.id, error, outcome.status, delay)
    log(
      `federation: message ${m.activity_id} to ${m.base_url} will be tried again in ${Math.round(delay)} s (attempt ${m.attempts} of ${MAX_DELIVERY_ATTEMPTS}): ${error}`,
    )
  }

  async function runOnce(): Promise<number> {
    let tried = 0
    for (;;) {
      const due = await claimDueMessages(o.db, BATCH)
      if (!due.length) return tried
      tried += due.length
      const key = await ensureFederationKey(o.db)
      const results = await Promise.allSettled(due.map((m) => deliver(m, key)))
      for (const r of results) if (r.status === 'rejected') log(`federation delivery: ${(r.reason as Error).message}`)
    }
  }

  let stopped = false
  let timer: NodeJS.Timeout | undefined
  let running: Promise<unknown> = Promise.resolve()
  const loop = () => {
    if (stopped) return
    running = runOnce()
      .catch((error: Error) => log(`federation delivery: ${error.message}`))
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, o.intervalMs ?? 1000)
      })
  }
  timer = setTimeout(loop, 0)
  return {
    runOnce,
    async stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      await running
    },
  }
}
