// `npm run bench:cases` (second part), on PostgreSQL: search over 10,000 cases (with as many
// reports and 1,000 vendors), p50/p95/p99 of GET /api/v1/search for the staff (every case) and for
// a vendor taking part in 100 of them (the scope in the query), over 10 concurrent searchers: in
// all, per query typed, and each searcher's first request apart; then each kind's SQL alone (the
// route runs the four kinds at once), so that a slow one is named. `BENCH_KEEP=1` keeps the
// database for `bench/searchExplain.ts` (EXPLAIN ANALYZE of every statement, per query and kind).
// Server and load generator share this process: the figures include the load generator's own cost.
import { sql } from 'kysely'
import { createBenchDatabase } from './benchDatabase.js'
import { loadConfig } from '../src/config.js'
import { startServer } from '../src/server.js'
import { createApiToken } from '../src/commands/accounts/apiTokens.js'
import { insertUser } from '../src/store/users.js'
import { searchTerms, type SearchTerms } from '../src/domain/search.js'
import { searchKindAlone } from '../src/store/search.js'
import { benchSearchQueries, benchSearchScopes } from './searchQueries.js'

const CASES = Number(process.env.BENCH_CASES ?? 10_000)
const seconds = Number(process.env.BENCH_SECONDS ?? 10)
const KIND_RUNS = Number(process.env.BENCH_KIND_RUNS ?? 30)
const bench = await createBenchDatabase('search')
const words = ['sendmail', 'openssl', 'nginx', 'kernel', 'bind', 'samba', 'postfix', 'apache', 'curl', 'zlib']
const flaws = ['buffer overflow', 'use after free', 'header injection', 'denial of service', 'remote root']

