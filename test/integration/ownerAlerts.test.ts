// Owners around a release, on both databases: the critical owner running an affected sendmail is
// pre-noticed (TLP:AMBER, once, inside the lead time, in the ledger) and nobody else; at the
// release every affected owner is alerted and mailed, an owner on the fixed version is not; the
// owner marks a component patched and the coordinator's adoption moves; a re-upload showing the
// fixed version marks the item patched by itself; an upload after the release is alerted at once.
import { expect, it } from 'vitest'
import { describeEachDatabase, signedIn, type Client } from '../support/api.js'
import { makeMember, makeOrganization } from '../support/factories.js'
import { embargoedSendmailCase } from '../support/embargoedCase.js'
import { releaseCase } from '../../src/commands/release/release.js'
import {
  alertOwnersOfRelease,
  duePreNotices,
  movedPreNotices,
  ownersDuePreNotice,
  preNoticeCriticalOwners,
  preNoticeLateOwner,
  tellPreNoticedOfMove,
} from '../../src/commands/owners/releaseAlerts.js'
import { importOsv } from '../../src/commands/owners/externalAdvisories.js'
import { alertOwnersOfImported } from '../../src/commands/owners/importAlerts.js'
import fs from 'node:fs'
import path from 'node:path'

const HOUR = 3_600_000

