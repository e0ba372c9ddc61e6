// Mail, both ways, for one running instance: the job queue, the instance key, outbound delivery
// (a relay or the built-in catcher), the inbound SMTP listener and the worker that processes what
// it stored. Every server of an instance may run one; they share the work through the database.
import type PgBoss from 'pg-boss'
import type { Config } from '../../config.js'
import type { Db } from '../../store/db.js'
import { queues, startJobQueue } from '../../jobs/jobQueue.js'
import { startDelivery, type DeliveryService } from './delivery.js'
import { ensureInstanceKey, type InstanceKey } from '../../mail/instanceKey.js'
import { processInbound } from './inbound/process.js'
import { requeueUnprocessedMail } from './inbound/recover.js'
import { warnExpiringKeys } from '../../mail/keyExpiry.js'
import { followUpSilentVendors } from '../../commands/vendors/followUp.js'
import { startDigestJob } from '../jobs/digest.js'
import { startSmtpListener, type SmtpListener } from './inbound/listener.js'
import { addressOf, createMailTransport, type MailTransport } from './transport.js'

export interface MailService {
  boss: PgBoss
  instanceKey: InstanceKey
  delivery: DeliveryService
  transport: MailTransport
  /** The inbound listener, or null when LOCKSTEP_SMTP_PORT=off. */
  smtp: SmtpListener | null
  stop(): Promise<void>
}

export async function startMailService(o: {
  db: Db
  config: Config
  transport?: MailTransport
  log?: (message: string) => void
  pumpIntervalMs?: number
}): Promise<MailService> {
  const log = o.log ?? ((message: string) => console.error(`lockstep: ${message}`))
  const boss = await startJobQueue(o.db)
  let delivery: DeliveryService | undefined
  try {
    const instanceKey = await ensureInstanceKey(o.db, 'Lockstep', addressOf(o.config.mail.from))
    const transport = o.transport ?? createMailTransport(o.config.mail.relayUrl)
    delivery = await startDelivery({
      db: o.db,
      config: o.config,
      boss,
      transport,
      instanceKey,
      log,
      ...(o.pumpIntervalMs ? { pumpIntervalMs: o.pumpIntervalMs } : {}),
    })
    await boss.work<{ inboundId: string }>(
      queues.inboundProcess,
      { batchSize: 25, pollingIntervalSeconds: 0.5 },
      async (jobs) => {
        await Promise.all(
          jobs.map((job) => processInbound({ db: o.db, config: o.config, instanceKey }, job.data.inboundId)),
        )
      },
    )
    const requeued = await requeueUnprocessedMail(o.db, boss)
    if (requeued) log(`${requeued} received mail(s) not yet processed were queued again`)
    await boss.work(queues.keyExpiry, async () => {
      await warnExpiringKeys(o.db)
    })
    await boss.schedule(queues.keyExpiry, '0 6 * * *', {}, { tz: 'UTC' })
    await warnExpiringKeys(o.db).catch((error: Error) => log(`key expiry check: ${error.message}`))
    await boss.work(queues.vendorFollowUp, async () => {
      await followUpSilentVendors(o.db, new Date(), o.config.vendorFollowUp)
    })
    await boss.schedule(queues.vendorFollowUp, '17 * * * *', {}, { tz: 'UTC' })
    await startDigestJob(boss, o.db)
    const smtp =
      o.config.mail.listenPort === null ? null : await startSmtpListener({ db: o.db, mail: o.config.mail, boss, log })
    const started = delivery
    return {
      boss,
      instanceKey,
      delivery: started,
      transport,
      smtp,
      async stop() {
        await smtp?.stop()
        await started.stop()
        await boss.offWork(queues.inboundProcess)
        await boss.offWork(queues.keyExpiry)
        await boss.offWork(queues.vendorFollowUp)
        await boss.offWork(queues.needsDigest)
        await boss.stop({ graceful: true, wait: true, timeout: 10_000 })
        transport.close()
      },
    }
  } catch (error) {
    await delivery?.stop().catch(() => undefined)
    await boss.stop({ graceful: false, wait: true, timeout: 2000 }).catch(() => undefined)
    throw error
  }
}