process.stdout.write(`\nSearch: setting up ${CASES.toLocaleString('en')} cases on PostgreSQL...\n`)
const server = await startServer({
  config: loadConfig({ PORT: '0', DATABASE_URL: bench.url, LOG_LEVEL: 'warn', LOCKSTEP_SMTP_PORT: '0' }),
  demo: false,
  logger: false,
})
const db = server.database.db
try {
  const staff = await insertUser(db, {
    email: 'bench-staff@example.test',
    name: 'Bench Coordinator',
    password_hash: null,
    instance_role: 'coordinator',
  })
  const member = await insertUser(db, {
    email: 'bench-vendor@example.test',
    name: 'Bench Vendor',
    password_hash: null,
    instance_role: 'none',
  })
  await sql`INSERT INTO organizations (name, slug, kind)
    SELECT (${words}::text[])[1 + i % 10] || ' Vendor ' || i, 'bench-vendor-' || i, 'vendor' FROM generate_series(1, 1000) i`.execute(
    db,
  )
  await sql`INSERT INTO memberships (user_id, organization_id, role)
    SELECT ${member.id}, id, 'member' FROM organizations WHERE slug = 'bench-vendor-1'`.execute(db)
  await sql`INSERT INTO cases (case_number, title, summary)
    SELECT 'LS-BENCH-' || i, initcap((${flaws}::text[])[1 + i % 5]) || ' in ' || (${words}::text[])[1 + i % 10] || ' ' || i,
           'The ' || (${words}::text[])[1 + (i / 10) % 10] || ' maintainers were told on day ' || i || '.'
    FROM generate_series(1, ${CASES}::int) i`.execute(db)
  await sql`INSERT INTO reports (tracking_id, follow_up_token_hash, anonymous, title, affected, description, public_already, exploited_already, credit)
    SELECT 'LSR-BENCH-' || i, md5(i::text), true, 'Report on ' || (${words}::text[])[1 + i % 10] || ' ' || i, '[]', 'Found while fuzzing.', false, false, '{"preference":"none","text":null}'
    FROM generate_series(1, ${CASES}::int) i`.execute(db)
  await sql`INSERT INTO participants (case_id, organization_id, roles, rm_state)
    SELECT c.id, o.id, '{vendor}', 'received' FROM (SELECT id FROM cases ORDER BY case_number LIMIT 100) c,
      organizations o WHERE o.slug = 'bench-vendor-1'`.execute(db)
  await sql`ANALYZE`.execute(db)
  const staffToken = (await createApiToken(db, staff.id, 'bench', { expiresInDays: 1, scope: 'read' })).token
  const vendorToken = (await createApiToken(db, member.id, 'bench', { expiresInDays: 1, scope: 'read' })).token
  const port = (server.app.server.address() as { port: number }).port
  const base = `http://127.0.0.1:${port}/api/v1/search?q=`
  const queries = benchSearchQueries
  const scopes = await benchSearchScopes(db)

  const percentile = (sorted: number[], p: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
  const figures = (times: number[]) => {
    const sorted = [...times].sort((a, b) => a - b)
    return `p50 ${percentile(sorted, 50).toFixed(1)} ms  p95 ${percentile(sorted, 95).toFixed(1)} ms  p99 ${percentile(sorted, 99).toFixed(1)} ms`
  }
  const search = async (q: string, token: string) => {
    const t0 = performance.now()
    const res = await fetch(base + encodeURIComponent(q), { headers: { authorization: `Bearer ${token}` } })
    await res.arrayBuffer()
    return { ok: res.ok, ms: performance.now() - t0 }
  }
  async function measure(label: string, token: string) {
    // Each searcher's first request, apart: it opens the pool's connections (a PostgreSQL backend
    // each, its catalogue caches cold), which a running server has long done.
    const first = await Promise.all(Array.from({ length: 10 }, (_, i) => search(queries[i % queries.length]!, token)))
    const times: number[] = []
    const perQuery = new Map<string, number[]>(queries.map((q) => [q, []]))
    let failures = 0
    let n = 0
    // On a shared machine the times follow the load; this process's own CPU per request much less.
    const cpuBefore = process.cpuUsage()
    const end = performance.now() + seconds * 1000
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        while (performance.now() < end) {
          const q = queries[n++ % queries.length]!
          const { ok, ms } = await search(q, token)
          if (ok) {
            times.push(ms)
            perQuery.get(q)!.push(ms)
          } else failures++
        }
      }),
    )
    const cpu = process.cpuUsage(cpuBefore)
    const p95 = percentile(
      [...times].sort((a, b) => a - b),
      95,
    )
    process.stdout.write(
      `  ${label.padEnd(44)} ${times.length} requests  ${figures(times)}  (target p95 <= 100 ms: ${p95 <= 100 ? 'met' : 'not met'})${failures ? `  (${failures} failed)` : ''}  this process's CPU ${((cpu.user + cpu.system) / 1000 / Math.max(1, times.length)).toFixed(1)} ms per request\n`,
    )
    process.stdout.write(`    ${"each searcher's first request".padEnd(42)} ${figures(first.map((f) => f.ms))}\n`)
    for (const [q, qt] of perQuery)
      process.stdout.write(
        `    ${JSON.stringify(q).padEnd(42)} ${String(qt.length).padStart(4)} requests  ${figures(qt)}\n`,
      )
  }
  /** Each kind's query alone, one at a time through the store (the route runs the four at once). */
  function measureKinds(who: keyof typeof scopes) {
    const scope = scopes[who]
    const kinds = {
      cases: (t: SearchTerms) => searchKindAlone.cases(db, t, scope.cases, 10),
      reports: (t: SearchTerms) => searchKindAlone.reports(db, t, scope.reports, 10),
      vendors: (t: SearchTerms) => searchKindAlone.vendors(db, t, scope.vendors, 10),
      advisories: (t: SearchTerms) => searchKindAlone.advisories(db, t, 10),
    }
    return async () => {
      process.stdout.write(
        `  each kind's query alone as the ${who}, ${KIND_RUNS} runs one at a time (p50 / p95 / p99 ms):\n`,
      )
      for (const q of queries) {
        const terms = searchTerms(q)!
        const cells: string[] = []
        for (const [kind, run] of Object.entries(kinds)) {
          const times: number[] = []
          for (let i = 0; i < KIND_RUNS; i++) {
            const t0 = performance.now()
            await run(terms)
            times.push(performance.now() - t0)
          }
          times.sort((a, b) => a - b)
          cells.push(`${kind} ${[50, 95, 99].map((p) => percentile(times, p).toFixed(1)).join(' / ')}`)
        }
        process.stdout.write(`    ${JSON.stringify(q).padEnd(20)} ${cells.join('   ')}\n`)
      }
    }
  }
  process.stdout.write(`  ${seconds} s each, 10 concurrent searchers, ${queries.length} queries in turn:\n`)
  await measure('GET /api/v1/search as the staff', staffToken)
  await measure('GET /api/v1/search as a vendor (100 cases)', vendorToken)
  await measureKinds('staff')()
  await measureKinds('vendor')()
} finally {
  await server.stop()
  if (process.env.BENCH_KEEP) process.stdout.write(`  kept ${bench.url}\n`)
  else await bench.drop()
}
