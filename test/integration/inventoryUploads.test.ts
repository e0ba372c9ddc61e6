// Uploads that must not destroy data or crash, and the formats people upload, on both databases:
// an SPDX document that is only a version is refused and changes nothing (it used to empty the
// asset and mark its open alert items patched); an upload that lists no component over an asset
// that has some is refused (409) unless it says allowEmpty=true; CycloneDX XML and SPDX
// tag-value are read; another content type gets a 415 naming what to send; JSON nested thousands
// deep and a NUL in a version give a 4xx naming the place, not a 500; /healthz answers while a
// 50,000-component SBOM is being read (ordering, not timing: the reading yields between chunks).
import fs from 'node:fs'
import path from 'node:path'
import { expect, it } from 'vitest'
import { describeEachDatabase, signedIn } from '../support/api.js'
import { makeMember, makeOrganization } from '../support/factories.js'
import { importOsv } from '../../src/commands/owners/externalAdvisories.js'
import { readInventoryYielding } from '../../src/adapters/sbom/readInventory.js'

const conformance = path.resolve(process.cwd(), '../shared/conformance')
const read = (relative: string) => fs.readFileSync(path.join(conformance, relative), 'utf8')
const text = { 'content-type': 'text/plain' }

// Shaped like GHSA-84pr-m4jr-85g5 (flask-cors before 4.0.1).
const flaskCors = {
  schema_version: '1.6.0',
  id: 'TEST-UPLOADS-FLASK-CORS',
  modified: '2024-05-01T00:00:00Z',
  published: '2024-04-20T00:00:00Z',
  aliases: ['CVE-2024-1681'],
  summary: 'flask-cors vulnerable to log injection when the log level is set to debug',
  affected: [
    {
      package: { ecosystem: 'PyPI', name: 'flask-cors' },
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '4.0.1' }] }],
    },
  ],
}

