// Starting Lockstep: open the database, migrate, seed the demo when asked, and serve HTTP.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import type { Config } from './config.js'
import { openDatabase, type OpenDatabase } from './store/database.js'
import { migrate } from './store/migrate.js'
import { buildApp } from './adapters/http/app.js'
import { demoSignIns, seedDemo, type DemoSignIn } from './seed/demo.js'
import { demoInstanceRecord } from './store/demoInstance.js'
import { ensureLedgerKey, signLegacyHeads } from './store/ledgerHeads.js'
import { startMailService, type MailService } from './adapters/mail/mailService.js'
import type { MailTransport } from './adapters/mail/transport.js'
import { cveServicesClientFromEnv } from './adapters/cveServices/config.js'
import { stopValidators } from './commands/release/csafCheck.js'
import { startAfterReleaseWorker } from './adapters/jobs/afterRelease.js'
import { startLateVendorsWorker } from './adapters/jobs/demoLateVendors.js'
import { scheduleLateVendors } from './seed/demoAfterRelease.js'
import { startReleaseScheduler, type Clock, type ReleaseScheduler } from './adapters/jobs/releaseScheduler.js'
import { startFederationDelivery } from './adapters/jobs/federationDelivery.js'

export interface RunningServer {
  app: FastifyInstance
  database: OpenDatabase
  url: string
  demo: DemoSignIn[] | null
  mail: MailService
  releases: ReleaseScheduler
  stop(): Promise<void>
}

// Compiled, this module is dist/server/server.js; run from source (tests, tsx) it is src/server.ts.
export const webRoot = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  import.meta.url.endsWith('.ts') ? '../dist/web' : '../web',
)

export interface StartOptions {
  config: Config
  /**
   * Seed the demo: `true` on any database (`--demo`); `'if-new'` only when this start creates the
   * embedded database (`npm start`); otherwise never. A database seeded once stays a demo instance.
   */
  demo?: boolean | 'if-new' | undefined
  /** Let a demo instance listen on an address other than loopback (its passwords are public). */
  allowPublicDemo?: boolean | undefined
  logger?: boolean | object
  /** Tests: deliver outbound mail here instead of the configured relay or catcher. */
  mailTransport?: MailTransport
  /** Tests: the clock that decides when an embargo has ended. */
  clock?: Clock
}

export async function startServer(opts: StartOptions): Promise<RunningServer> {
  const { config } = opts
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  try {
    const migrated = await migrate(database.db)
    // Made before anything appends, so no append races another server to make it.
    await ensureLedgerKey(database.db)
    await signLegacyHeads(database.db)
    // Created by this start: the very first migration was applied just now.
    const createdNow = migrated.applied.some((m) => m.version === 1)
    const seeding = opts.demo === true || (opts.demo === 'if-new' && database.kind === 'embedded' && createdNow)
    // Whatever this start asked, the database says whether the instance is a demo; a start that
    // would serve one on a public address is refused before it seeds anything.
    const demo = seeding || (await demoInstanceRecord(database.db)) ? demoSignIns : null
    if (demo && !opts.allowPublicDemo) refuseDemoOnPublicAddress(config)
    if (seeding)
      await seedDemo(database.db, {
        releaseInMinutes: config.demoReleaseMinutes,
        how: opts.demo === true ? 'asked for (--demo)' : 'newcomer start on a new embedded database',
      })
    const mail = await startMailService({
      db: database.db,
      config,
      ...(opts.mailTransport ? { transport: opts.mailTransport } : {}),
    })
    // After a release commits: the owners' alerts and the CVE Services records (its own job).
    const afterRelease = await startAfterReleaseWorker({
      db: database.db,
      config,
      boss: mail.boss,
      cvePublisher: cveServicesClientFromEnv(),
    })
    // A demo instance tells the vendors the record told after publication, after its release.
    const lateVendors = demo ? await startLateVendorsWorker(mail.boss, database.db) : null
    if (demo) await scheduleLateVendors(database.db)
    const app = await buildApp({
      db: database.db,
      config,
      webRoot,
      demo,
      principalChanges: database.principalChanges,
      liveEvents: database.liveEvents,
      ...(opts.logger !== undefined ? { logger: opts.logger } : {}),
    }).catch(async (error: unknown) => {
      await mail.stop()
      throw error
    })
    await app.listen({ host: config.host, port: config.port })
    const releases = startReleaseScheduler({
      db: database.db,
      config,
      ...(opts.clock ? { clock: opts.clock } : {}),
      log: (message, error) => app.log.error({ err: error }, message),
    })
    // Messages to peer instances, after commit, with retries (federation's outbox).
    const federation = startFederationDelivery({
      db: database.db,
      log: (message) => app.log.warn(message),
    })
    const address = app.server.address()
    const port = typeof address === 'object' && address ? address.port : config.port
    return {
      app,
      database,
      url: `http://${config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host}:${port}`,
      demo,
      mail,
      releases,
      async stop() {
        await federation.stop()
        await releases.stop()
        await stopValidators()
        await app.close()
        await afterRelease.stop()
        await lateVendors?.stop()
        await mail.stop()
        await database.close()
      },
    }
  } catch (error) {
    await database.close().catch(() => undefined)
    throw error
  }
}

export class DemoOnPublicAddressError extends Error {}

/** 127.0.0.0/8, ::1 and localhost: reachable from this machine only. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase()
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || /^::ffff:127(\.\d{1,3}){3}$/.test(h)
}

/**
 * A demo instance's admin password and authenticator secret are public: on an address others can
 * reach, anyone would be its admin. It listens on loopback only unless told otherwise.
 */
function refuseDemoOnPublicAddress(config: Config): void {
  const listeners = [
    { what: 'HTTP', host: config.host, variable: 'LOCKSTEP_HOST' },
    ...(config.mail.listenPort !== null
      ? [{ what: 'SMTP', host: config.mail.listenHost, variable: 'LOCKSTEP_SMTP_HOST' }]
      : []),
  ]
  const open = listeners.find((l) => !isLoopback(l.host))
  if (!open) return
  throw new DemoOnPublicAddressError(
    `this instance is a demo (its accounts, passwords and authenticator secrets are public) and will not listen on ${open.host} (${open.what}): ` +
      `listen on 127.0.0.1 (${open.variable}), or pass --allow-public-demo (LOCKSTEP_ALLOW_PUBLIC_DEMO=1) to show the demo to others on purpose; ` +
      `a real deployment starts \`lockstep serve\` on a new database (README: "The demo and production")`,
  )
}
