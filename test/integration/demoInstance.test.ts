// The demo and production: a plain `lockstep serve` never hands out the demo's public accounts, on
// the embedded database or on PostgreSQL; `npm start` (serve --demo-if-new) still opens the demo for
// a newcomer on the embedded database it creates, records it, says so, and keeps it on loopback.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import readline from 'node:readline'
import pg from 'pg'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { DemoOnPublicAddressError, startServer } from '../../src/server.js'
import { openDatabase } from '../../src/store/database.js'
import { demoInstanceRecord } from '../../src/store/demoInstance.js'
import { migrate } from '../../src/store/migrate.js'
import { migrations } from '../../src/store/migrations/index.js'
import { insertUser } from '../../src/store/users.js'
import { sql } from 'kysely'
import { pgliteTemplate } from '../support/databases.js'
import { lockstepArgv } from '../support/lockstepCommand.js'

const cleanups: (() => Promise<void>)[] = []
afterAll(async () => {
  for (const c of cleanups.reverse()) await c()
})

function emptyDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-demo-'))
  cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }))
  return dir
}

/** An existing, migrated embedded database without the demo (as a real deployment's would be). */
function existingDataDir(): string {
  const dir = emptyDir()
  fs.cpSync(pgliteTemplate(), dir, { recursive: true })
  return dir
}

/** A new, empty database on the PostgreSQL server (nothing migrated), dropped afterwards. */
async function emptyPostgresDatabase(): Promise<string | null> {
  const serverUrl = inject('postgresUrl')
  if (!serverUrl) return null
  const name = `lockstep_demo_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  cleanups.push(async () => {
    const dropper = new pg.Client({ connectionString: serverUrl })
    await dropper.connect()
    await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await dropper.end()
  })
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return url.toString()
}

interface Served {
  child: ChildProcess
  url: string
  stdout: string
  stop(): Promise<void>
}

/** `lockstep serve <args>` as an operator runs it; resolves once it says it is ready. */
function serve(args: string[], env: Record<string, string>): Promise<Served> {
  const child = spawn(process.execPath, lockstepArgv(['serve', ...args]), {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'silent', LOCKSTEP_SMTP_PORT: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
    await exited
  }
  cleanups.push(stop)
  let stdout = ''
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  return new Promise((resolve, reject) => {
    let url: string | undefined
    // The ready line comes first; the start message ends with the demo's sign-ins, if any, written
    // at once with it: wait for the process to be quiet for a moment after the mail line.
    let settled: NodeJS.Timeout | undefined
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      stdout += `${line}\n`
      url ??= /ready at (http:\/\/\S+)/.exec(line)?.[1]
      if (url && /instance OpenPGP key/.test(stdout)) {
        clearTimeout(settled)
        settled = setTimeout(
          () =>
            resolve({
              child,
              url: url!,
              get stdout() {
                return stdout
              },
              stop,
            }),
          200,
        )
      }
    })
    child.once('exit', (code) => reject(new Error(`lockstep serve exited with ${code}: ${stderr.trim()}`)))
  })
}

/** `lockstep serve <args>` that is expected to refuse to start: its exit code and message. */
function serveRefused(args: string[], env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, lockstepArgv(['serve', ...args]), {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'silent', LOCKSTEP_SMTP_PORT: 'off', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  cleanups.push(async () => void child.kill('SIGTERM'))
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stderr })))
}

/** What a visitor (and the web UI) can learn of the demo from outside. */
async function demoAsSeenFromOutside(url: string) {
  const session = (await (await fetch(`${url}/api/v1/session`)).json()) as { demoInstance: boolean }
  const signIns = await fetch(`${url}/api/v1/demo`)
  const code = await fetch(`${url}/api/v1/demo/totp-code`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@lockstep.demo' }),
  })
  const signIn = await fetch(`${url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@lockstep.demo', password: 'sendmail-8.12.8' }),
  })
  return {
    banner: session.demoInstance,
    signIns: signIns.status,
    code: code.status === 200 ? ((await code.json()) as { code: string }).code : code.status,
    adminSignIn: signIn.status,
  }
}

async function usersOf(options: { dataDir?: string; databaseUrl?: string }): Promise<string[]> {
  const database = await openDatabase({ dataDir: options.dataDir ?? '', databaseUrl: options.databaseUrl })
  try {
    return (await database.db.selectFrom('users').select('email').execute()).map((u) => u.email)
  } finally {
    await database.close()
  }
}

const production = { banner: false, signIns: 404, code: 404, adminSignIn: 401 }

describe('a plain `lockstep serve`', () => {
  it('on a new embedded database has no demo accounts, no demo sign-ins, no authenticator codes and no banner', async () => {
    const dataDir = emptyDir()
    const server = await serve([], { LOCKSTEP_DATA: dataDir })
    expect(server.stdout).not.toMatch(/DEMO INSTANCE|lockstep\.demo/)
    expect(await demoAsSeenFromOutside(server.url)).toEqual(production)
    await server.stop()
    expect(await usersOf({ dataDir })).toEqual([])
  }, 600_000)

  it('on a new PostgreSQL database has no demo accounts, even started as `npm start` does', async () => {
    const databaseUrl = await emptyPostgresDatabase()
    if (!databaseUrl) return // reported by globalSetup as skipped
    const server = await serve([], { DATABASE_URL: databaseUrl })
    expect(server.stdout).not.toMatch(/DEMO INSTANCE|lockstep\.demo/)
    expect(await demoAsSeenFromOutside(server.url)).toEqual(production)
    await server.stop()
    // `npm start` with DATABASE_URL set: the newcomer's demo is for the embedded database only.
    const again = await serve(['--demo-if-new'], { DATABASE_URL: (await emptyPostgresDatabase())! })
    expect(await demoAsSeenFromOutside(again.url)).toEqual(production)
    await again.stop()
    expect(await usersOf({ databaseUrl })).toEqual([])
  }, 600_000)
})

