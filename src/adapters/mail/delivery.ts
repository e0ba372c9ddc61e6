// Outbound delivery. A pump moves committed outbox rows into pg-boss jobs (claiming them with SKIP
// LOCKED, so any number of servers can pump); a worker claims one row (pending → sending), renders
// and sends it, and records the outcome. A row is sent once: a job that finds it already claimed or
// sent does nothing. A claim carries the server that made it: when that server is gone (killed),
// the next server to start, or the pump of any live one, puts the message back at once. The one
// gap no mail system closes: a crash after the relay accepted the message but before the outcome
// was written (the few milliseconds of one transaction) sends it again, with the same Message-ID
// so the recipient's mail system can tell.
import type PgBoss from 'pg-boss'
import { sql } from 'kysely'
import type { Config } from '../../config.js'
import type { Db } from '../../store/db.js'
import { inTransaction } from '../../store/db.js'
import { instanceSecret } from '../../store/instanceSecrets.js'
import { appendLedger } from '../../store/ledger.js'
import { serverGone, thisServer } from '../../store/servers.js'
import { queues, sqlExecutor } from '../../jobs/jobQueue.js'
import { composeMessage, recipientKey } from '../../mail/compose.js'
import type { InstanceKey } from '../../mail/instanceKey.js'
import { replyAddressFor } from '../../mail/replyAddresses.js'
import { secretTemplates } from '../../mail/templates.js'
import { addressOf, PermanentMailError, type MailTransport } from './transport.js'

export const MAX_ATTEMPTS = 8
const WORKERS = 4
const BATCH = 50
/**
 * Messages being composed and sent at once by one server. Each takes database connections at
 * times, from the pool (20) that also answers HTTP: four batches of fifty at once starved it, and
 * requests failed waiting for a connection. Encrypting is CPU work and the relay takes five
 * connections, so more at once would not send faster.
 */
const IN_FLIGHT = 10
const STALE_SENDING = '10 minutes'
const LOST_JOB = '2 hours'
const PUMP_BATCH = 200

export interface DeliveryOptions {
  db: Db
  config: Config
  boss: PgBoss
  transport: MailTransport
  instanceKey: InstanceKey
  /** How often the pump looks for new outbox rows (ms). */
  pumpIntervalMs?: number
  log?: (message: string) => void
}

export interface DeliveryService {
  /** Queue what is waiting now (the pump also runs on its own). */
  pump(): Promise<number>
  stop(): Promise<void>
}

/** Moves waiting rows into jobs, in one transaction per batch. Answers how many. */
async function pumpOnce(db: Db, boss: PgBoss): Promise<number> {
  // A claim interrupted by a crash goes back to the queue: at once when its server is gone, after
  // ten minutes when a live server seems stuck on it.
  await sql`UPDATE mail_outbox SET status = 'pending', queued_at = NULL, claimed_by = NULL,
              last_error = 'delivery was interrupted (the server sending it stopped); sending again'
            WHERE status = 'sending'
              AND (claimed_at < now() - ${STALE_SENDING}::interval OR ${serverGone(sql.ref('claimed_by'))})`.execute(db)
  // A row whose job was lost (its retries take about an hour at most) is queued again; the claim
  // (pending → sending) keeps a second job from sending it twice.
  await sql`UPDATE mail_outbox SET queued_at = NULL
            WHERE status = 'pending' AND queued_at < now() - ${LOST_JOB}::interval`.execute(db)
  return inTransaction(db, async (trx) => {
    const { rows } = await sql<{ id: string }>`
      SELECT id FROM mail_outbox WHERE status = 'pending' AND queued_at IS NULL
      ORDER BY created_at LIMIT ${PUMP_BATCH} FOR UPDATE SKIP LOCKED`.execute(trx)
    if (rows.length === 0) return 0
    await boss.insert(
      rows.map((r) => ({ name: queues.mailDeliver, data: { outboxId: r.id }, singletonKey: r.id })),
      { db: sqlExecutor(trx) },
    )
    await trx
      .updateTable('mail_outbox')
      .set({ queued_at: new Date() })
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute()
    return rows.length
  })
}

/**
 * At start: a message queued for a job that a killed server had fetched would wait for pg-boss to
 * expire that job (minutes); queue it again now. Safe even if a live server still holds such a
 * job: whichever claims the row first (pending → sending) sends it, the other finds it claimed.
 */
async function requeueOrphans(db: Db): Promise<void> {
  await sql`UPDATE mail_outbox SET queued_at = NULL
            WHERE status = 'pending' AND queued_at IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM pgboss.job j
                              WHERE j.name = ${queues.mailDeliver} AND j.singleton_key = mail_outbox.id::text
                                AND j.state IN ('created', 'retry'))`.execute(db)
}

