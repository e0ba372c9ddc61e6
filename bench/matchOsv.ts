// The OSV half of `npm run bench:match`, on PostgreSQL: (a) importing all of the shared osv-data
// (5,497 Go vulnerability database and RustSec files) through the CLI's runOsvImport, and
// re-importing it unchanged; (b) re-matching one generated 10,000-component inventory (about
// 3,000 components of packages that appear in osv-data, at versions inside, at and outside their
// ranges; the rest unrelated packages) against every imported advisory with externalMatchesFor,
// p50 and p95 over 10 runs (target <= 2 s); (c) the owners affected by all imported advisories,
// once that inventory is stored as an asset (what alerting after a first import costs).
import path from 'node:path'
import { sql } from 'kysely'
import { createBenchDatabase } from './benchDatabase.js'
import { system } from '../src/domain/actor.js'
import { parseVers } from '../src/domain/vers.js'
import { openDatabase } from '../src/store/database.js'
import { migrate } from '../src/store/migrate.js'
import { runOsvImport } from '../src/adapters/cli/osvImport.js'
import { externalAffectedAssets, externalMatchesFor } from '../src/commands/owners/externalAdvisories.js'
import { replaceInventory } from '../src/commands/owners/inventories.js'
import { normalizePurl } from '../src/domain/sbom/purl.js'

const dir = path.resolve(process.cwd(), '../shared/conformance/osv-data')
const line = (s: string) => process.stdout.write(`${s}\n`)
const ms = (t: number) => `${t.toFixed(0)} ms`
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!

const bench = await createBenchDatabase('matchosv')
const database = await openDatabase({ databaseUrl: bench.url, dataDir: '' })
const db = database.db
await migrate(db)

let t = performance.now()
const first = await runOsvImport(db, dir)
const importTime = performance.now() - t
t = performance.now()
const again = await runOsvImport(db, dir)
const reimportTime = performance.now() - t
const affectedRows = (await sql<{ n: string }>`SELECT count(*) AS n FROM external_affected`.execute(db)).rows[0]!.n
line(`\n(c) importing ${dir} (${first.files.toLocaleString('en')} files) on PostgreSQL:`)
line(
  `  first import     ${ms(importTime)}: imported ${first.imported}, updated ${first.updated}, unchanged ${first.unchanged}, failed ${first.failed.length}; ${affectedRows} affected packages stored`,
)
line(
  `  re-import        ${ms(reimportTime)}: imported ${again.imported}, updated ${again.updated}, unchanged ${again.unchanged}, failed ${again.failed.length}`,
)

// A seeded generator, so that every run matches the same inventory.
let seed = 42
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!

const { rows: packages } = await sql<{ purl: string; purl_type: string; ranges: (string | null)[] }>`
  SELECT purl, min(purl_type) AS purl_type, array_agg(range) AS ranges FROM external_affected GROUP BY purl ORDER BY purl`.execute(
  db,
)
/** Versions around the ranges: each bound itself (introduced: affected, fixed: not), and beyond. */
function versionsOf(p: (typeof packages)[number]): string[] {
  const bounds = p.ranges.flatMap((r) => {
    const read = r ? parseVers(r) : null
    return read?.ok ? read.range.constraints.map((c) => c.version).filter((v) => v) : []
  })
  const all = [...bounds, '0.0.1', '99.0.0']
  return p.purl_type === 'golang' ? all.map((v) => `v${v}`) : all
}
const components: {
  key: string
  purlType: string | null
  purlNamespace: string | null
  purlName: string | null
  version: string | null
}[] = []
const inventory: { purl: string; type: string; name: string; version: string | null; ecosystem: null }[] = []
const add = (purl: string) => {
  const read = normalizePurl(purl)
  if (!read.ok) return
  inventory.push({ purl: read.purl, type: 'library', name: read.name, version: read.version, ecosystem: null })
  components.push({
    key: `${read.purl}#${components.length}`,
    purlType: read.type,
    purlNamespace: read.namespace,
    purlName: read.name,
    version: read.version,
  })
}
for (let i = 0; i < 3000; i++) {
  const p = pick(packages)
  add(`${p.purl}@${encodeURIComponent(pick(versionsOf(p)))}`)
}
for (let i = 0; components.length < 10_000; i++)
  add(i % 2 ? `pkg:npm/bench-unrelated-${i}@1.${i % 30}.0` : `pkg:pypi/bench-unrelated-${i}@2.${i % 17}`)

const times: number[] = []
let matches = 0
let certain = 0
for (let run = 0; run < 10; run++) {
  t = performance.now()
  const found = await externalMatchesFor(db, components)
  times.push(performance.now() - t)
  matches = found.length
  certain = found.filter((f) => f.certain).length
}
times.sort((a, b) => a - b)
const affectedComponents = new Set((await externalMatchesFor(db, components)).map((f) => f.componentKey)).size
line(
  `\n(d) re-matching one 10,000-component inventory (3,000 components drawn from osv-data's ${packages.length.toLocaleString('en')} packages at versions in, at and beyond their ranges; 7,000 unrelated) against all imported advisories, 10 runs:`,
)
line(
  `  matches ${matches.toLocaleString('en')} (${certain.toLocaleString('en')} certain) on ${affectedComponents.toLocaleString('en')} components`,
)
line(
  `  externalMatchesFor   p50 ${ms(percentile(times, 0.5))}   p95 ${ms(percentile(times, 0.95))}   (target <= 2000 ms)`,
)

const owner = await db
  .insertInto('organizations')
  .values({ name: 'Bench Owner', slug: 'bench-owner', kind: 'owner' })
  .returning('id')
  .executeTakeFirstOrThrow()
await replaceInventory(db, system, owner.id, 'build image', { format: 'purls', components: inventory, problems: [] })
await sql`ANALYZE`.execute(db)
t = performance.now()
const owners = await externalAffectedAssets(db, first.changedIds)
line(
  `\n(e) the owners affected by all ${first.changedIds.length.toLocaleString('en')} advisories just imported (that inventory stored as an asset):`,
)
line(`  externalAffectedAssets ${ms(performance.now() - t)}: ${owners.length.toLocaleString('en')} affected installs`)

await database.close()
await bench.drop()
