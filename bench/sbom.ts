// `npm run bench:sbom`: uploading a 200,000-component CycloneDX SBOM (about 23 MB) over HTTP to a
// Lockstep server on PostgreSQL, while /healthz is asked again as soon as it answers. Prints the
// upload's time, the process's peak RSS before and after it, and the longest wait between two
// /healthz answers, beside the same wait over a few seconds with no upload (the baseline, same
// run). The figure before the fix: 18 s, 1.2 GB and a 5 s stall.
import { sql } from 'kysely'
import { buildApp } from '../src/adapters/http/app.js'
import { prepareCycloneDxSchema } from '../src/adapters/sbom/readInventory.js'
import { createApiToken } from '../src/commands/accounts/apiTokens.js'
import { loadConfig } from '../src/config.js'
import { openDatabase } from '../src/store/database.js'
import { migrate } from '../src/store/migrate.js'
import { makeMember, makeOrganization } from '../test/support/factories.js'
import { createBenchDatabase } from './benchDatabase.js'

const COMPONENTS = Number(process.env.BENCH_SBOM_COMPONENTS ?? 200_000)
const BASELINE_MS = Number(process.env.BENCH_BASELINE_MS ?? 3_000)
const line = (s: string) => process.stdout.write(`${s}\n`)
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`
/** The process's peak resident set so far (resourceUsage gives kilobytes). */
const peakRss = () => process.resourceUsage().maxRSS * 1024

const bench = await createBenchDatabase('sbom')
const database = await openDatabase({ databaseUrl: bench.url, dataDir: '' })
const db = database.db
await migrate(db)
const config = { ...loadConfig({ LOG_LEVEL: 'silent' }), publicUrl: 'http://localhost:8080' }
const app = await buildApp({ db, config, logger: false })
const base = await app.listen({ host: '127.0.0.1', port: 0 })
prepareCycloneDxSchema('1.6') // as a running server does after it listens

const org = await makeOrganization(db, { name: 'Example Grid Operator', kind: 'owner' })
const member = await makeMember(db, org, 'member')
const { token } = await createApiToken(db, member.id, 'bench', { expiresInDays: 1, scope: 'read_write' })

/** Asks /healthz again as soon as it answers, until stopped: the longest wait between answers. */
function pollHealthz() {
  let stop = false
  let longest = 0
  let answers = 0
  const done = (async () => {
    let last = performance.now()
    while (!stop) {
      const response = await fetch(`${base}/healthz`)
      await response.arrayBuffer()
      const now = performance.now()
      longest = Math.max(longest, now - last)
      last = now
      answers += 1
    }
  })()
  return {
    async stop() {
      stop = true
      await done
      return { longest, answers }
    },
  }
}

const components = Array.from({ length: COMPONENTS }, (_, i) => ({
  type: 'library',
  'bom-ref': `component-${i}`,
  name: `package-${i % 5000}`,
  version: `1.${i % 97}.${i}`,
  purl: `pkg:npm/package-${i % 5000}@1.${i % 97}.${i}`,
}))
const sbom = JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, components })
components.length = 0

line(`SBOM upload over HTTP, PostgreSQL, ${COMPONENTS.toLocaleString('en')} components (${mb(sbom.length)} of JSON)`)
const idle = pollHealthz()
await new Promise((r) => setTimeout(r, BASELINE_MS))
const baseline = await idle.stop()
line(
  `  baseline, no upload:  longest /healthz wait ${baseline.longest.toFixed(0)} ms over ${BASELINE_MS} ms (${baseline.answers} answers)`,
)

const rssBefore = peakRss()
const during = pollHealthz()
const t0 = performance.now()
const response = await fetch(`${base}/api/v1/organizations/${org.id}/inventory?asset=grid-control`, {
  method: 'PUT',
  headers: { authorization: `Bearer ${token}`, 'content-type': 'application/vnd.cyclonedx+json' },
  body: sbom,
})
const outcome = (await response.json()) as { components?: number; detail?: string }
const elapsed = performance.now() - t0
const stalls = await during.stop()
if (response.status !== 200) throw new Error(`upload answered ${response.status}: ${outcome.detail}`)
line(
  `  upload:               ${(elapsed / 1000).toFixed(1)} s, ${outcome.components?.toLocaleString('en')} components stored`,
)
line(`  peak RSS:             ${mb(rssBefore)} before the upload (the SBOM text built), ${mb(peakRss())} after`)
line(
  `  during the upload:    longest /healthz wait ${stalls.longest.toFixed(0)} ms (${stalls.answers} answers; baseline ${baseline.longest.toFixed(0)} ms)`,
)

const stored = await sql<{ n: string }>`SELECT count(*) AS n FROM asset_components`.execute(db)
line(`  rows in asset_components: ${stored.rows[0]?.n}`)
await app.close()
await database.close()
await bench.drop()