describe('the newcomer start (`npm start`: serve --demo-if-new)', () => {
  it('opens the demo on the embedded database it creates, says so loudly, and keeps it a demo on loopback', async () => {
    const dataDir = emptyDir()
    const first = await serve(['--demo-if-new'], { LOCKSTEP_DATA: dataDir })
    expect(first.stdout).toContain('*** THIS IS A DEMO INSTANCE ***')
    expect(first.stdout).toContain('It listens on this machine only (loopback).')
    expect(first.stdout).toMatch(/admin@lockstep\.demo\s+instance admin/)
    const seen = await demoAsSeenFromOutside(first.url)
    expect(seen).toMatchObject({ banner: true, signIns: 200, adminSignIn: 200 })
    expect(seen.code).toMatch(/^\d{6}$/)
    await first.stop()

    const database = await openDatabase({ dataDir })
    const record = await database.db
      .selectFrom('instance_settings')
      .select('value')
      .where('name', '=', 'demo')
      .execute()
    await database.close()
    expect(record).toEqual([{ value: expect.objectContaining({ how: 'newcomer start on a new embedded database' }) }])

    // Recorded: a later plain start is still a demo, and will not listen where others reach it.
    const refused = await serveRefused(['--host', '0.0.0.0'], { LOCKSTEP_DATA: dataDir })
    expect(refused.code).toBe(1)
    expect(refused.stderr.trim()).toMatch(
      /^lockstep: this instance is a demo \(its accounts, passwords and authenticator secrets are public\) and will not listen on 0\.0\.0\.0 \(HTTP\): listen on 127\.0\.0\.1 \(LOCKSTEP_HOST\), or pass --allow-public-demo \(LOCKSTEP_ALLOW_PUBLIC_DEMO=1\)/,
    )
    const plain = await serve([], { LOCKSTEP_DATA: dataDir })
    expect(plain.stdout).toContain('*** THIS IS A DEMO INSTANCE ***')
    expect((await demoAsSeenFromOutside(plain.url)).banner).toBe(true)
    await plain.stop()
  }, 900_000)

  it('leaves an existing embedded database without the demo', async () => {
    const dataDir = existingDataDir()
    const config = loadConfig({ PORT: '0', LOCKSTEP_DATA: dataDir, LOG_LEVEL: 'silent', LOCKSTEP_SMTP_PORT: 'off' })
    const server = await startServer({ config, demo: 'if-new', logger: false })
    expect(server.demo).toBeNull()
    expect(await server.database.db.selectFrom('users').select('id').execute()).toEqual([])
    await server.stop()
  }, 400_000)
})

describe('a demo instance on an address others can reach', () => {
  it('is refused on HTTP and on SMTP unless allowed on purpose', async () => {
    const dataDir = existingDataDir()
    const settings = { PORT: '0', LOCKSTEP_DATA: dataDir, LOG_LEVEL: 'silent' }
    const onAll = loadConfig({ ...settings, LOCKSTEP_HOST: '0.0.0.0', LOCKSTEP_SMTP_PORT: 'off' })
    await expect(startServer({ config: onAll, demo: true, logger: false })).rejects.toThrow(DemoOnPublicAddressError)
    const smtpOnAll = loadConfig({ ...settings, LOCKSTEP_SMTP_PORT: '0', LOCKSTEP_SMTP_HOST: '0.0.0.0' })
    await expect(startServer({ config: smtpOnAll, demo: true, logger: false })).rejects.toThrow(
      /will not listen on 0\.0\.0\.0 \(SMTP\): listen on 127\.0\.0\.1 \(LOCKSTEP_SMTP_HOST\)/,
    )
    const allowed = await startServer({ config: onAll, demo: true, allowPublicDemo: true, logger: false })
    expect(allowed.demo?.map((d) => d.email)).toContain('admin@lockstep.demo')
    await allowed.stop()
    // A real instance listens wherever it is told.
    const real = await startServer({
      config: loadConfig({
        ...settings,
        LOCKSTEP_HOST: '0.0.0.0',
        LOCKSTEP_SMTP_PORT: 'off',
        LOCKSTEP_DATA: existingDataDir(),
      }),
      logger: false,
    })
    expect(real.demo).toBeNull()
    await real.stop()
  }, 400_000)
})

describe('an instance seeded by an earlier version (the demo on every embedded start)', () => {
  it('is recorded as a demo when it is migrated, so that it says so from then on', async () => {
    const databaseUrl = await emptyPostgresDatabase()
    if (!databaseUrl) return // reported by globalSetup as skipped
    const database = await openDatabase({ databaseUrl, dataDir: '' })
    try {
      // The database as version 13 left it, with the demo's admin in it.
      await sql`CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`.execute(
        database.db,
      )
      for (const m of migrations.filter((m) => m.version <= 13)) {
        await sql.raw(m.up).execute(database.db)
        await database.db.insertInto('schema_migrations').values({ version: m.version, name: m.name }).execute()
      }
      await insertUser(database.db, { email: 'admin@lockstep.demo', name: 'Ada Admin', password_hash: 'x' })
      await migrate(database.db)
      expect(await demoInstanceRecord(database.db)).toMatchObject({ how: 'demo accounts found by migration 14' })
    } finally {
      await database.close()
    }
  }, 200_000)
})
