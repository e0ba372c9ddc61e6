// `npm run bench:vendors`, on PostgreSQL: (a) notify 1,000 vendors of a case in one action, each
// with a contact and an OpenPGP key, end to end: the notify transaction, then every encrypted
// notification delivered to an SMTP sink on loopback (target: all within 30 s); (b) the
// coordinator's vendor table of that 1,000-vendor case over HTTP, p50/p95/p99 with 10 concurrent
// readers (target p95 <= 100 ms), beside a bare fastify route measured in the same run.
import Fastify from 'fastify'
import * as openpgp from 'openpgp'
import { createBenchDatabase } from './benchDatabase.js'
import { loadConfig } from '../src/config.js'
import { system } from '../src/domain/actor.js'
import { openDatabase } from '../src/store/database.js'
import { migrate } from '../src/store/migrate.js'
import { buildApp } from '../src/adapters/http/app.js'
import { startMailService } from '../src/adapters/mail/mailService.js'
import { createMailTransport } from '../src/adapters/mail/transport.js'
import { generateInstanceKey } from '../src/mail/pgp.js'
import { openCase } from '../src/commands/cases/openCase.js'
import { notifyVendors } from '../src/commands/vendors/notify.js'
import { createApiToken } from '../src/commands/accounts/apiTokens.js'
import { insertUser } from '../src/store/users.js'
import { startSmtpSink } from '../test/support/mail.js'

const N = Number(process.env.BENCH_VENDORS ?? 1000)
const seconds = Number(process.env.BENCH_SECONDS ?? 5)
const bench = await createBenchDatabase('vendors')
const dbUrl = new URL(bench.url)
const line = (s: string) => process.stdout.write(`${s}\n`)

line(`Setting up ${N} vendors with contacts and OpenPGP keys on PostgreSQL...`)
const database = await openDatabase({ databaseUrl: dbUrl.toString(), dataDir: '' })
const db = database.db
await migrate(db)
const orgs = await db
  .insertInto('organizations')
  .values(
    Array.from({ length: N }, (_, i) => ({
      name: `Vendor ${String(i).padStart(4, '0')}`,
      slug: `vendor-${i}`,
      kind: 'vendor' as const,
    })),
  )
  .returning(['id', 'name'])
  .execute()
await db
  .insertInto('organization_contacts')
  .values(orgs.map((o, i) => ({ organization_id: o.id, email: `psirt@vendor${i}.example` })))
  .execute()
const keys = []
for (let i = 0; i < N; i++) {
  const k = await generateInstanceKey(`Vendor ${i} PSIRT`, `psirt@vendor${i}.example`)
  const parsed = await openpgp.readKey({ armoredKey: k.armoredPublicKey })
  keys.push({
    organization_id: orgs[i]!.id,
    fingerprint: parsed.getFingerprint().toUpperCase(),
    armored: k.armoredPublicKey,
    emails: [`psirt@vendor${i}.example`],
    algorithm: 'ed25519',
    key_created_at: new Date(),
  })
  if (i % 100 === 99) line(`  keys ${i + 1}/${N}`)
}
await db.insertInto('pgp_keys').values(keys).execute()
const report = await db
  .insertInto('reports')
  .values({
    tracking_id: 'LSR-BENCH-0001',
    follow_up_token_hash: 'x'.repeat(64),
    anonymous: true,
    title: 'Remote root in sendmail header processing',
    affected: JSON.stringify([
      { vendor: 'Sendmail Consortium', product: 'sendmail', versions: null, purl: 'pkg:generic/sendmail@8.12.7' },
    ]),
    description: 'crackaddr() overflows a static buffer on headers with many <> pairs.',
    public_already: false,
    exploited_already: false,
    credit: JSON.stringify({ preference: 'none', text: null }),
    state: 'valid',
  })
  .returning('id')
  .executeTakeFirstOrThrow()