describeEachDatabase('owner alerts', (t) => {
  async function owner(name: string, critical: boolean, purls: string) {
    const org = await makeOrganization(t.db, {
      name: `${name} ${Math.random().toString(36).slice(2, 6)}`,
      kind: 'owner',
    })
    await t.db
      .updateTable('organizations')
      .set({ critical_infrastructure: critical })
      .where('id', '=', org.id)
      .execute()
    const member = await makeMember(t.db, org, 'admin')
    const client = await signedIn(t.app, member)
    const up = await client.request('PUT', `/api/v1/organizations/${org.id}/inventory?asset=mail%20relay`, purls, {
      'content-type': 'text/plain',
    })
    expect(up.statusCode, up.body).toBe(200)
    return { org, member, client, upload: up.json() }
  }
  const alertsOf = async (o: { client: Client; org: { id: string } }) =>
    (await o.client.get(`/api/v1/organizations/${o.org.id}/alerts`)).json() as {
      id: string
      stage: string
      tlp: string
      advisory: { id: string; url: string | null; releaseAt: string | null }
      counts: Record<string, number>
      openItems: { asset: string; component: string; fixedVersions: string[] }[]
    }[]
  const mailTo = (email: string, template: string) =>
    t.db
      .selectFrom('mail_outbox')
      .select(['template', 'tlp', 'confidential', 'data'])
      .where('to_address', '=', email)
      .where('template', '=', template)
      .orderBy('created_at')
      .execute()

  it('pre-notices critical owners once, inside the lead time, and alerts every affected owner at the release', async () => {
    const endsAt = new Date(Date.now() + 20 * HOUR)
    const w = await embargoedSendmailCase(t, endsAt)
    const power = await owner('Example Power & Light', true, 'pkg:generic/sendmail@8.12.6\npkg:generic/bind@9.2.1\n')
    const campus = await owner('Riverside University', false, 'pkg:generic/sendmail@8.12.7\n')
    const hosting = await owner('Harbour Hosting', false, 'pkg:generic/sendmail@8.12.8\n')

    // Ten days before: not yet; 20 hours before (inside the 24-hour lead time): due.
    expect(await duePreNotices(t.db, new Date(endsAt.getTime() - 240 * HOUR), t.config.release)).not.toContain(w.c.id)
    const dayBefore = new Date()
    expect(await duePreNotices(t.db, dayBefore, t.config.release)).toContain(w.c.id)
    const sent = await preNoticeCriticalOwners(t.db, w.c.id, dayBefore, t.config)
    expect(sent).toMatchObject({ sent: true, owners: 1, items: 1 })
    expect(await preNoticeCriticalOwners(t.db, w.c.id, dayBefore, t.config)).toEqual({
      sent: false,
      why: 'already pre-noticed',
    })
    expect(await duePreNotices(t.db, dayBefore, t.config.release)).not.toContain(w.c.id)

    const [notice] = await alertsOf(power)
    expect(notice).toMatchObject({
      stage: 'pre_notice',
      tlp: 'AMBER',
      advisory: { url: null, releaseAt: endsAt.toISOString() },
      counts: { open: 1 },
      severity: { score: 9.8, rating: 'Critical' },
      assets: 1,
    })
    expect(notice!.openItems).toEqual([
      { asset: 'mail relay', component: 'pkg:generic/sendmail@8.12.6', fixedVersions: ['8.12.8'] },
    ])
    expect(await alertsOf(campus)).toEqual([])
    const preMail = await mailTo(power.member.email, 'owner.prenotice')
    expect(preMail).toHaveLength(1)
    expect(preMail[0]).toMatchObject({ tlp: 'AMBER', confidential: true, data: { severity: 'Critical (CVSS 9.8)' } })
    const ledger = await t.db
      .selectFrom('ledger_entries')
      .select(['kind', 'payload'])
      .where('case_id', '=', w.c.id)
      .where('kind', '=', 'owners.pre_noticed')
      .execute()
    expect(ledger).toHaveLength(1)
    expect(ledger[0]!.payload).toMatchObject({ tlp: 'AMBER', components: 1 })

    // The parties move the release two hours later: the pre-noticed owner is told, once.
    const later = new Date(endsAt.getTime() + 2 * HOUR)
    await t.db.updateTable('cases').set({ embargo_ends_at: later }).where('id', '=', w.c.id).execute()
    expect(await movedPreNotices(t.db, dayBefore)).toContain(w.c.id)
    expect(await tellPreNoticedOfMove(t.db, w.c.id, dayBefore)).toEqual({ told: 1 })
    expect(await movedPreNotices(t.db, dayBefore)).not.toContain(w.c.id)
    const moved = (await mailTo(power.member.email, 'owner.prenotice')).map(
      (m) => m.data as { releaseAt: string; movedFrom?: string },
    )
    expect(moved).toHaveLength(2)
    expect(moved[1]).toMatchObject({
      releaseAt: later.toISOString(),
      movedFrom: endsAt.toISOString(),
      severity: 'Critical (CVSS 9.8)',
    })
    expect(await mailTo(campus.member.email, 'owner.prenotice')).toHaveLength(0)

    // The parties brought the end forward to now (straight into the table: negotiation has its own tests).
    const releasedAt = new Date()
    await t.db.updateTable('cases').set({ embargo_ends_at: releasedAt }).where('id', '=', w.c.id).execute()
    const released = await releaseCase(t.db, w.c.id, releasedAt, { kind: 'embargo_end' }, { config: t.config })
    if (!released.released) throw new Error(released.why)
    // The documents first; the owners right after the release commits, once.
    expect(await alertsOf(campus)).toEqual([])
    expect(await alertOwnersOfRelease(t.db, released.advisoryUuid, releasedAt)).toEqual({
      alerted: true,
      owners: 2,
      items: 2,
    })
    expect(await alertOwnersOfRelease(t.db, released.advisoryUuid, releasedAt)).toMatchObject({ alerted: false })

    const [powerAlert] = await alertsOf(power)
    expect(powerAlert).toMatchObject({
      id: notice!.id,
      stage: 'released',
      tlp: 'CLEAR',
      advisory: { id: w.advisory.id },
    })
    const [campusAlert] = await alertsOf(campus)
    expect(campusAlert).toMatchObject({
      stage: 'released',
      counts: { open: 1, patched: 0 },
      severity: { score: 9.8, rating: 'Critical' },
      assets: 1,
      openItems: [{ asset: 'mail relay', component: 'pkg:generic/sendmail@8.12.7' }],
    })
    expect(await alertsOf(hosting)).toEqual([])
    const campusMail = await mailTo(campus.member.email, 'owner.alert')
    expect(campusMail).toHaveLength(1)
    expect(campusMail[0]!.data).toMatchObject({ advisories: [{ id: w.advisory.id, severity: 'Critical (CVSS 9.8)' }] })
    expect(await mailTo(hosting.member.email, 'owner.alert')).toHaveLength(0)

    const detail = (await campus.client.get(`/api/v1/organizations/${campus.org.id}/alerts/${campusAlert!.id}`)).json()
    expect(detail.items).toHaveLength(1)
    expect(detail.items[0]).toMatchObject({
      asset: { name: 'mail relay' },
      component: 'pkg:generic/sendmail@8.12.7',
      version: '8.12.7',
      vulnerability: w.cve,
      fixedVersions: ['8.12.8'],
      status: 'open',
      certain: true,
    })

    // The adoption: two owners exposed, then one patches.
    let adoption = (await w.staff.get(`/api/v1/cases/${w.c.id}/advisory/adoption`)).json()
    expect(adoption).toMatchObject({ owners: 2, items: 2, counts: { open: 2, patched: 0 }, patchedShare: 0 })
    expect(adoption.exposed.map((e: { organization: { critical: boolean } }) => e.organization.critical)).toEqual([
      true,
      false,
    ])

    const bad = await campus.client.put(
      `/api/v1/organizations/${campus.org.id}/alerts/${campusAlert!.id}/items/${detail.items[0].id}`,
      { status: 'fixed' },
    )
    expect(bad.statusCode).toBe(422)
    expect(bad.body).toContain('status')
    const marked = await campus.client.put(
      `/api/v1/organizations/${campus.org.id}/alerts/${campusAlert!.id}/items/${detail.items[0].id}`,
      { status: 'patched', note: 'Upgraded to 8.12.8 on the night of the release.' },
    )
    expect(marked.statusCode, marked.body).toBe(200)
    expect(marked.json()).toMatchObject({
      status: 'patched',
      statusNote: 'Upgraded to 8.12.8 on the night of the release.',
    })

    adoption = (await w.staff.get(`/api/v1/cases/${w.c.id}/advisory/adoption`)).json()
    expect(adoption).toMatchObject({ counts: { open: 1, patched: 1 }, patchedShare: 0.5 })
    expect((await campus.client.get(`/api/v1/organizations/${campus.org.id}/assets`)).json()).toMatchObject([
      { name: 'mail relay', openItems: 0 },
    ])
    expect((await alertsOf(campus))[0]).toMatchObject({ counts: { open: 0 }, openItems: [] })
    expect((await power.client.get(`/api/v1/organizations/${power.org.id}/assets`)).json()).toMatchObject([
      { name: 'mail relay', openItems: 1 },
    ])
    expect(adoption.series.at(-1)).toMatchObject({ total: 2, patched: 1, open: 1 })
    expect(adoption.series[0]).toMatchObject({ patched: 0 })
    expect(adoption.exposed).toHaveLength(1)

    // Someone else's alert is not found; a vendor does not read adoption.
    expect((await power.client.get(`/api/v1/organizations/${campus.org.id}/alerts`)).statusCode).toBe(404)
    expect(
      (
        await power.client.put(
          `/api/v1/organizations/${power.org.id}/alerts/${campusAlert!.id}/items/${detail.items[0].id}`,
          { status: 'open' },
        )
      ).statusCode,
    ).toBe(404)
    expect((await w.vendor.get(`/api/v1/cases/${w.c.id}/advisory/adoption`)).statusCode).toBe(403)

    // The critical owner upgrades: its next upload marks the item patched by itself.
    const up = await power.client.request(
      'PUT',
      `/api/v1/organizations/${power.org.id}/inventory?asset=mail%20relay`,
      'pkg:generic/sendmail@8.12.9\n',
      { 'content-type': 'text/plain' },
    )
    expect(up.json().alerts).toMatchObject({ resolved: 1, newItems: 0 })
    const powerItems = (await power.client.get(`/api/v1/organizations/${power.org.id}/alerts/${notice!.id}`)).json()
      .items
    expect(powerItems[0]).toMatchObject({ status: 'patched' })
    expect(powerItems[0].statusNote).toContain('8.12.9')
    adoption = (await w.staff.get(`/api/v1/cases/${w.c.id}/advisory/adoption`)).json()
    expect(adoption).toMatchObject({ counts: { open: 0, patched: 2 }, patchedShare: 1, exposed: [] })

    // An owner arriving after the release is alerted by its first upload.
    const late = await owner('Late Owner', false, 'pkg:generic/sendmail@8.9.3\n')
    expect(late.upload.alerts).toMatchObject({ advisories: 1, newItems: 1 })
    expect(await mailTo(late.member.email, 'owner.alert')).toHaveLength(1)
    expect((await w.staff.get(`/api/v1/cases/${w.c.id}/advisory/adoption`)).json()).toMatchObject({
      owners: 3,
      counts: { open: 1 },
    })
  })

  it('pre-notices a critical owner that arrives, or is flagged, after the pre-notice went out, once, and only of what is new', async () => {
    const endsAt = new Date(Date.now() + 20 * HOUR)
    const w = await embargoedSendmailCase(t, endsAt)
    const first = await owner('Example Power & Light', true, 'pkg:generic/sendmail@8.12.6\n')
    const now = new Date()
    expect(await preNoticeCriticalOwners(t.db, w.c.id, now, t.config)).toMatchObject({ sent: true })
    const catchUp = async () => {
      for (const due of await ownersDuePreNotice(t.db)) await preNoticeLateOwner(t.db, due, new Date(), t.config)
    }
    const preNoticesOf = async (email: string) =>
      (await mailTo(email, 'owner.prenotice')).filter(
        (m) => (m.data as { releaseAt: string }).releaseAt === endsAt.toISOString(),
      )
    const ledgerOfCase = () =>
      t.db
        .selectFrom('ledger_entries')
        .select('payload')
        .where('case_id', '=', w.c.id)
        .where('kind', '=', 'owners.pre_noticed')
        .orderBy('sequence')
        .execute()

    // A critical owner uploads an affected inventory inside the lead time.
    const water = await owner('Valley Water Authority', true, 'pkg:generic/sendmail@8.12.3\n')
    expect((await ownersDuePreNotice(t.db)).map((o) => o.id)).toContain(water.org.id)
    await catchUp()
    expect((await ownersDuePreNotice(t.db)).map((o) => o.id)).not.toContain(water.org.id)
    expect(await preNoticesOf(water.member.email)).toHaveLength(1)
    expect(
      (await alertsOf(water)).find((a) => a.stage === 'pre_notice' && a.advisory.releaseAt === endsAt.toISOString()),
    ).toMatchObject({ tlp: 'AMBER', counts: { open: 1 } })
    expect((await ledgerOfCase()).at(-1)!.payload).toMatchObject({
      tlp: 'AMBER',
      owners: 1,
      components: 1,
      organizations: [water.org.name],
      late: true,
    })

    // The same inventory again tells nobody anything; a new affected asset is told of alone.
    await water.client.request(
      'PUT',
      `/api/v1/organizations/${water.org.id}/inventory?asset=mail%20relay`,
      'pkg:generic/sendmail@8.12.3\n',
      { 'content-type': 'text/plain' },
    )
    await catchUp()
    expect(await preNoticesOf(water.member.email)).toHaveLength(1)
    await water.client.request(
      'PUT',
      `/api/v1/organizations/${water.org.id}/inventory?asset=billing%20gateway`,
      'pkg:generic/sendmail@8.11.0\n',
      { 'content-type': 'text/plain' },
    )
    await catchUp()
    expect(await preNoticesOf(water.member.email)).toHaveLength(2)
    expect((await ledgerOfCase()).at(-1)!.payload).toMatchObject({ owners: 1, components: 1, late: true })

    // An owner the coordinator flags as critical inside the lead time is pre-noticed too.
    const campus = await owner('Riverside University', false, 'pkg:generic/sendmail@8.12.7\n')
    await catchUp()
    expect(await preNoticesOf(campus.member.email)).toHaveLength(0)
    expect(
      (
        await w.staff.request('PUT', `/api/v1/organizations/${campus.org.id}/critical-infrastructure`, {
          critical: true,
        })
      ).statusCode,
    ).toBe(204)
    await catchUp()
    expect(await preNoticesOf(campus.member.email)).toHaveLength(1)
    // The first critical owner was told once, at the pre-notice.
    expect(await preNoticesOf(first.member.email)).toHaveLength(1)
    expect((await ledgerOfCase()).map((e) => (e.payload as { late?: boolean }).late ?? false)).toEqual([
      false,
      true,
      true,
      true,
    ])
  })

  it('says adoption starts at the release', async () => {
    const w = await embargoedSendmailCase(t, new Date(Date.now() + 5 * 24 * HOUR))
    const res = await w.staff.get(`/api/v1/cases/${w.c.id}/advisory/adoption`)
    expect(res.statusCode).toBe(409)
    expect(res.json().detail).toContain('not released yet')
  })

  it('alerts the owners an imported OSV advisory affects, once, and matches later uploads against it', async () => {
    const file = path.resolve(process.cwd(), '../shared/conformance/osv-data/go/data/osv/GO-2024-2916.json')
    const harbor = await owner(
      'Registry Operator',
      false,
      'pkg:golang/github.com/goharbor/harbor@v2.9.1+incompatible\n',
    )
    const patched = await owner(
      'Patched Registry',
      false,
      'pkg:golang/github.com/goharbor/harbor@v2.10.2+incompatible\n',
    )
    const imported = await importOsv(t.db, [{ file: 'GO-2024-2916.json', text: fs.readFileSync(file, 'utf8') }])
    expect(await alertOwnersOfImported(t.db, imported.changedIds)).toMatchObject({ newItems: 1 })
    const [alert] = await alertsOf(harbor)
    expect(alert).toMatchObject({
      stage: 'released',
      tlp: 'CLEAR',
      advisory: { source: 'osv', id: 'GO-2024-2916', url: 'https://osv.dev/vulnerability/GO-2024-2916' },
      counts: { open: 1 },
    })
    const items = (await harbor.client.get(`/api/v1/organizations/${harbor.org.id}/alerts/${alert!.id}`)).json().items
    expect(items[0]).toMatchObject({
      vulnerability: 'CVE-2024-22261',
      fixedVersions: expect.arrayContaining(['2.9.4+incompatible']),
    })
    expect(await alertsOf(patched)).toEqual([])
    expect(await mailTo(harbor.member.email, 'owner.alert')).toHaveLength(1)
    // Alerting again finds nothing new and mails nobody.
    expect(await alertOwnersOfImported(t.db, imported.changedIds)).toEqual({ owners: 0, newItems: 0 })
    expect(await mailTo(harbor.member.email, 'owner.alert')).toHaveLength(1)
    // An upload after the import is matched against it at once.
    const late = await owner('New Registry', false, 'pkg:golang/github.com/goharbor/harbor@v2.8.0+incompatible\n')
    expect(late.upload.alerts).toMatchObject({ advisories: 1, newItems: 1 })
  })
})
