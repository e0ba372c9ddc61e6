// Importing OSV advisories and matching inventories against them, on both databases, with real
// files of the shared Go vulnerability database and RustSec exports: a re-import changes nothing,
// a modified copy updates, a broken file is reported while the rest imports, a withdrawn
// advisory never matches; a Go module inside a range matches and its fixed version does not; an
// uploaded inventory's component is found for the advisories just imported.
import fs from 'node:fs'
import path from 'node:path'
import { expect, it } from 'vitest'
import { describeEachDatabase } from '../support/api.js'
import { makeOrganization } from '../support/factories.js'
import { externalAffectedAssets, externalMatchesFor, importOsv } from '../../src/commands/owners/externalAdvisories.js'
import { replaceInventory } from '../../src/commands/owners/inventories.js'
import { system } from '../../src/domain/actor.js'
import { purlParts } from '../../src/domain/matching/componentMatch.js'
import { readInventory } from '../../src/adapters/sbom/readInventory.js'

const root = path.resolve(process.cwd(), '../shared/conformance/osv-data')
const osvFile = (relative: string) => ({ file: relative, text: fs.readFileSync(path.join(root, relative), 'utf8') })
const hugo = osvFile('go/data/osv/GO-2026-5681.json') // github.com/gohugoio/hugo >= 0.91.0, fixed 0.162.0; CVE-2026-50134
const withdrawn = osvFile('go/data/osv/GO-2024-2730.json') // github.com/gorilla/sessions, every version, withdrawn
const wasmtime = osvFile('rustsec/crates/RUSTSEC-2023-0090.json') // < 4.0.1, 5.0.0 to 5.0.1, 6.0.0 to 6.0.1
const coder = osvFile('go/data/osv/GO-2024-3228.json')
const broken = { file: 'go/data/osv/GO-BROKEN.json', text: '{"id": "GO-BROKEN", "affected": [] }' }

const component = (key: string, purl: string) => {
  const p = purlParts(purl)!
  return { key, purlType: p.type, purlNamespace: p.namespace, purlName: p.name, version: purl.split('@').at(-1)! }
}

