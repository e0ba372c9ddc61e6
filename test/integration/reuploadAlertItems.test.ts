// What a re-upload does to an owner's alert items, on both databases, with imported OSV advisories
// (Django's July and August 2022 security releases, as the PyPA advisory database records them:
// CVE-2022-34265 fixed in 3.2.14, CVE-2022-36359 fixed in 3.2.15). Upgrading django from 3.2.13 to
// 3.2.14 fixes the first and not the second: the first item is patched, the second stays open —
// the same item, following the component to 3.2.14, with no new mail. Taking django out of the
// inventory says so: not applicable, removed, never "patched".
import { expect, it } from 'vitest'
import { describeEachDatabase, signedIn } from '../support/api.js'
import { makeMember, makeOrganization } from '../support/factories.js'
import { importOsv } from '../../src/commands/owners/externalAdvisories.js'

const osv = (id: string, cve: string, fixes: [string, string][]) => ({
  file: `${id}.json`,
  text: JSON.stringify({
    schema_version: '1.6.0',
    id,
    modified: '2024-11-21T00:00:00Z',
    published: '2022-07-04T00:00:00Z',
    aliases: [cve],
    summary: `${cve} in Django`,
    affected: [
      {
        package: { ecosystem: 'PyPI', name: 'django', purl: 'pkg:pypi/django' },
        ranges: [
          {
            type: 'ECOSYSTEM',
            events: fixes.flatMap(([introduced, fixed]) => [{ introduced }, { fixed }]),
          },
        ],
      },
    ],
  }),
})
const truncSqlInjection = osv('PYSEC-2022-213', 'CVE-2022-34265', [
  ['3.2', '3.2.14'],
  ['4.0', '4.0.6'],
])
const reflectedDownload = osv('PYSEC-2022-245', 'CVE-2022-36359', [
  ['3.2', '3.2.15'],
  ['4.0', '4.0.7'],
])

interface Item {
  id: string
  component: string
  version: string | null
  vulnerability: string
  fixedVersions: string[]
  status: string
  statusNote: string | null
}

describeEachDatabase('a re-upload and the alert items', (t) => {
  async function owner() {
    const org = await makeOrganization(t.db, {
      name: `Riverside Clinic ${Math.random().toString(36).slice(2, 6)}`,
      kind: 'owner',
    })
    const member = await makeMember(t.db, org, 'admin')
    const client = await signedIn(t.app, member)
    const upload = async (purls: string) => {
      const up = await client.request(
        'PUT',
        `/api/v1/organizations/${org.id}/inventory?asset=patient%20portal`,
        purls,
        { 'content-type': 'text/plain' },
      )
      expect(up.statusCode, up.body).toBe(200)
      return up.json().alerts as Record<string, number>
    }
    const items = async (): Promise<Item[]> => {
      const alerts = (await client.get(`/api/v1/organizations/${org.id}/alerts`)).json() as { id: string }[]
      const all: Item[] = []
      for (const a of alerts)
        all.push(...((await client.get(`/api/v1/organizations/${org.id}/alerts/${a.id}`)).json().items as Item[]))
      return all.sort((a, b) => a.vulnerability.localeCompare(b.vulnerability))
    }
    const alertMails = () =>
      t.db
        .selectFrom('mail_outbox')
        .select('template')
        .where('to_address', '=', member.email)
        .where('template', '=', 'owner.alert')
        .execute()
    return { upload, items, alertMails }
  }

  it('keeps open what the new version is still affected by, patches only what it fixes, and says when a component was removed', async () => {
    const imported = await importOsv(t.db, [truncSqlInjection, reflectedDownload])
    expect(imported).toMatchObject({ imported: 2, failed: [] })
    const o = await owner()

    expect(await o.upload('pkg:pypi/django@3.2.13\npkg:pypi/requests@2.31.0\n')).toMatchObject({
      advisories: 2,
      newItems: 2,
    })
    const before = await o.items()
    expect(before.map((i) => [i.vulnerability, i.version, i.status])).toEqual([
      ['CVE-2022-34265', '3.2.13', 'open'],
      ['CVE-2022-36359', '3.2.13', 'open'],
    ])
    expect(await o.alertMails()).toHaveLength(1)

    // 3.2.14 fixes CVE-2022-34265 only.
    expect(await o.upload('pkg:pypi/django@3.2.14\npkg:pypi/requests@2.31.0\n')).toEqual({
      advisories: 1,
      newItems: 0,
      resolved: 1,
      stillAffected: 1,
      removed: 0,
    })
    const after = await o.items()
    expect(after).toHaveLength(2)
    expect(after[0]).toMatchObject({ id: before[0]!.id, status: 'patched', version: '3.2.13' })
    expect(after[0]!.statusNote).toMatch(/lists django at 3\.2\.14, which is not affected/)
    // The same item, still open, now naming the version installed.
    expect(after[1]).toMatchObject({
      id: before[1]!.id,
      status: 'open',
      component: 'pkg:pypi/django@3.2.14',
      version: '3.2.14',
      fixedVersions: ['3.2.15', '4.0.7'],
    })
    expect(after[1]!.statusNote).toMatch(/lists django at 3\.2\.14 \(was 3\.2\.13\), which is still affected/)
    expect(await o.alertMails()).toHaveLength(1)
    const events = await t.db
      .selectFrom('owner_alert_item_events')
      .select(['item_id', 'status', 'source'])
      .where('item_id', 'in', [before[0]!.id, before[1]!.id])
      .execute()
    expect(events).toEqual(
      expect.arrayContaining([
        { item_id: before[0]!.id, status: 'patched', source: 'inventory' },
        { item_id: before[1]!.id, status: 'open', source: 'inventory' },
      ]),
    )

    // The same inventory again changes nothing.
    expect(await o.upload('pkg:pypi/django@3.2.14\npkg:pypi/requests@2.31.0\n')).toMatchObject({
      newItems: 0,
      resolved: 0,
      stillAffected: 0,
      removed: 0,
    })

    // Django taken out: removed, not patched.
    expect(await o.upload('pkg:pypi/requests@2.31.0\n')).toMatchObject({ resolved: 0, stillAffected: 0, removed: 1 })
    const removed = (await o.items())[1]!
    expect(removed).toMatchObject({ id: before[1]!.id, status: 'not_applicable' })
    expect(removed.statusNote).toMatch(/no longer lists django: it was removed from this asset/)
  })
})