const c = await openCase({
  db,
  actor: system,
  reportIds: [report.id],
  title: 'Remote root in sendmail header processing',
})
const sink = await startSmtpSink()
const config = loadConfig({
  LOG_LEVEL: 'silent',
  LOCKSTEP_SMTP_PORT: 'off',
  LOCKSTEP_PUBLIC_URL: 'https://lockstep.example',
  LOCKSTEP_MAIL_PER_DOMAIN_PER_MINUTE: String(N * 10),
  DATABASE_URL: dbUrl.toString(),
})
const mail = await startMailService({
  db,
  config,
  transport: createMailTransport(`${sink.url}?ignoreTLS=true`),
  pumpIntervalMs: 100,
  log: (m) => process.stderr.write(`${m}\n`),
})

line(`\n(a) notify ${N} vendors in one action, end to end:`)
const t0 = performance.now()
const result = await notifyVendors(
  db,
  system,
  c.id,
  orgs.map((o) => o.id),
)
const committed = performance.now()
let last = 0
while (sink.messages.length < N) {
  if (sink.messages.length - last >= N / 10) {
    last = sink.messages.length
    line(`  delivered ${last}/${N}`)
  }
  await new Promise((r) => setTimeout(r, 100))
}
const delivered = performance.now()
const encrypted = sink.messages.filter((m) => m.raw.includes('multipart/encrypted')).length
line(
  `  notify transaction (${result.notified.length} vendors, ledger and outbox)  ${((committed - t0) / 1000).toFixed(1)} s`,
)
line(
  `  every notification delivered                      ${((delivered - t0) / 1000).toFixed(1)} s total (target <= 30 s); ${encrypted} of ${N} PGP/MIME`,
)

// (b) the vendor table over HTTP; the mail workers are stopped so they do not compete.
await mail.stop()
const staff = await insertUser(db, {
  email: 'bench@example.test',
  name: 'Bench Coordinator',
  password_hash: null,
  instance_role: 'coordinator',
})
const { token } = await createApiToken(db, staff.id, 'bench', { expiresInDays: 1, scope: 'read_write' })
const app = await buildApp({ db, config, logger: false })
await app.listen({ port: 0, host: '127.0.0.1' })
const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`
const bare = Fastify()
bare.get('/bare', async () => ({ items: [], total: 0 }))
await bare.listen({ port: 0, host: '127.0.0.1' })
const bareUrl = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}/bare`

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN
}
async function measure(label: string, url: string, headers: Record<string, string> = {}) {
  // One second of warm-up (JIT, prepared statements, connections) that is not counted.
  const warm = performance.now() + 1000
  while (performance.now() < warm) await (await fetch(url, { headers })).arrayBuffer()
  const times: number[] = []
  const end = performance.now() + seconds * 1000
  let failures = 0
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      while (performance.now() < end) {
        const s = performance.now()
        const res = await fetch(url, { headers })
        await res.arrayBuffer()
        if (res.ok) times.push(performance.now() - s)
        else failures++
      }
    }),
  )
  times.sort((a, b) => a - b)
  line(
    `  ${label.padEnd(46)} ${String(times.length).padStart(6)} requests  p50 ${percentile(times, 50).toFixed(1)} ms  p95 ${percentile(times, 95).toFixed(1)} ms  p99 ${percentile(times, 99).toFixed(1)} ms${failures ? `  (${failures} failed)` : ''}`,
  )
}
line(`\n(b) the vendor table of a ${N}-vendor case, ${seconds} s each, 10 concurrent readers:`)
const auth = { authorization: `Bearer ${token}` }
await measure('bare fastify route (baseline)', bareUrl)
await measure('GET /cases/:id/vendors (first page of 50)', `${base}/api/v1/cases/${c.id}/vendors?limit=50`, auth)
await measure(
  'GET /cases/:id/vendors?state=no_response&offset=500',
  `${base}/api/v1/cases/${c.id}/vendors?state=no_response&limit=50&offset=500`,
  auth,
)
await measure(
  'GET /cases/:id/vendors?query=vendor 09',
  `${base}/api/v1/cases/${c.id}/vendors?query=${encodeURIComponent('vendor 09')}`,
  auth,
)

await app.close()
await bare.close()
await sink.close()
await database.close()
await bench.drop()
