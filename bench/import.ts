// `npm run bench:import`, on PostgreSQL: (a) a generated CERT/CC archive of 20,000 notes and
// 30,000 vendor records imported as `lockstep import certcc` does it: notes per second (target
// >= 1,000/s) and the process's peak memory (target <= 500 MB); (b) the metrics API over the
// 20,000 cases it made: p50/p95 of GET /api/v1/metrics, all years and one year (target p95 <=
// 200 ms). BENCH_NOTES makes the archive smaller on a slow machine; BENCH_CONCURRENCY sets the
// notes written at once. BENCH_KEEP keeps the database and prints its URL; BENCH_DATABASE_URL
// measures only the metrics, again, over a database kept so (the import takes minutes).
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { createBenchDatabase } from './benchDatabase.js'
import { loadConfig } from '../src/config.js'
import { system } from '../src/domain/actor.js'
import { openDatabase } from '../src/store/database.js'
import type { Db } from '../src/store/db.js'
import { migrate } from '../src/store/migrate.js'
import { buildApp } from '../src/adapters/http/app.js'
import { importCertccArchive } from '../src/commands/imports/certcc.js'
import { createApiToken } from '../src/commands/accounts/apiTokens.js'
import { insertUser } from '../src/store/users.js'
import { writeGeneratedArchive } from '../test/support/certccArchive.js'

const NOTES = Number(process.env.BENCH_NOTES ?? 20_000)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4)
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 40)
const line = (s: string) => process.stdout.write(`${s}\n`)
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`

const kept = process.env.BENCH_DATABASE_URL
const dir = await mkdtemp(path.join(os.tmpdir(), 'lockstep-bench-certcc-'))
const bench = kept ? { url: kept, drop: async () => {} } : await createBenchDatabase('import')
try {
  const database = await openDatabase({ databaseUrl: bench.url, dataDir: '', poolSize: CONCURRENCY + 2 })
  const db = database.db
  await migrate(db)
  const cases = kept
    ? Number((await sql<{ n: string }>`SELECT count(*) AS n FROM cases`.execute(db)).rows[0]!.n)
    : await importArchive(db)
  if (kept) await sql`ANALYZE`.execute(db)
  await measureMetrics(db, cases)
  await database.close()
} finally {
  if (process.env.BENCH_KEEP && !kept) line(`  kept ${bench.url}`)
  else if (!kept) await bench.drop()
  await rm(dir, { recursive: true, force: true })
}

/** (a) The archive written and imported; answers how many notes were imported. */
async function importArchive(db: Db): Promise<number> {
  line(`Writing an archive of ${NOTES.toLocaleString('en')} notes to ${dir}...`)
  const written = await writeGeneratedArchive(dir, { notes: NOTES })
  line(
    `  ${written.vendorRecords.toLocaleString('en')} vendor records, ${written.published.toLocaleString('en')} notes published`,
  )
  let peak = process.memoryUsage().rss
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss)
  }, 100)
  const cpuBefore = process.cpuUsage()
  const started = performance.now()
  const summary = await importCertccArchive(db, dir, {
    actor: system,
    concurrency: CONCURRENCY,
    onProgress: (p) =>
      process.stderr.write(`\r  ${p.done}/${p.total} notes, ${Math.round(p.notesPerSecond)} notes/s\u001b[K`),
  })
  const seconds = (performance.now() - started) / 1000
  const cpu = process.cpuUsage(cpuBefore)
  clearInterval(sampler)
  peak = Math.max(peak, process.memoryUsage().rss)
  process.stderr.write('\n')
  const rate = summary.imported / seconds
  line(
    `import: ${summary.imported.toLocaleString('en')} notes in ${seconds.toFixed(1)} s = ${Math.round(rate).toLocaleString('en')} notes/s (target >= 1,000/s) ${rate >= 1000 ? 'PASS' : 'MISS'}`,
  )
  line(
    `  skipped ${summary.skipped.length}, vendors created ${summary.vendorsCreated}, warnings ${JSON.stringify(summary.warnings)}`,
  )
  // On a shared machine the rate follows the load; this process's own CPU per note does not.
  line(
    `  this process's CPU: ${((cpu.user + cpu.system) / 1000 / Math.max(1, summary.imported)).toFixed(2)} ms per note`,
  )
  line(`  peak RSS ${mb(peak)} (target <= 500 MB) ${peak <= 500 * 1024 * 1024 ? 'PASS' : 'MISS'}`)
  return summary.imported
}

/** (b) The metrics API over the imported cases, through HTTP with a coordinator's token. */
async function measureMetrics(db: Db, cases: number) {
  const app = await buildApp({
    db,
    config: { ...loadConfig({ LOG_LEVEL: 'silent' }), publicUrl: 'http://localhost' },
    logger: false,
  })
  await app.ready()
  const user = await insertUser(db, {
    email: `bench-${Date.now()}@example.test`,
    name: 'Bench Coordinator',
    password_hash: null,
    instance_role: 'coordinator',
  })
  const { token } = await createApiToken(db, user.id, 'bench', { expiresInDays: 1, scope: 'read' })
  const auth = { authorization: `Bearer ${token}` }
  for (const [label, url] of [
    ['all years', '/api/v1/metrics'],
    ['one year', '/api/v1/metrics?year=2005'],
  ] as const) {
    const times: number[] = []
    const cpuBefore = process.cpuUsage()
    for (let i = 0; i < REQUESTS; i++) {
      const t0 = performance.now()
      const res = await app.inject({ method: 'GET', url, headers: auth })
      times.push(performance.now() - t0)
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`)
    }
    const cpu = process.cpuUsage(cpuBefore)
    times.sort((a, b) => a - b)
    const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!
    line(
      `metrics API (${label}, ${cases.toLocaleString('en')} cases): p50 ${p(0.5).toFixed(0)} ms, p95 ${p(0.95).toFixed(0)} ms (target <= 200 ms) ${p(0.95) <= 200 ? 'PASS' : 'MISS'}; this process's CPU ${((cpu.user + cpu.system) / 1000 / REQUESTS).toFixed(1)} ms per request`,
    )
  }
  await app.close()
}
