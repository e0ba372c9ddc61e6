// `npm run bench:http`: autocannon (50 connections, 10 s by default) against a bare fastify JSON
// route and against an authenticated Lockstep API read (API token -> actor -> policy -> query ->
// presenter; and the same by session cookie), on the PostgreSQL server and on the embedded
// database, in one run; then the cold start of `lockstep serve` on the embedded database. Prints
// req/s, p50/p99 and the ratio.
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import readline from 'node:readline'
import autocannon from 'autocannon'
import pg from 'pg'

const seconds = Number(process.env.BENCH_SECONDS ?? 10)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50)
const warmup = Number(process.env.BENCH_WARMUP_SECONDS ?? 5)
const postgresUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

interface Target {
  url: string
  token?: string
  /** The session cookie (name=value) of the same user, for the cookie rows. */
  cookie?: string
  child: ChildProcess
}

async function startTarget(kind: 'bare' | 'embedded' | 'postgres', env: Record<string, string> = {}): Promise<Target> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/target.ts', kind], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const line = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).once('line', resolve)
    child.once('exit', (code) => reject(new Error(`${kind} target exited with ${code}`)))
  })
  return { ...(JSON.parse(line) as { url: string; token?: string; cookie?: string }), child }
}

async function stop(t: Target): Promise<void> {
  const exited = new Promise((r) => t.child.once('exit', r))
  t.child.kill('SIGTERM')
  await exited
}

interface Figures {
  rps: number
  p50: number
  p99: number
  errors: number
  non2xx: number
}

async function load(t: Target, label: string): Promise<Figures> {
  const headers: Record<string, string> = t.token
    ? { authorization: `Bearer ${t.token}` }
    : t.cookie
      ? { cookie: t.cookie }
      : {}
  // A warm-up so that JIT, connection pools and the kept callers are in their steady state, and a
  // new server's own start-up work (a fresh database's first writes, loading modules) is done.
  await autocannon({ url: t.url, connections, duration: warmup, headers })
  process.stdout.write(`  ${label}: ${seconds} s with ${connections} connections...\n`)
  const r = await autocannon({ url: t.url, connections, duration: seconds, headers })
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx }
}

/** The same read, signed in by the session cookie instead of the API token. */
function byCookie(t: Target): Target {
  const c = { ...t }
  delete c.token
  return c
}

async function postgresDatabase(): Promise<{ url: string; drop(): Promise<void> } | null> {
  const admin = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 3000 })
  try {
    await admin.connect()
  } catch (error) {
    process.stdout.write(
      `PostgreSQL not reachable at ${postgresUrl} (${(error as Error).message}): its rows are skipped\n`,
    )
    return null
  }
  const name = `lockstep_bench_${Date.now()}`
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const url = new URL(postgresUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: postgresUrl })
      await c.connect()
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await c.end()
    },
  }
}

async function coldStart(dataDir: string): Promise<number> {
  const started = performance.now()
  const child = spawn(process.execPath, ['bin/lockstep.js', 'serve', '--no-demo'], {
    env: { ...process.env, PORT: '18571', LOCKSTEP_DATA: dataDir, LOG_LEVEL: 'warn', LOCKSTEP_SMTP_PORT: '0' },
    stdio: 'ignore',
  })
  try {
    for (;;) {
      try {
        const res = await fetch('http://127.0.0.1:18571/readyz')
        if (res.ok) return performance.now() - started
      } catch {
        // not listening yet
      }
      if (performance.now() - started > 60_000) throw new Error('server did not become ready within 60 s')
      await new Promise((r) => setTimeout(r, 25))
    }
  } finally {
    const exited = new Promise((r) => child.once('exit', r))
    child.kill('SIGTERM')
    await exited
  }
}

const row = (name: string, f: Figures, base?: Figures) =>
  `  ${name.padEnd(34)} ${f.rps.toFixed(0).padStart(8)} req/s   p50 ${String(f.p50).padStart(3)} ms   p99 ${String(f.p99).padStart(3)} ms` +
  (base ? `   ratio ${(f.rps / base.rps).toFixed(2)}` : '') +
  (f.errors || f.non2xx ? `   (${f.errors} errors, ${f.non2xx} non-2xx)` : '')

process.stdout.write(
  `Lockstep HTTP benchmark: ${connections} connections, ${seconds} s per target, node ${process.version}, ${os.cpus().length} CPUs\n`,
)
const results: [string, Figures][] = []

const bare = await startTarget('bare')
results.push(['(a) bare fastify JSON route', await load(bare, 'bare fastify')])
await stop(bare)

const pgdb = await postgresDatabase()
if (pgdb) {
  const t = await startTarget('postgres', { BENCH_DATABASE_URL: pgdb.url })
  results.push(['(b) GET organization, PostgreSQL', await load(t, 'Lockstep on PostgreSQL')])
  results.push(['(d) same, session cookie, PostgreSQL', await load(byCookie(t), 'Lockstep on PostgreSQL, cookie')])
  // The same server's whole HTTP stack (hooks, headers, zod) without a database round trip: the
  // difference to (b) is what the two PostgreSQL queries per request cost.
  const healthz = { ...t, url: new URL('/healthz', t.url).toString() }
  delete healthz.token
  delete healthz.cookie
  results.push(['(c) GET /healthz, same server, no DB', await load(healthz, 'Lockstep without the database')])
  await stop(t)
  await pgdb.drop()
}
const embedded = await startTarget('embedded')
results.push(['(b) GET organization, embedded', await load(embedded, 'Lockstep on the embedded database')])
results.push([
  '(d) same, session cookie, embedded',
  await load(byCookie(embedded), 'Lockstep on the embedded database, cookie'),
])
await stop(embedded)

process.stdout.write('\nThroughput and latency (ratio = b / a, same run):\n')
const base = results[0]![1]
for (const [name, f] of results) process.stdout.write(row(name, f, name.startsWith('(a)') ? undefined : base) + '\n')

if (fs.existsSync('dist/server/adapters/cli/main.js')) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-cold-'))
  const first = await coldStart(dir)
  const second = await coldStart(dir)
  fs.rmSync(dir, { recursive: true, force: true })
  process.stdout.write(
    `\nCold start of \`lockstep serve\` to /readyz on the embedded database: first run ${(first / 1000).toFixed(2)} s, after the first run ${(second / 1000).toFixed(2)} s\n`,
  )
} else {
  process.stdout.write('\nCold start skipped: run `npm run build` first\n')
}
