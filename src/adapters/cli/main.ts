// The `lockstep` command: serve, migrate, the operator's account chores, importing OSV advisories.
import { Command, Option } from 'commander'
import { loadConfig } from '../../config.js'
import { startServer } from '../../server.js'
import { DEMO_PASSWORD } from '../../seed/demo.js'
import { accountCommands } from './accounts.js'
import { ledgerCommands } from './ledger.js'
import { peerCommands } from './peers.js'
import { importCommands } from './osvImport.js'
import { csafImportCommand } from './csafImport.js'
import { backupCommands } from './backup.js'
import { exportCommands } from './exportCase.js'
import { demoCommands } from './demo.js'
import { startDemoPeer, type DemoPeer } from './demoPeer.js'
import { withDatabase } from './withDatabase.js'
import { migrate } from '../../store/migrate.js'

const program = new Command()
  .name('lockstep')
  .description(
    'Lockstep: coordinated vulnerability disclosure and response.\nUses the embedded database in ./data (LOCKSTEP_DATA) unless DATABASE_URL is set.',
  )
  .version('0.1.0')

interface ServeOptions {
  demo?: boolean
  demoIfNew?: boolean
  allowPublicDemo?: boolean
  demoPeer?: boolean
  port?: string
  host?: string
}

program
  .command('serve')
  .description(
    'Serve Lockstep (migrates first). Never seeds the demo unless asked; an instance that holds the demo says so and listens on loopback only',
  )
  .option(
    '--demo',
    'seed the demo organizations and sign-ins (public passwords) on any database, and record it as a demo',
  )
  .option('--demo-if-new', 'seed the demo only if this start creates the embedded database (what `npm start` does)')
  .option('--no-demo', 'never seed the demo (the default; overrides --demo-if-new)')
  .option(
    '--allow-public-demo',
    'let a demo instance listen on an address other than loopback (env LOCKSTEP_ALLOW_PUBLIC_DEMO=1)',
  )
  .option(
    '--demo-peer',
    'beside the demo, start a second demo instance on the next port (its data in <data dir>-peer) sharing the demo case',
  )
  .addOption(new Option('-p, --port <port>', 'port to listen on').env('PORT'))
  .addOption(new Option('--host <host>', 'address to bind').env('LOCKSTEP_HOST'))
  .action(async (opts: ServeOptions) => {
    const env = {
      ...process.env,
      ...(opts.port ? { PORT: opts.port } : {}),
      ...(opts.host ? { LOCKSTEP_HOST: opts.host } : {}),
    }
    const config = loadConfig(env)
    const started = Date.now()
    // --demo or --no-demo when given; otherwise `npm start`'s --demo-if-new, or never.
    const demo = opts.demo ?? (opts.demoIfNew ? ('if-new' as const) : false)
    const allowPublicDemo =
      opts.allowPublicDemo === true || ['1', 'true'].includes(process.env.LOCKSTEP_ALLOW_PUBLIC_DEMO ?? '')
    const server = await startServer({ config, demo, allowPublicDemo })
    let peer: DemoPeer | null = null
    if (opts.demoPeer) {
      try {
        peer = await startDemoPeer(server, config, Number(new URL(server.url).port))
      } catch (error) {
        await server.stop()
        throw error
      }
    }
    const lines = [
      `Lockstep is ready at ${server.url} (${server.database.kind} database: ${server.database.location}; ${Date.now() - started} ms)`,
    ]
    lines.push(
      `Mail: ${server.mail.transport.kind === 'relay' ? 'outbound through the configured relay' : 'no relay configured, outbound mail is kept in the built-in catcher (Admin → Mail)'}; ` +
        (server.mail.smtp
          ? `intake and replies by SMTP on ${config.mail.listenHost}:${server.mail.smtp.port} (${config.mail.intakeAddress})`
          : 'inbound SMTP off') +
        `; instance OpenPGP key ${server.mail.instanceKey.fingerprint} at ${server.url}/.well-known/lockstep.asc`,
    )
    if (server.demo) {
      lines.push(
        '',
        ...demoWarning(config.host, allowPublicDemo),
        '',
        `Demo sign-ins (password for all: ${DEMO_PASSWORD}):`,
      )
      for (const d of server.demo)
        lines.push(
          `  ${d.email.padEnd(28)} ${d.role}${d.totpSecret ? `  (authenticator secret ${d.totpSecret}; the sign-in page shows the code)` : ''}`,
        )
    }
    if (peer)
      lines.push(
        '',
        `The demo's peer instance is ready at ${peer.server.url} (embedded database: ${peer.server.database.location}).`,
        `The two pin each other; the demo case is shared with it as ${peer.caseNumber}, with the same embargo instant.`,
        `Peer sign-in (same password): ${peer.signIn.email}  ${peer.signIn.role}`,
      )
    process.stdout.write(lines.join('\n') + '\n')
    const shutdown = async () => {
      await peer?.server.stop()
      await server.stop()
      process.exit(0)
    }
    process.once('SIGINT', shutdown)
    process.once('SIGTERM', shutdown)
  })

/** Said at every start of a demo instance, above its sign-ins, so nobody mistakes it for a real one. */
function demoWarning(host: string, allowedPublic: boolean): string[] {
  return [
    '*** THIS IS A DEMO INSTANCE ***',
    'Its accounts, passwords and authenticator secrets are public: anyone who reaches it can sign in as its admin.',
    allowedPublic
      ? `--allow-public-demo was given: it may listen where others reach it (HTTP on ${host}). Never put real reports in it.`
      : 'It listens on this machine only (loopback). Never put real reports in it.',
    'For a real deployment, run `lockstep serve` on a new database (README: "The demo and production").',
  ]
}

program
  .command('migrate')
  .description('Apply pending database migrations')
  .action(async () => {
    await withDatabase(async (db) => {
      const result = await migrate(db, (m) =>
        process.stdout.write(`applied ${String(m.version).padStart(4, '0')} ${m.name}\n`),
      )
      process.stdout.write(
        result.applied.length
          ? `database is at version ${result.current}\n`
          : `nothing to do: database is at version ${result.current}\n`,
      )
    })
  })

accountCommands(program)
ledgerCommands(program)
peerCommands(program)
csafImportCommand(importCommands(program))
backupCommands(program)
exportCommands(program)
demoCommands(program)

program.parseAsync().catch((error: Error) => {
  process.stderr.write(`lockstep: ${error.message}\n`)
  process.exit(1)
})
