// Importing CSAF 2.0 advisories from other publishers, on both databases: real OASIS examples
// import (products without a package URL said in the notes), a hand-made advisory with purls
// alerts the owner running an affected version and not the one running the fixed version, a
// re-import of the same id and revision changes nothing, files that are OSV, CycloneDX, not JSON
// or failing a mandatory test are refused one by one with what they look like, and a provider
// served on loopback (metadata, ROLIE feed, directory listing, hashes, detached signatures) is
// followed, refusing the file whose hash and the one whose signature does not check out.
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import { createHash } from 'node:crypto'
import * as openpgp from 'openpgp'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeEachDatabase } from '../support/api.js'
import { makeOrganization } from '../support/factories.js'
import { replaceInventory } from '../../src/commands/owners/inventories.js'
import { system } from '../../src/domain/actor.js'
import { readInventory } from '../../src/adapters/sbom/readInventory.js'
import { csafSummary, runCsafImport } from '../../src/adapters/cli/csafImport.js'

const conformance = path.resolve(process.cwd(), '../shared/conformance')
const examples = path.join(conformance, 'csaf/csaf_2.0/examples/csaf')
const real = (name: string) => fs.readFileSync(path.join(examples, name), 'utf8')

/** A real OASIS VEX example given package URLs: DEF 1.0 affected, DEF 1.1 fixed. */
function withPurls(id: string, revision = '1'): string {
  const doc = JSON.parse(real('csaf_vex/2022-evd-uc-01-a-001.json'))
  doc.document.tracking.id = id
  doc.document.tracking.version = revision
  doc.document.tracking.revision_history[0].number = revision
  if (revision !== '1') {
    doc.document.tracking.current_release_date = '2026-01-01T00:00:00.000Z'
    doc.document.tracking.revision_history.push({ date: '2026-01-01T00:00:00.000Z', number: revision, summary: 'x' })
    doc.document.tracking.revision_history[0].number = '1'
  }
  const product = doc.product_tree.branches[0].branches[0].branches[0]
  product.product.product_identification_helper = { purl: 'pkg:npm/example-def@1.0.0' }
  product.name = '1.0.0'
  doc.product_tree.branches[0].branches[0].branches.push({
    category: 'product_version',
    name: '1.1.0',
    product: {
      name: 'Example Company DEF 1.1.0',
      product_id: 'CSAFPID-0002',
      product_identification_helper: { purl: 'pkg:npm/example-def@1.1.0' },
    },
  })
  doc.vulnerabilities[0].product_status.fixed = ['CSAFPID-0002']
  return JSON.stringify(doc, null, 2)
}

let dir: string
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-csaf-'))
  fs.writeFileSync(path.join(dir, 'rhsa-2022_0011.json'), real('rhsa-2022_0011.json'))
  fs.writeFileSync(path.join(dir, 'bsi-2022-0001.json'), real('bsi-2022-0001.json'))
  fs.writeFileSync(path.join(dir, 'def.json'), withPurls('EXAMPLE-DEF-1'))
  fs.copyFileSync(path.join(conformance, 'osv-data/go/data/osv/GO-2026-5681.json'), path.join(dir, 'go.json'))
  fs.copyFileSync(
    path.join(conformance, 'cyclonedx/tools/src/test/resources/1.6/valid-bom-1.6.json'),
    path.join(dir, 'sbom.json'),
  )
  fs.writeFileSync(path.join(dir, 'notes.json'), 'these are my notes, not JSON')
  fs.copyFileSync(
    path.join(conformance, 'csaf/csaf_2.0/test/validator/data/mandatory/oasis_csaf_tc-csaf_2_0-2021-6-1-01-01.json'),
    path.join(dir, 'broken.json'),
  )
})
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

