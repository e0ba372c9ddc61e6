// Owners' inventories through the API, on both databases: a real SBOM (Keycloak) uploaded as an
// asset, re-uploaded as a purl list showing what changed, an invalid CycloneDX document refused
// with its schema errors and nothing stored, a bad purl line reported while the rest imports, an
// upload from a CI pipeline's API token, and the coordinators' critical-infrastructure flag.
import fs from 'node:fs'
import path from 'node:path'
import { expect, it } from 'vitest'
import { describeEachDatabase, signedIn, tokenClient } from '../support/api.js'
import { makeMember, makeOrganization, makeUser } from '../support/factories.js'

const conformance = path.resolve(process.cwd(), '../shared/conformance/cyclonedx')
const keycloak = fs.readFileSync(path.join(conformance, 'examples/SBOM/keycloak-10.0.2/bom.json'), 'utf8')
const invalid = fs.readFileSync(
  path.join(conformance, 'tools/src/test/resources/1.6/invalid-bomformat-1.6.json'),
  'utf8',
)
const json = { 'content-type': 'application/json' }
const text = { 'content-type': 'text/plain' }

describeEachDatabase('inventories', (t) => {
  async function owner() {
    const org = await makeOrganization(t.db, {
      name: `Example Power & Light ${Math.random().toString(36).slice(2, 6)}`,
      kind: 'owner',
    })
    const member = await makeMember(t.db, org, 'member')
    return { org, member, client: await signedIn(t.app, member) }
  }
  const upload = (
    o: Awaited<ReturnType<typeof owner>>['client'],
    orgId: string,
    asset: string,
    body: string,
    headers: Record<string, string>,
  ) => o.request('PUT', `/api/v1/organizations/${orgId}/inventory?asset=${encodeURIComponent(asset)}`, body, headers)

  it('imports a real SBOM as an asset, and a re-upload says what was added, removed and changed', async () => {
    const o = await owner()
    const first = await upload(o.client, o.org.id, 'identity server', keycloak, json)
    expect(first.statusCode, first.body).toBe(200)
    expect(first.json()).toMatchObject({ asset: 'identity server', format: 'cyclonedx-1.2', components: 903 })
    // Added counts packages, not components: some packages come in several versions.
    const packages = first.json().added.length as number
    expect(packages).toBeGreaterThan(700)
    expect(first.json().added).toContain('pkg:maven/org.keycloak/keycloak-core')
    const assets = (await o.client.get(`/api/v1/organizations/${o.org.id}/assets`)).json()
    expect(assets).toEqual([expect.objectContaining({ name: 'identity server', components: 903, uploads: 1 })])

    const again = await upload(
      o.client,
      o.org.id,
      'identity server',
      'pkg:generic/sendmail@8.12.7\n# the mail relay\npkg:maven/org.keycloak/keycloak-core@10.0.3\n',
      text,
    )
    expect(again.statusCode, again.body).toBe(200)
    const r = again.json()
    expect(r).toMatchObject({ format: 'purls', components: 2 })
    expect(r.added).toEqual(['pkg:generic/sendmail'])
    expect(r.changed).toEqual([{ component: 'pkg:maven/org.keycloak/keycloak-core', from: '10.0.2', to: '10.0.3' }])
    expect(r.removed).toHaveLength(packages - 1)
    const detail = (await o.client.get(`/api/v1/organizations/${o.org.id}/assets/${r.assetId}`)).json()
    expect(detail.items.map((c: { purl: string }) => c.purl).sort()).toEqual([
      'pkg:generic/sendmail@8.12.7',
      'pkg:maven/org.keycloak/keycloak-core@10.0.3',
    ])
    expect(detail.uploads.map((u: { format: string }) => u.format)).toEqual(['purls', 'cyclonedx-1.2'])
  })

  it('refuses an SBOM that fails its schema with its errors and stores nothing; a bad purl line is reported, the rest imported', async () => {
    const o = await owner()
    const refused = await upload(o.client, o.org.id, 'plant network', invalid, json)
    expect(refused.statusCode).toBe(422)
    expect(refused.json().errors.length).toBeGreaterThan(0)
    expect(refused.json().errors[0].message).toMatch(/^\/|bomFormat/)
    expect((await o.client.get(`/api/v1/organizations/${o.org.id}/assets`)).json()).toEqual([])

    const mixed = await upload(
      o.client,
      o.org.id,
      'plant network',
      'pkg:deb/debian/sendmail@8.12.3-4\nnot a purl\npkg:rpm/redhat/sendmail@8.11.6-3\n',
      text,
    )
    expect(mixed.statusCode).toBe(200)
    expect(mixed.json().components).toBe(2)
    expect(mixed.json().problems).toEqual([expect.objectContaining({ component: expect.stringContaining('line 2') })])
  })

  it('takes an upload from a CI pipeline with a member’s API token; others see nothing; only coordinators flag critical infrastructure', async () => {
    const o = await owner()
    const pipeline = await tokenClient(t, o.member)
    expect((await upload(pipeline, o.org.id, 'ci-built image', 'pkg:npm/lodash@4.17.20\n', text)).statusCode).toBe(200)
    const outsider = await signedIn(t.app, await makeUser(t.db))
    expect((await upload(outsider, o.org.id, 'x', 'pkg:npm/lodash@4.17.20\n', text)).statusCode).toBe(404)
    expect((await outsider.get(`/api/v1/organizations/${o.org.id}/assets`)).statusCode).toBe(404)

    expect(
      (await o.client.request('PUT', `/api/v1/organizations/${o.org.id}/critical-infrastructure`, { critical: true }))
        .statusCode,
    ).toBe(403)
    const staff = await signedIn(t.app, await makeUser(t.db, { instanceRole: 'coordinator' }))
    expect(
      (await staff.request('PUT', `/api/v1/organizations/${o.org.id}/critical-infrastructure`, { critical: true }))
        .statusCode,
    ).toBe(204)
    const flagged = await t.db
      .selectFrom('organizations')
      .select('critical_infrastructure')
      .where('id', '=', o.org.id)
      .executeTakeFirstOrThrow()
    expect(flagged.critical_infrastructure).toBe(true)
  })
})