export async function startDelivery(o: DeliveryOptions): Promise<DeliveryService> {
  const replySecret = await instanceSecret(o.db, 'reply-address')
  const log = o.log ?? (() => undefined)
  await requeueOrphans(o.db)

  async function deliver(outboxId: string): Promise<void> {
    const m = await o.db
      .updateTable('mail_outbox')
      .set((eb) => ({
        status: 'sending',
        claimed_at: new Date(),
        claimed_by: thisServer,
        attempts: eb('attempts', '+', 1),
      }))
      .where('id', '=', outboxId)
      .where('status', '=', 'pending')
      .returningAll()
      .executeTakeFirst()
    if (!m) return

    const { rows: recent } = await sql<{ n: string }>`
      SELECT count(*) AS n FROM mail_outbox WHERE to_domain = ${m.to_domain} AND sent_at > now() - interval '1 minute'`.execute(
      o.db,
    )
    if (Number(recent[0]!.n) >= o.config.mail.perDomainPerMinute) {
      // Over the domain's rate: back in the queue for a minute, without spending an attempt.
      await o.db
        .updateTable('mail_outbox')
        .set({ status: 'pending', attempts: m.attempts - 1 })
        .where('id', '=', m.id)
        .execute()
      await o.boss.send(queues.mailDeliver, { outboxId: m.id }, { startAfter: 60 })
      return
    }

    try {
      const replyAddress =
        m.case_id && m.thread
          ? await replyAddressFor(o.db, replySecret, o.config.mail.domain, {
              caseId: m.case_id,
              thread: m.thread,
              email: m.to_address,
              userId: m.recipient_user_id,
              organizationId: m.recipient_organization_id,
              outboxId: m.id,
            })
          : null
      const key = await recipientKey(o.db, {
        address: m.to_address,
        userId: m.recipient_user_id,
        organizationId: m.recipient_organization_id,
        reportId: m.recipient_report_id,
      })
      const composed = await composeMessage(m, key, {
        from: o.config.mail.from,
        publicUrl: o.config.publicUrl,
        replyAddress,
        instancePrivateKey: o.instanceKey.armoredPrivateKey,
        relaxClearAndGreen: o.config.mail.plaintextForClearAndGreen,
      })
      await o.transport.send({ from: addressOf(o.config.mail.from), to: m.to_address }, composed.raw)
      await inTransaction(o.db, async (trx) => {
        await trx
          .updateTable('mail_outbox')
          .set({
            status: o.transport.kind === 'catcher' ? 'caught' : 'sent',
            sent_at: new Date(),
            raw: secretTemplates.has(m.template) ? null : composed.raw,
            mode: composed.mode,
            subject: composed.subject,
            last_error: null,
          })
          .where('id', '=', m.id)
          .execute()
        // An address that takes mail again is no longer failing.
        await trx.deleteFrom('mail_failing_addresses').where('address', '=', m.to_address).execute()
        // A follow-up link is a secret the database otherwise keeps only hashed: once sent, it goes.
        if (secretTemplates.has(m.template))
          await sql`UPDATE mail_outbox SET data = data - 'followUpUrl' - 'verifyUrl' WHERE id = ${m.id}`.execute(trx)
        // Mail about a case is information released to someone: the ledger says who got what, how.
        if (m.case_id) {
          await appendLedger(trx, m.case_id, { id: 'system', displayName: 'Lockstep (mail)' }, 'information.released', {
            via: 'mail',
            to: m.to_address,
            template: m.template,
            mode: composed.mode,
            tlp: m.tlp,
            messageId: m.message_id,
          })
        }
      })
    } catch (error) {
      const message = (error as Error).message.slice(0, 1000)
      const permanent = error instanceof PermanentMailError
      if (permanent || m.attempts >= MAX_ATTEMPTS) {
        await inTransaction(o.db, async (trx) => {
          await trx
            .updateTable('mail_outbox')
            .set({ status: 'failed', last_error: message })
            .where('id', '=', m.id)
            .execute()
          if (permanent) {
            await trx
              .insertInto('mail_failing_addresses')
              .values({ address: m.to_address, last_error: message })
              .onConflict((oc) => oc.column('address').doUpdateSet({ last_error: message }))
              .execute()
          }
          if (m.case_id) {
            await appendLedger(trx, m.case_id, { id: 'system', displayName: 'Lockstep (mail)' }, 'mail.failed', {
              to: m.to_address,
              template: m.template,
              permanent,
              error: message,
            })
          }
        })
        log(`mail to ${m.to_address} failed for good: ${message}`)
        return
      }
      await o.db
        .updateTable('mail_outbox')
        .set({ status: 'pending', last_error: message })
        .where('id', '=', m.id)
        .execute()
      log(`mail to ${m.to_address} will be tried again (attempt ${m.attempts} of ${MAX_ATTEMPTS}): ${message}`)
      throw error
    }
  }

  let inFlight = 0
  const waiting: (() => void)[] = []
  async function limited(outboxId: string): Promise<void> {
    if (inFlight < IN_FLIGHT) inFlight++
    else await new Promise<void>((resolve) => waiting.push(resolve)) // the slot is handed over
    try {
      await deliver(outboxId)
    } finally {
      const next = waiting.shift()
      if (next) next()
      else inFlight--
    }
  }

  // pg-boss fetches a batch per poll; a few workers with large batches keep the CPU (encryption)
  // busy when a case notifies a thousand vendors at once.
  for (let i = 0; i < WORKERS; i++) {
    await o.boss.work<{ outboxId: string }>(
      queues.mailDeliver,
      { batchSize: BATCH, pollingIntervalSeconds: 0.5 },
      async (jobs) => {
        // One failure must not fail (and so resend) the batch's other messages: each job on its own.
        const results = await Promise.allSettled(jobs.map((job) => limited(job.data.outboxId)))
        const only = results[0]
        if (jobs.length === 1 && only?.status === 'rejected') throw only.reason
        for (const [j, r] of results.entries())
          if (r.status === 'rejected' && jobs.length > 1)
            await o.boss.fail(queues.mailDeliver, jobs[j]!.id, { message: String((r.reason as Error).message) })
      },
    )
  }

  let stopped = false
  let timer: NodeJS.Timeout | undefined
  let running: Promise<unknown> = Promise.resolve()
  const loop = () => {
    if (stopped) return
    running = pumpOnce(o.db, o.boss)
      .catch((error: Error) => log(`mail pump: ${error.message}`))
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, o.pumpIntervalMs ?? 1000)
      })
  }
  timer = setTimeout(loop, 0)

  return {
    pump: () => pumpOnce(o.db, o.boss),
    async stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      await running
      await o.boss.offWork(queues.mailDeliver)
    },
  }
}
