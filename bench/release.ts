// `npm run bench:release`, on PostgreSQL (BENCH_DB=pglite for the embedded database): a case with
// 1,000 vendors (each with an approved statement) and 10 vulnerabilities, its embargo ending a
// few seconds ahead; the release scheduler runs as in the server. Readers poll every public URL
// of the advisory (with the CSAF document's hashes and the signatures) from before the instant: the figures are the time from the instant to every
// artifact being served (target <= 1 s), and the count of answers other than 404 before the
// instant (must be 0). Baseline in the same run: a bare fastify route's latency.
import os from 'node:os'
import path from 'node:path'
import fs from 'node:fs'
import Fastify from 'fastify'
import { createBenchDatabase } from './benchDatabase.js'
import { loadConfig } from '../src/config.js'
import { system } from '../src/domain/actor.js'
import { openDatabase } from '../src/store/database.js'
import { migrate } from '../src/store/migrate.js'
import { buildApp } from '../src/adapters/http/app.js'
import { openCase } from '../src/commands/cases/openCase.js'
import { ensureAdvisory } from '../src/commands/release/drafts.js'
import { startReleaseScheduler } from '../src/adapters/jobs/releaseScheduler.js'
import { loadValidators } from '../src/commands/release/csafCheck.js'
import { inTransaction } from '../src/store/db.js'
import { installJobQueue } from '../src/jobs/jobQueue.js'
import { preparedAt } from '../src/commands/release/preparedRelease.js'

const N = Number(process.env.BENCH_VENDORS ?? 1000)
const V = Number(process.env.BENCH_VULNERABILITIES ?? 10)
// Ten seconds: time for the scheduler to prepare the release, as a server does in the last minute.
const LEAD_MS = Number(process.env.BENCH_LEAD_MS ?? 10_000)
const line = (s: string) => process.stdout.write(`${s}\n`)
const embedded = process.env.BENCH_DB === 'pglite'

const bench = embedded ? null : await createBenchDatabase('release')
const dataDir = embedded ? fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-bench-release-')) : ''
line(`Setting up a case with ${N} vendors and ${V} vulnerabilities on ${embedded ? 'PGlite' : 'PostgreSQL'}...`)
const database = await openDatabase({ databaseUrl: bench?.url, dataDir })
const db = database.db
await migrate(db)
// The release enqueues its after-release job in its transaction: the queue's tables must exist, as
// on a server, which installs them at start.
await installJobQueue(db)
const config = loadConfig({
  LOG_LEVEL: 'silent',
  LOCKSTEP_SMTP_PORT: 'off',
  LOCKSTEP_PUBLIC_URL: 'https://lockstep.example',
  ...(bench ? { DATABASE_URL: bench.url } : { LOCKSTEP_DATA: dataDir }),
})