describeEachDatabase('importing CSAF advisories', (t) => {
  it('imports a folder, refuses each bad file with what it looks like, alerts the affected owner and re-imports nothing', async () => {
    const affected = await makeOrganization(t.db, { name: 'Runs DEF 1.0' })
    const patched = await makeOrganization(t.db, { name: 'Runs DEF 1.1' })
    for (const [org, version] of [
      [affected, '1.0.0'],
      [patched, '1.1.0'],
    ] as const) {
      const read = readInventory(`pkg:npm/example-def@${version}\n`, 'purls')
      if (!read.ok) throw new Error(read.errors.join('; '))
      await replaceInventory(t.db, system, org.id, 'shop', read)
    }
    const progress: number[] = []
    const run = await runCsafImport(t.db, dir, (p) => progress.push(p.done))
    expect(run).toMatchObject({ files: 7, imported: 3, updated: 0, unchanged: 0 })
    expect(progress.at(-1)).toBe(7)
    expect(run.failed.map((f) => f.error).sort()).toEqual([
      expect.stringMatching(
        /^broken\.json: not valid CSAF 2\.0: CSAF 6\.1\.1: \/product_tree\/product_groups\/0\/product_ids\/0: definition of product id missing/,
      ),
      'go.json: looks like an OSV advisory (GO-2026-5681), not a CSAF advisory',
      'notes.json: looks like not JSON',
      'sbom.json: looks like a CycloneDX SBOM, not a CSAF advisory',
    ])
    expect(run.notes).toContainEqual({
      id: 'BSI-2022-0001',
      note: expect.stringContaining('5 named by CPE only'),
    })
    const stored = await t.db
      .selectFrom('external_advisories')
      .select(['id', 'source', 'revision', 'url', 'aliases'])
      .where('source', '=', 'csaf')
      .orderBy('id')
      .execute()
    expect(stored.map((s) => `${s.id} ${s.revision} ${s.aliases.join(',')}`)).toEqual([
      'BSI-2022-0001 1 CVE-2022-27193',
      'EXAMPLE-DEF-1 1 CVE-2021-44228',
      'RHSA-2022:0011 1 CVE-2020-10188',
    ])
    expect(stored.find((s) => s.id === 'RHSA-2022:0011')?.url).toBe('https://access.redhat.com/errata/RHSA-2022:0011')
    expect(run.alerted).toEqual({ owners: 1, newItems: 1 })
    const items = await t.db
      .selectFrom('owner_alert_items as i')
      .innerJoin('owner_alerts as a', 'a.id', 'i.alert_id')
      .select(['a.organization_id', 'i.purl', 'i.vulnerability'])
      .where('a.external_advisory_id', '=', 'EXAMPLE-DEF-1')
      .execute()
    expect(items).toEqual([
      { organization_id: affected.id, purl: 'pkg:npm/example-def@1.0.0', vulnerability: 'CVE-2021-44228' },
    ])
    expect(csafSummary(run, dir)).toContain('refused: go.json: looks like an OSV advisory')

    const again = await runCsafImport(t.db, dir)
    expect(again).toMatchObject({ imported: 0, updated: 0, unchanged: 3, changedIds: [], alerted: null })

    const single = path.join(dir, 'def-2.json')
    fs.writeFileSync(single, withPurls('EXAMPLE-DEF-1', '2'))
    const revised = await runCsafImport(t.db, single)
    expect(revised).toMatchObject({ files: 1, updated: 1, changedIds: ['EXAMPLE-DEF-1'] })
    fs.rmSync(single)
  })

  it('follows a provider’s metadata through its ROLIE feed and directory listing, refusing a bad hash and a bad signature', async () => {
    const provider = await startProvider()
    try {
      const run = await runCsafImport(t.db, `${provider.url}/.well-known/csaf/provider-metadata.json`)
      expect(run.files).toBe(4)
      expect(run.imported + run.unchanged + run.updated).toBe(2)
      expect(run.failed.map((f) => f.error).sort()).toEqual([
        expect.stringMatching(/tampered\.json: its SHA256 hash does not match .*tampered\.json\.sha256: refused$/),
        expect.stringMatching(/unsigned\.json: its OpenPGP signature does not check out against the provider's keys/),
      ])
      const ids = await t.db
        .selectFrom('external_advisories')
        .select('id')
        .where('id', 'in', ['PROVIDER-ROLIE-1', 'PROVIDER-DIR-1', 'PROVIDER-TAMPERED', 'PROVIDER-FORGED'])
        .orderBy('id')
        .execute()
      expect(ids.map((r) => r.id)).toEqual(['PROVIDER-DIR-1', 'PROVIDER-ROLIE-1'])
    } finally {
      await provider.close()
    }
  })
})

/** A loopback CSAF trusted provider: metadata, one key, a ROLIE feed and a directory with index.txt. */
async function startProvider(): Promise<{ url: string; close: () => Promise<void> }> {
  const { privateKey, publicKey } = await openpgp.generateKey({
    type: 'ecc',
    curve: 'curve25519Legacy',
    userIDs: [{ name: 'Example PSIRT', email: 'psirt@example.com' }],
    format: 'armored',
  })
  const { privateKey: strangerKey } = await openpgp.generateKey({
    type: 'ecc',
    curve: 'curve25519Legacy',
    userIDs: [{ name: 'Someone else', email: 'x@example.net' }],
    format: 'armored',
  })
  const key = await openpgp.readKey({ armoredKey: publicKey })
  const files = new Map<string, string>()
  const sign = async (text: string, armored = privateKey) =>
    (await openpgp.sign({
      message: await openpgp.createMessage({ binary: Buffer.from(text) }),
      signingKeys: await openpgp.readPrivateKey({ armoredKey: armored }),
      detached: true,
    })) as string
  const publish = async (at: string, text: string, o: { hashOf?: string; signer?: string } = {}) => {
    files.set(at, text)
    files.set(
      `${at}.sha256`,
      `${createHash('sha256')
        .update(o.hashOf ?? text)
        .digest('hex')}  ${path.basename(at)}\n`,
    )
    files.set(
      `${at}.sha512`,
      `${createHash('sha512')
        .update(o.hashOf ?? text)
        .digest('hex')}  ${path.basename(at)}\n`,
    )
    files.set(`${at}.asc`, await sign(text, o.signer))
  }
  const server = http.createServer((req, res) => {
    const body = files.get(new URL(req.url ?? '/', 'http://x').pathname)
    if (body === undefined) {
      res.writeHead(404).end()
      return
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const csaf = `${url}/.well-known/csaf`
  await publish('/.well-known/csaf/white/2026/provider-rolie-1.json', withPurls('PROVIDER-ROLIE-1'))
  await publish('/.well-known/csaf/white/2026/tampered.json', withPurls('PROVIDER-TAMPERED'), {
    hashOf: withPurls('PROVIDER-TAMPERED-ORIGINAL'),
  })
  await publish('/.well-known/csaf/white/2026/provider-dir-1.json', withPurls('PROVIDER-DIR-1'))
  await publish('/.well-known/csaf/white/2026/unsigned.json', withPurls('PROVIDER-FORGED'), { signer: strangerKey })
  const entry = (name: string) => ({
    id: name,
    title: name,
    link: [
      { rel: 'self', href: `${csaf}/white/2026/${name}.json` },
      { rel: 'hash', href: `${csaf}/white/2026/${name}.json.sha256` },
      { rel: 'hash', href: `${csaf}/white/2026/${name}.json.sha512` },
      { rel: 'signature', href: `${csaf}/white/2026/${name}.json.asc` },
    ],
    published: '2022-03-01T00:00:00Z',
    updated: '2022-03-01T00:00:00Z',
    content: { type: 'application/json', src: `${csaf}/white/2026/${name}.json` },
    format: { schema: 'https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json', version: '2.0' },
  })
  files.set(
    '/.well-known/csaf/white/feed-tlp-white.json',
    JSON.stringify({
      feed: {
        id: 'example-csaf-feed-tlp-white',
        title: 'Example CSAF feed (TLP:WHITE)',
        link: [{ rel: 'self', href: `${csaf}/white/feed-tlp-white.json` }],
        category: [{ scheme: 'urn:ietf:params:rolie:category:information-type', term: 'csaf' }],
        updated: '2022-03-01T00:00:00Z',
        entry: [entry('provider-rolie-1'), entry('tampered')],
      },
    }),
  )
  files.set('/.well-known/csaf/white/index.txt', '2026/provider-dir-1.json\n2026/unsigned.json\n2026/tampered.json\n')
  files.set(
    '/.well-known/csaf/provider-metadata.json',
    JSON.stringify({
      canonical_url: `${csaf}/provider-metadata.json`,
      distributions: [
        {
          rolie: {
            feeds: [
              { summary: 'TLP:WHITE advisories', tlp_label: 'WHITE', url: `${csaf}/white/feed-tlp-white.json` },
              // Access-protected (§7.1.5): this server refuses it, and a reader without credentials skips it.
              { summary: 'TLP:AMBER advisories', tlp_label: 'AMBER', url: `${csaf}/amber/feed-tlp-amber.json` },
            ],
          },
        },
        { directory_url: `${csaf}/white/` },
      ],
      last_updated: '2022-03-01T00:00:00Z',
      list_on_CSAF_aggregators: true,
      metadata_version: '2.0',
      mirror_on_CSAF_aggregators: true,
      public_openpgp_keys: [{ fingerprint: key.getFingerprint().toUpperCase(), url: `${csaf}/openpgp/psirt.asc` }],
      publisher: { category: 'vendor', name: 'Example Company', namespace: 'https://psirt.example.com' },
      role: 'csaf_trusted_provider',
    }),
  )
  files.set('/.well-known/csaf/openpgp/psirt.asc', publicKey)
  return { url, close: () => new Promise((resolve) => server.close(() => resolve())) }
}
