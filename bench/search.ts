// `npm run bench:cases` (second part), on PostgreSQL: search over 10,000 cases (with as many
// reports and 1,000 vendors), p50/p95/p99 of GET /api/v1/search for the staff (every case) and for
// a vendor taking part in 100 of them (the scope in the query), over 10 concurrent searchers.
// Server and load generator share this process: the figures include the load generator's own cost.
import { sql } from 'kysely'
import { createBenchDatabase } from './benchDatabase.js'
import { loadConfig } from '../src/config.js'
import { startServer } from '../src/server.js'
import { createApiToken } from '../src/commands/accounts/apiTokens.js'
import { insertUser } from '../src/store/users.js'

const CASES = Number(process.env.BENCH_CASES ?? 10_000)
const seconds = Number(process.env.BENCH_SECONDS ?? 10)
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
  const queries = [
    'sendm',
    'Sendmail buffer',
    'remote root nginx',
    'LS-BENCH-12',
    'zli',
    'kernel 4711',
    '"use after free"',
  ]

  const percentile = (sorted: number[], p: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
  async function measure(label: string, token: string) {
    const times: number[] = []
    let failures = 0
    let n = 0
    // On a shared machine the times follow the load; this process's own CPU per request much less.
    const cpuBefore = process.cpuUsage()
    const end = performance.now() + seconds * 1000
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        while (performance.now() < end) {
          const q = queries[n++ % queries.length]!
          const t0 = performance.now()
          const res = await fetch(base + encodeURIComponent(q), { headers: { authorization: `Bearer ${token}` } })
          await res.arrayBuffer()
          if (res.ok) times.push(performance.now() - t0)
          else failures++
        }
      }),
    )
    const cpu = process.cpuUsage(cpuBefore)
    times.sort((a, b) => a - b)
    const p95 = percentile(times, 95)
    process.stdout.write(
      `  ${label.padEnd(44)} ${times.length} requests  p50 ${percentile(times, 50).toFixed(1)} ms  p95 ${p95.toFixed(1)} ms  p99 ${percentile(times, 99).toFixed(1)} ms  (target p95 <= 100 ms: ${p95 <= 100 ? 'met' : 'not met'})${failures ? `  (${failures} failed)` : ''}  this process's CPU ${((cpu.user + cpu.system) / 1000 / Math.max(1, times.length)).toFixed(1)} ms per request\n`,
    )
  }
  process.stdout.write(`  ${seconds} s each, 10 concurrent searchers, ${queries.length} queries in turn:\n`)
  await measure('GET /api/v1/search as the staff', staffToken)
  await measure('GET /api/v1/search as a vendor (100 cases)', vendorToken)
} finally {
  await server.stop()
  if (process.env.BENCH_KEEP) process.stdout.write(`  kept ${bench.url}\n`)
  else await bench.drop()
}