const report = await db
  .insertInto('reports')
  .values({
    tracking_id: 'LSR-BENCH-0001',
    follow_up_token_hash: 'x'.repeat(64),
    anonymous: true,
    title: 'Remote root in sendmail header processing',
    affected: JSON.stringify([]),
    description: 'crackaddr() overflows a static buffer.',
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
const ecosystems = [
  'pkg:npm/mailer',
  'pkg:pypi/mailer',
  'pkg:maven/org.mail/mailer',
  'pkg:deb/debian/sendmail',
  'pkg:rpm/redhat/sendmail',
  'pkg:golang/example.com/mailer',
  'pkg:generic/sendmail',
  'pkg:cargo/mailer',
  'pkg:gem/mailer',
  'pkg:nuget/Mailer',
]
const first = await db.selectFrom('vulnerabilities').select('id').where('case_id', '=', c.id).executeTakeFirstOrThrow()
await db.deleteFrom('vulnerabilities').where('id', '=', first.id).execute()
const vulns = await db
  .insertInto('vulnerabilities')
  .values(
    Array.from({ length: V }, (_, i) => ({
      case_id: c.id,
      title: `Flaw ${i + 1} in the mail parser`,
      description: `Overflow number ${i + 1}.`,
      cwe: 'CWE-120',
      cvss_vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      cvss_score: 9.8,
      cve_id: `CVE-2099-${String(10000 + i)}`,
      affected: JSON.stringify([
        {
          vendor: 'Vendor 0000',
          product: 'mailer',
          versions: null,
          purl: ecosystems[i % ecosystems.length],
          range: null,
        },
      ]),
    })),
  )
  .returning('id')
  .execute()
const orgs = await db
  .insertInto('organizations')
  .values(
    Array.from({ length: N }, (_, i) => ({
      name: `Vendor ${String(i).padStart(4, '0')}`,
      slug: `vendor-${i}`,
      kind: 'vendor' as const,
    })),
  )
  .returning(['id'])
  .execute()
const participants = await db
  .insertInto('participants')
  .values(
    orgs.map((o) => ({
      case_id: c.id,
      organization_id: o.id,
      roles: ['vendor' as const],
      rm_state: 'accepted' as const,
      notified_at: new Date(),
    })),
  )
  .returning('id')
  .execute()
const statuses = ['affected', 'fixed', 'not_affected', 'under_investigation'] as const
for (let i = 0; i < participants.length; i += 500) {
  await db
    .insertInto('vendor_statements')
    .values(
      participants.slice(i, i + 500).map((p, j) => {
        const status = statuses[(i + j) % statuses.length]!
        return {
          case_id: c.id,
          vulnerability_id: vulns[(i + j) % V]!.id,
          participant_id: p.id,
          status,
          justification: status === 'not_affected' ? 'component_not_present' : null,
          fixed_versions: status === 'fixed' ? ['2.0.1'] : [],
          remediation: status === 'affected' || status === 'fixed' ? 'Update to the fixed release.' : null,
          approved_at: new Date(),
        }
      }),
    )
    .execute()
}
await inTransaction(db, (trx) => ensureAdvisory(trx, c.id, 'Bench'))
const advisory = await db
  .selectFrom('advisories')
  .select('public_id')
  .where('case_id', '=', c.id)
  .executeTakeFirstOrThrow()

const app = await buildApp({ db, config, logger: false })
await app.listen({ host: '127.0.0.1', port: 0 })
const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`

// Baseline: a bare fastify route, same machine, same moment.
const bare = Fastify()
bare.get('/', async () => 'ok')
await bare.listen({ host: '127.0.0.1', port: 0 })
const bareUrl = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}/`
const bareTimes: number[] = []
for (let i = 0; i < 200; i++) {
  const t = performance.now()
  await (await fetch(bareUrl)).text()
  bareTimes.push(performance.now() - t)
}
bareTimes.sort((a, b) => a - b)

// A running server loads the CSAF validator an hour before a release (it takes seconds of CPU):
// this run starts seconds before its release, so it loads it first, as that server would have.
const tWarm = performance.now()
await loadValidators()
line(
  `  CSAF validator loaded in its worker in ${((performance.now() - tWarm) / 1000).toFixed(1)} s (a server does this an hour ahead)`,
)

const endsAt = new Date(Date.now() + LEAD_MS)
await db.updateTable('cases').set({ em_state: 'active', embargo_ends_at: endsAt }).where('id', '=', c.id).execute()
const scheduler = startReleaseScheduler({ db, config, log: (m, e) => process.stderr.write(`${m}: ${String(e)}\n`) })

const year = endsAt.getUTCFullYear()
const id = advisory.public_id
const csafUrl = `/.well-known/csaf/white/${year}/${id.toLowerCase()}.json`
const csaf21Url = `/.well-known/csaf/v2.1/clear/${year}/${id.toLowerCase()}.json`
const urls = [
  `/advisories/${id}`,
  `/advisories/${id}.json`,
  csafUrl,
  // Beside each document its hashes and signature (made when first asked, then kept).
  `${csafUrl}.sha256`,
  `${csafUrl}.sha512`,
  `${csafUrl}.asc`,
  `/osv/x_${id}.json.asc`,
  `/osv/x_${id}.json.sha256`,
  `/cve/CVE-2099-10000.json.asc`,
  `/cve/CVE-2099-10000.json.sha256`,
  `/.well-known/csaf/white/index.txt`,
  `/api/v1/advisories/${id}`,
  `/osv/x_${id}.json`,
  `/osv/x_${id}-${V}.json`,
  // The address OSV records had before the readable ids: still served.
  `/osv/x_${id}-V1.json`,
  `/cve/CVE-2099-10000.json`,
  `/advisories.atom`,
  `/.well-known/csaf/feed-tlp-white.json`,
  // CSAF 2.1 beside 2.0: the document with its hashes and signature, its folder's index, its feed.
  csaf21Url,
  `${csaf21Url}.sha512`,
  `${csaf21Url}.asc`,
  `/.well-known/csaf/v2.1/clear/index.txt`,
  `/.well-known/csaf/v2.1/feed-tlp-clear.json`,
]
line(`\nThe embargo ends at ${endsAt.toISOString()}; polling ${urls.length} public URLs from now...`)
const servedAt = new Map<string, number>()
let early = 0
let polls = 0
let prepared: number | undefined
while (servedAt.size < urls.length && Date.now() < endsAt.getTime() + 30_000) {
  prepared ??= preparedAt(c.id, endsAt)
  await Promise.all(
    urls
      .filter((u) => !servedAt.has(u))
      .map(async (u) => {
        const res = await fetch(`${base}${u}`)
        const body = await res.text()
        const at = Date.now()
        polls++
        // A 200 whose request started before the instant would be a leak; count any non-404 before it.
        const listed =
          u.endsWith('.atom') || /feed-tlp-(white|clear)\.json$/.test(u) || u.endsWith('index.txt')
            ? res.status === 200 &&
              body.includes(id.toLowerCase().slice(0, 3)) &&
              body.toLowerCase().includes(id.toLowerCase())
            : res.status === 200
        if (listed && at < endsAt.getTime()) early++
        if (listed && !servedAt.has(u)) servedAt.set(u, at)
      }),
  )
}
await scheduler.stop()
const last = Math.max(...servedAt.values())
const p = (q: number) => bareTimes[Math.floor(q * (bareTimes.length - 1))]!.toFixed(2)
line(`  bare fastify route (baseline)                 p50 ${p(0.5)} ms  p95 ${p(0.95)} ms`)
line(
  `  release prepared ahead (preparedRelease.ts)   ${prepared ? `${endsAt.getTime() - prepared} ms before the instant` : 'no: rendered at the instant'}`,
)
line(`  served before the instant                     ${early} of ${polls} requests (must be 0)`)
line(
  `  every artifact served, after the instant      ${servedAt.size === urls.length ? `${last - endsAt.getTime()} ms` : `NOT ALL SERVED (${servedAt.size}/${urls.length})`} (target <= 1000 ms)`,
)
for (const u of urls)
  line(`    ${u.padEnd(52)} ${servedAt.has(u) ? `+${servedAt.get(u)! - endsAt.getTime()} ms` : 'never'}`)
const released = await db
  .selectFrom('ledger_entries')
  .select('payload')
  .where('case_id', '=', c.id)
  .where('kind', '=', 'advisory.released')
  .execute()
line(
  `  releases recorded                             ${released.length} (must be 1); ${JSON.stringify(released[0]?.payload ?? {})}`,
)

await app.close()
await bare.close()
await database.close()
await bench?.drop()
if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