describeEachDatabase('importing OSV advisories', (t) => {
  it('imports real files, reports a broken one, changes nothing on re-import and updates a modified copy', async () => {
    const progress: number[] = []
    const first = await importOsv(t.db, [hugo, withdrawn, broken, wasmtime, coder], (p) => progress.push(p.done))
    expect(first).toMatchObject({ imported: 4, updated: 0, unchanged: 0, notes: [] })
    expect(first.failed).toEqual([
      { file: 'go/data/osv/GO-BROKEN.json', error: 'go/data/osv/GO-BROKEN.json: modified is missing (a string)' },
    ])
    expect(first.changedIds.sort()).toEqual(['GO-2024-2730', 'GO-2024-3228', 'GO-2026-5681', 'RUSTSEC-2023-0090'])
    expect(progress.at(-1)).toBe(5)
    const stored = await t.db
      .selectFrom('external_advisories')
      .select(['id', 'source', 'aliases', 'withdrawn', 'severity'])
      .where('id', 'in', ['GO-2024-2730', 'RUSTSEC-2023-0090'])
      .orderBy('id')
      .execute()
    expect(stored).toEqual([
      { id: 'GO-2024-2730', source: 'osv', aliases: [], withdrawn: new Date('2024-04-17T18:06:23Z'), severity: null },
      {
        id: 'RUSTSEC-2023-0090',
        source: 'osv',
        aliases: ['CVE-2023-26489', 'GHSA-ff4p-7xrq-q5r8'],
        withdrawn: null,
        severity: 'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H',
      },
    ])
    const coderRows = await t.db
      .selectFrom('external_affected')
      .select(['purl', 'purl_namespace', 'purl_name', 'range', 'fixed_versions'])
      .where('advisory_id', '=', 'GO-2024-3228')
      .orderBy('purl')
      .execute()
    expect(coderRows).toEqual([
      {
        purl: 'pkg:golang/github.com/coder/coder',
        purl_namespace: 'github.com/coder',
        purl_name: 'coder',
        range: null,
        fixed_versions: [],
      },
      {
        purl: 'pkg:golang/github.com/coder/coder/v2',
        purl_namespace: 'github.com/coder/coder',
        purl_name: 'v2',
        range: 'vers:golang/>=2.3.1|<2.14.4|>=2.15.0|<2.15.3|>=2.16.0|<2.16.1',
        fixed_versions: ['2.14.4', '2.15.3', '2.16.1'],
      },
    ])

    const again = await importOsv(t.db, [hugo, withdrawn, wasmtime, coder])
    expect(again).toMatchObject({ imported: 0, updated: 0, unchanged: 4, failed: [], changedIds: [] })

    const modified = JSON.parse(hugo.text)
    modified.modified = '2026-06-01T00:00:00Z'
    modified.affected[0].ranges[0].events = [{ introduced: '0.91.0' }, { fixed: '0.150.0' }]
    const older = { ...JSON.parse(wasmtime.text), modified: '2020-01-01T00:00:00Z', affected: [] }
    const update = await importOsv(t.db, [
      { file: 'hugo.json', text: JSON.stringify(modified) },
      { file: 'wasmtime.json', text: JSON.stringify(older) },
    ])
    expect(update).toMatchObject({ imported: 0, updated: 1, unchanged: 1, changedIds: ['GO-2026-5681'] })
    const hugoRows = await t.db
      .selectFrom('external_affected')
      .select(['range', 'fixed_versions'])
      .where('advisory_id', '=', 'GO-2026-5681')
      .execute()
    expect(hugoRows).toEqual([{ range: 'vers:golang/>=0.91.0|<0.150.0', fixed_versions: ['0.150.0'] }])
    // The older copy of wasmtime changed nothing.
    expect(
      await t.db
        .selectFrom('external_affected')
        .select('range')
        .where('advisory_id', '=', 'RUSTSEC-2023-0090')
        .execute(),
    ).toHaveLength(1)
  })

  it('matches a Go module inside a range and not its fixed version; a withdrawn advisory never', async () => {
    const matches = await externalMatchesFor(t.db, [
      component('hugo old', 'pkg:golang/github.com/gohugoio/hugo@v0.120.0'),
      component('hugo fixed', 'pkg:golang/github.com/gohugoio/hugo@v0.150.0'),
      component('hugo fixed too', 'pkg:golang/github.com/gohugoio/hugo@v0.150.0'),
      component('sessions', 'pkg:golang/github.com/gorilla/sessions@v1.2.1'),
      component('wasmtime 5.0.0', 'pkg:cargo/wasmtime@5.0.0'),
      component('wasmtime 5.0.1', 'pkg:cargo/wasmtime@5.0.1'),
      component('coder v2', 'pkg:golang/github.com/coder/coder/v2@v2.15.1'),
      component('unrelated', 'pkg:npm/left-pad@1.3.0'),
    ])
    expect(matches.map((m) => `${m.componentKey} ${m.advisoryId} ${m.vulnerability} ${m.certain}`).sort()).toEqual([
      'coder v2 GO-2024-3228 GO-2024-3228 true',
      'hugo old GO-2026-5681 CVE-2026-50134 true',
      'wasmtime 5.0.0 RUSTSEC-2023-0090 CVE-2023-26489 true',
    ])
    expect(matches.find((m) => m.componentKey === 'hugo old')).toMatchObject({
      reason: 'v0.120.0 is in vers:golang/>=0.91.0|<0.150.0',
      fixedVersions: ['0.150.0'],
    })
    expect(await externalMatchesFor(t.db, [])).toEqual([])
  })

  it('finds the inventory components the advisories just imported affect', async () => {
    const org = await makeOrganization(t.db, {
      name: `Example Hosting ${Math.random().toString(36).slice(2, 6)}`,
      kind: 'owner',
    })
    const read = readInventory(
      'pkg:golang/github.com/gohugoio/hugo@v0.100.0\npkg:golang/github.com/gorilla/sessions@v1.2.1\npkg:cargo/wasmtime@6.0.1\npkg:golang/github.com/coder/coder@v0.9.0\n',
      'purls',
    )
    if (!read.ok) throw new Error(read.errors.join('; '))
    await replaceInventory(t.db, system, org.id, 'docs site', read)
    const found = (
      await externalAffectedAssets(t.db, ['GO-2026-5681', 'GO-2024-2730', 'RUSTSEC-2023-0090', 'GO-2024-3228'])
    ).filter((f) => f.organizationId === org.id)
    expect(found.map((f) => `${f.asset} ${f.purl} ${f.vulnerability} ${f.reason}`).sort()).toEqual([
      'docs site pkg:golang/github.com/coder/coder@v0.9.0 GO-2024-3228 every version is affected',
      'docs site pkg:golang/github.com/gohugoio/hugo@v0.100.0 CVE-2026-50134 v0.100.0 is in vers:golang/>=0.91.0|<0.150.0',
    ])
    expect(found[0]).toMatchObject({ organization: org.name, critical: false, certain: true })
    expect(await externalAffectedAssets(t.db, ['GO-2024-2730'])).toEqual([])
  })

  it('matches PyPI projects by their PEP 503 name, whatever the spelling of dots, dashes and underscores', async () => {
    // Shaped like GHSA-84pr-m4jr-85g5 (flask-cors before 4.0.1); pip freeze writes the name as
    // the project spells it, here Flask_Cors.
    const advisory = {
      schema_version: '1.6.0',
      id: 'TEST-PYPI-FLASK-CORS',
      modified: '2024-05-01T00:00:00Z',
      published: '2024-04-20T00:00:00Z',
      aliases: ['CVE-2024-1681'],
      summary: 'flask-cors vulnerable to log injection when the log level is set to debug',
      affected: [
        {
          package: { ecosystem: 'PyPI', name: 'Flask.CORS' },
          ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '4.0.1' }] }],
        },
      ],
    }
    await importOsv(t.db, [{ file: 'TEST-PYPI-FLASK-CORS.json', text: JSON.stringify(advisory) }])
    const matches = await externalMatchesFor(t.db, [
      component('underscores', 'pkg:pypi/Flask_Cors@4.0.0'),
      component('dashes', 'pkg:pypi/flask--cors@3.0.10'),
      component('fixed', 'pkg:pypi/flask-cors@4.0.1'),
      component('another project', 'pkg:pypi/flaskcors@1.0'),
    ])
    expect(
      matches
        .filter((m) => m.advisoryId === 'TEST-PYPI-FLASK-CORS')
        .map((m) => m.componentKey)
        .sort(),
    ).toEqual(['dashes', 'underscores'])
  })
})