describeEachDatabase('inventory uploads', (t) => {
  async function owner() {
    const org = await makeOrganization(t.db, {
      name: `Example Water Works ${Math.random().toString(36).slice(2, 6)}`,
      kind: 'owner',
    })
    const member = await makeMember(t.db, org, 'member')
    const client = await signedIn(t.app, member)
    const upload = (asset: string, body: string, headers: Record<string, string>, query = '') =>
      client.request(
        'PUT',
        `/api/v1/organizations/${org.id}/inventory?asset=${encodeURIComponent(asset)}${query}`,
        body,
        headers,
      )
    const state = async (asset: string) => {
      const items = await t.db
        .selectFrom('owner_alert_items as i')
        .innerJoin('assets as a', 'a.id', 'i.asset_id')
        .select(['i.status'])
        .where('a.organization_id', '=', org.id)
        .where('a.name', '=', asset)
        .execute()
      const assets = (await client.get(`/api/v1/organizations/${org.id}/assets`)).json() as {
        name: string
        components: number
        uploads: number
      }[]
      const found = assets.find((a) => a.name === asset)
      return { components: found?.components, uploads: found?.uploads, items: items.map((i) => i.status) }
    }
    return { org, upload, state }
  }

  it('refuses an SPDX document that is only a version, and one that would empty the asset unless allowEmpty=true', async () => {
    await importOsv(t.db, [{ file: 'TEST-UPLOADS-FLASK-CORS.json', text: JSON.stringify(flaskCors) }])
    const o = await owner()
    const first = await o.upload('api gateway', 'pkg:pypi/flask-cors@3.0.10\npkg:npm/lodash@4.17.21\n', text)
    expect(first.statusCode, first.body).toBe(200)
    expect(first.json().alerts.newItems).toBe(1)
    const before = await o.state('api gateway')
    expect(before).toEqual({ components: 2, uploads: 1, items: ['open'] })

    const bare = await o.upload('api gateway', '{"spdxVersion":"SPDX-2.3"}', { 'content-type': 'application/json' })
    expect(bare.statusCode).toBe(422)
    expect(bare.headers['content-type']).toContain('application/problem+json')
    expect(bare.json().errors).toContainEqual({ field: 'body', message: '/SPDXID: is required (SPDXRef-DOCUMENT)' })
    expect(await o.state('api gateway')).toEqual(before)

    const nothing = JSON.stringify({
      spdxVersion: 'SPDX-2.3',
      SPDXID: 'SPDXRef-DOCUMENT',
      name: 'api gateway',
      dataLicense: 'CC0-1.0',
      documentNamespace: 'https://example.com/spdx/api-gateway-2',
      creationInfo: { created: '2026-01-31T12:00:00Z', creators: ['Tool: example-1.0'] },
      packages: [],
    })
    const spdx = { 'content-type': 'application/spdx+json' }
    const refused = await o.upload('api gateway', nothing, spdx)
    expect(refused.statusCode).toBe(409)
    expect(refused.json()).toMatchObject({
      type: 'tag:lockstep,2026:problem/empty-inventory',
      detail: expect.stringContaining('would remove all 2 components of "api gateway"'),
      errors: [{ field: 'allowEmpty', message: expect.any(String) }],
    })
    expect(await o.state('api gateway')).toEqual(before)

    const meant = await o.upload('api gateway', nothing, spdx, '&allowEmpty=true')
    expect(meant.statusCode, meant.body).toBe(200)
    expect(meant.json()).toMatchObject({ components: 0, removed: ['pkg:pypi/flask-cors', 'pkg:npm/lodash'] })
    // The open item's package is gone from the asset: not applicable any more, not "patched".
    expect(await o.state('api gateway')).toEqual({ components: 0, uploads: 2, items: ['not_applicable'] })
    // A new asset may start empty: there is nothing to lose.
    expect((await o.upload('spare server', nothing, spdx)).statusCode).toBe(200)
  })

  it('reads CycloneDX XML and SPDX tag-value by their content types or by sniffing; refuses other types with a 415 naming the formats', async () => {
    const o = await owner()
    const xml = read('cyclonedx/tools/src/test/resources/1.6/valid-component-types-1.6.xml')
    const twin = read('cyclonedx/tools/src/test/resources/1.6/valid-component-types-1.6.json')
    const fromJson = await o.upload('json twin', twin, { 'content-type': 'application/vnd.cyclonedx+json' })
    expect(fromJson.statusCode, fromJson.body).toBe(200)
    for (const type of ['application/vnd.cyclonedx+xml', 'text/xml', 'application/xml; charset=utf-8']) {
      const r = await o.upload(`xml as ${type}`, xml, { 'content-type': type })
      expect(r.statusCode, r.body).toBe(200)
      expect(r.json()).toMatchObject({ format: 'cyclonedx-1.6', components: fromJson.json().components })
    }
    const tagValue = read('spdx/software/example5/spdx2.2/example5-src.spdx')
    for (const type of ['text/spdx', 'text/plain']) {
      const r = await o.upload(`tag-value as ${type}`, tagValue, { 'content-type': type })
      expect(r.statusCode, r.body).toBe(200)
      expect(r.json()).toMatchObject({ format: 'spdx-2.2', components: 1 })
    }
    const pdf = await o.upload('a pdf', '%PDF-1.7', { 'content-type': 'application/pdf' })
    expect(pdf.statusCode).toBe(415)
    expect(pdf.headers['content-type']).toContain('application/problem+json')
    expect(pdf.json().detail).toMatch(/^An inventory cannot be sent as application\/pdf\. Send CycloneDX JSON or XML/)
    expect((await o.state('a pdf')).components).toBeUndefined()
  })

  it('refuses JSON nested thousands of levels deep and a NUL in a version with a 4xx naming the place, storing nothing', async () => {
    const o = await owner()
    let inner = '{"type":"library","name":"deepest"}'
    for (let i = 0; i < 5000; i++) inner = `{"type":"library","name":"level${i}","components":[${inner}]}`
    const deep = `{"bomFormat":"CycloneDX","specVersion":"1.6","components":[${inner}]}`
    for (const type of ['application/json', 'application/vnd.cyclonedx+json']) {
      const r = await o.upload('deep', deep, { 'content-type': type })
      expect(r.statusCode, r.body).toBe(422)
      expect(r.json().errors[0].message).toMatch(/^\/components\/0\/components\/0\/.*nested deeper than 100 levels/)
    }
    const nul = JSON.stringify({
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      components: [{ type: 'library', name: 'zlib', version: '1.2.13\u0000', purl: 'pkg:generic/zlib@1.2.13' }],
    })
    const r = await o.upload('deep', nul, { 'content-type': 'application/vnd.cyclonedx+json' })
    expect(r.statusCode, r.body).toBe(422)
    expect(r.json().errors).toEqual([
      {
        field: 'body',
        message: '/components/0/version: holds a NUL character (\\u0000), which no version may contain',
      },
    ])
    expect((await o.state('deep')).components).toBeUndefined()
  })

  it('answers /healthz while it reads a 50,000-component SBOM, and the upload still stores every component', async () => {
    const components = Array.from({ length: 50_000 }, (_, i) => ({
      type: 'library',
      name: `package-${i % 500}`,
      version: `1.0.${i}`,
      purl: `pkg:npm/package-${i % 500}@1.0.${i}`,
    }))
    const sbom = JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components })
    const order: string[] = []
    const reading = readInventoryYielding(sbom).then((r) => order.push(`read ${r.ok}`))
    const health = t.app.inject({ method: 'GET', url: '/healthz' }).then((r) => order.push(`healthz ${r.statusCode}`))
    await Promise.all([reading, health])
    expect(order).toEqual(['healthz 200', 'read true'])

    const o = await owner()
    const stored = await o.upload('big', sbom, { 'content-type': 'application/vnd.cyclonedx+json' })
    expect(stored.statusCode, stored.body).toBe(200)
    expect(stored.json().components).toBe(50_000)
  })
})
