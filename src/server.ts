// Starting Lockstep: open the database, migrate, seed the demo when asked, and serve HTTP.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import type { Config } from './config.js'
import { openDatabase, type OpenDatabase } from './store/database.js'
import { migrate } from './store/migrate.js'
import { buildApp } from './adapters/http/app.js'
import { seedDemo, type DemoSignIn } from './seed/demo.js'
import { ensureLedgerKey, signLegacyHeads } from './store/ledgerHeads.js'
import { startMailService, type MailService } from './adapters/mail/mailService.js'
import type { MailTransport } from './adapters/mail/transport.js'
import { cveServicesClientFromEnv } from './adapters/cveServices/config.js'
import { stopValidators } from './commands/release/csafCheck.js'
import { startAfterReleaseWorker } from './adapters/jobs/afterRelease.js'
import { startReleaseScheduler, type Clock, type ReleaseScheduler } from './adapters/jobs/releaseScheduler.js'

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
  /** Seed demo data: by default only on the embedded database, never on a server unless asked. */
  demo?: boolean | undefined
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
    await migrate(database.db)
    // Made before anything appends, so no append races another server to make it.
    await ensureLedgerKey(database.db)
    await signLegacyHeads(database.db)
    const wantDemo = opts.demo ?? database.kind === 'embedded'
    const demo = wantDemo ? await seedDemo(database.db, { releaseInMinutes: config.demoReleaseMinutes }) : null
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
    const app = await buildApp({
      db: database.db,
      config,
      webRoot,
      demo,
      principalChanges: database.principalChanges,
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
        await releases.stop()
        await stopValidators()
        await app.close()
        await afterRelease.stop()
        await mail.stop()
        await database.close()
      },
    }
  } catch (error) {
    await database.close().catch(() => undefined)
    throw error
  }
}
