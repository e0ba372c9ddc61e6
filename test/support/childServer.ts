// The real server as a child process, for the tests that kill it: `lockstep serve` of this
// checkout (lockstepCommand.ts), on a database of its own (a copy of the prepared PGlite folder,
// or a new database on the PostgreSQL server), killed with SIGKILL and started again on the same
// data.
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import readline from 'node:readline'
import { openDatabase, type OpenDatabase } from '../../src/store/database.js'
import { openTestDatabase, pgliteTemplate, type Backend } from './databases.js'
import { lockstepArgv } from './lockstepCommand.js'

export interface ChildServer {
  child: ChildProcess
  url: string
  smtpPort: number
  /** Kills the process without warning (SIGKILL) and waits until it is gone. */
  kill(): Promise<void>
  /** Stops it as an operator would (SIGTERM) and waits until it is gone. */
  stop(): Promise<void>
}

const running = new Set<ChildProcess>()

/** Kills whatever a failed test left running (its servers, by their own process ids). */
export async function killStrays(): Promise<void> {
  await Promise.all(
    [...running].map((child) => {
      const gone = new Promise((r) => child.once('exit', r))
      child.kill('SIGKILL')
      return gone
    }),
  )
}

export function serveChild(env: Record<string, string>): Promise<ChildServer> {
  const child = spawn(process.execPath, lockstepArgv(['serve', '--no-demo']), {
    // Behind a trusted proxy, so the clients' X-Forwarded-For spreads them over many addresses and
    // the per-address limits do not stop the flow.
    env: {
      ...process.env,
      PORT: '0',
      LOG_LEVEL: 'silent',
      LOCKSTEP_TRUST_PROXY: '1',
      LOCKSTEP_REPORT_PROOF_BITS: '4',
      LOCKSTEP_SMTP_PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  running.add(child)
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      running.delete(child)
      resolve()
    }),
  )
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal)
    await exited
  }
  return new Promise((resolve, reject) => {
    let url: string | undefined
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      url ??= /ready at (http:\/\/\S+)/.exec(line)?.[1]
      const smtpPort = /by SMTP on [\d.]+:(\d+)/.exec(line)?.[1]
      if (url && smtpPort)
        resolve({
          child,
          url,
          smtpPort: Number(smtpPort),
          kill: () => end('SIGKILL'),
          stop: () => end('SIGTERM'),
        })
    })
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)))
  })
}

export interface CrashDatabase {
  backend: Backend
  /** What the child server needs to find the database. */
  env: Record<string, string>
  /**
   * Runs `work` against the database from this process. The embedded database takes one process
   * at a time: call it only while no server runs on it.
   */
  use<T>(work: (db: OpenDatabase['db']) => Promise<T>): Promise<T>
  close(): Promise<void>
}

export async function crashDatabase(backend: Backend): Promise<CrashDatabase> {
  if (backend === 'postgres') {
    const database = await openTestDatabase('postgres')
    return {
      backend,
      env: { DATABASE_URL: database.databaseUrl! },
      use: (work) => work(database.db),
      close: () => database.close(),
    }
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-crash-'))
  fs.cpSync(pgliteTemplate(), dir, { recursive: true })
  return {
    backend,
    env: { LOCKSTEP_DATA: dir },
    async use(work) {
      const opened = await openDatabase({ dataDir: dir })
      try {
        return await work(opened.db)
      } finally {
        await opened.close()
      }
    },
    close: async () => fs.rmSync(dir, { recursive: true, force: true }),
  }
}

/** Tries `probe` until it answers something truthy; a guard against a hang, not a measure. */
export async function settle<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 150_000) {
  const until = Date.now() + timeoutMs
  let last: unknown = null
  for (;;) {
    const value = await probe().catch((error: unknown) => ((last = error), null))
    if (value) return value
    if (Date.now() > until)
      throw new Error(`${what}: not reached after ${timeoutMs / 1000} s (last error: ${String(last)})`)
    await new Promise((r) => setTimeout(r, 250))
  }
}

export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms))
