// What needs whom: in-app notifications written with the event for the people who may see it and
// nobody else, marked read, hidden again when the person leaves the case; mail preferences decide
// who is also mailed at once; the daily digest gathers what is unread into one mail per person;
// the Home lists, per role, what is asked of the caller.
import { expect, it } from 'vitest'
import { describeEachDatabase, signedIn, type Client } from '../support/api.js'
import { makeMember, makeOrganization, makeReport, makeUser } from '../support/factories.js'
import { sendDigests } from '../../src/commands/needs/digest.js'
import type { UserRow } from '../../src/store/schema.js'

describeEachDatabase('what needs whom', (t) => {
  async function world() {
    const coordinator = await makeUser(t.db, { instanceRole: 'coordinator', name: 'Casey Coordinator' })
    const staff = await signedIn(t.app, coordinator)
    const finderUser = await makeUser(t.db, { name: 'Fran Finder' })
    const report = await makeReport(t.db, { state: 'valid', reporterUserId: finderUser.id })
    const opened = await staff.post('/api/v1/cases', { reportIds: [report.id], title: 'Remote root in sendmail' })
    expect(opened.statusCode).toBe(201)
    const c = opened.json() as { id: string; caseNumber: string; vulnerabilities: { id: string }[] }
    const vendorOrg = await makeOrganization(t.db, { name: `Vendor ${Math.random()}` })
    const vendorUser = await makeMember(t.db, vendorOrg, 'admin', { name: 'Rae Vendor' })
    const otherOrg = await makeOrganization(t.db, { name: `Other ${Math.random()}` })
    const otherVendor = await makeMember(t.db, otherOrg, 'admin', { name: 'Otto Other' })
    const outsider = await makeMember(t.db, await makeOrganization(t.db), 'admin', { name: 'Olga Outsider' })
    const added = await staff.post(`/api/v1/cases/${c.id}/participants`, {
      organizationId: vendorOrg.id,
      roles: ['vendor'],
    })
    expect(added.statusCode).toBe(201)
    await staff.post(`/api/v1/cases/${c.id}/participants`, { organizationId: otherOrg.id, roles: ['vendor'] })
    const clients = {
      finder: await signedIn(t.app, finderUser),
      vendor: await signedIn(t.app, vendorUser),
      other: await signedIn(t.app, otherVendor),
      outsider: await signedIn(t.app, outsider),
    }
    return { staff, coordinator, c, vendorOrg, vendorUser, vendorParticipant: added.json().id as string, ...clients }
  }

  const messages = async (client: Client) => {
    const res = await client.get('/api/v1/notifications?limit=50')
    expect(res.statusCode).toBe(200)
    const body = res.json() as { items: { id: string; kind: string; title: string; link: string }[]; unread: number }
    return { ...body, items: body.items.filter((n) => n.kind === 'message') }
  }
  const outboxTo = (user: UserRow, template: string) =>
    t.db
      .selectFrom('mail_outbox')
      .select(['data', 'template'])
      .where('to_address', '=', user.email)
      .where('template', '=', template)
      .execute()

  it('tells everyone who reads a thread of a new message, in the app, and nobody else; read, the count falls', async () => {
    const w = await world()
    const posted = await w.staff.post(`/api/v1/cases/${w.c.id}/threads/case/messages`, {
      body: 'Patch attached next week.',
      tlp: 'AMBER',
    })
    expect(posted.statusCode).toBe(201)
    const vendor = await messages(w.vendor)
    expect(vendor.items).toHaveLength(1)
    expect(vendor.items[0]!.title).toContain('Casey Coordinator wrote in')
    expect(vendor.items[0]!.link).toBe(`/cases/${w.c.caseNumber}?thread=case`)
    expect((await messages(w.finder)).items).toHaveLength(1)
    expect((await messages(w.other)).items).toHaveLength(1)
    expect((await messages(w.outsider)).items).toHaveLength(0)
    expect((await messages(w.outsider)).unread).toBe(0)
    expect((await messages(w.staff)).items).toHaveLength(0) // the author

    // The coordinator writes privately to one vendor: the other vendor and the finder hear nothing.
    await w.staff.post(`/api/v1/cases/${w.c.id}/threads/${w.vendorParticipant}/messages`, {
      body: 'Just between us.',
      tlp: 'AMBER',
    })
    expect((await messages(w.vendor)).items).toHaveLength(2)
    expect((await messages(w.other)).items).toHaveLength(1)
    expect((await messages(w.finder)).items).toHaveLength(1)

    const before = (await w.vendor.get('/api/v1/notifications')).json().unread as number
    const one = (await messages(w.vendor)).items[0]!.id
    expect((await w.vendor.post('/api/v1/notifications/read', { ids: [one] })).json().marked).toBe(1)
    expect((await w.vendor.get('/api/v1/notifications')).json().unread).toBe(before - 1)
    // Someone else's notification cannot be marked by another person.
    const finderOne = (await messages(w.finder)).items[0]!.id
    expect((await w.outsider.post('/api/v1/notifications/read', { ids: [finderOne] })).json().marked).toBe(0)
    expect((await w.vendor.post('/api/v1/notifications/read', { all: true })).statusCode).toBe(200)
    expect((await w.vendor.get('/api/v1/notifications?unread=true')).json()).toMatchObject({ unread: 0, items: [] })
    // A wrong id is a named 4xx, not a 500.
    const bad = await w.vendor.post('/api/v1/notifications/read', { ids: ['nope'] })
    expect(bad.statusCode).toBe(422)
  })

  it('no longer lists the notifications of a case the person was removed from', async () => {
    const w = await world()
    await w.staff.post(`/api/v1/cases/${w.c.id}/threads/case/messages`, { body: 'Hello all.', tlp: 'AMBER' })
    expect((await messages(w.vendor)).items).toHaveLength(1)
    const removed = await w.staff.delete(`/api/v1/cases/${w.c.id}/participants/${w.vendorParticipant}`)
    expect(removed.statusCode).toBeLessThan(300)
    expect((await messages(w.vendor)).items).toHaveLength(0)
  })

  it('mails at once, in the app only, or in one daily digest, as each person chose', async () => {
    const w = await world()
    const prefs = await w.vendor.get('/api/v1/me/mail-preferences')
    expect(prefs.json()).toContainEqual(expect.objectContaining({ kind: 'message', delivery: 'now' }))
    const finderUser = await t.db
      .selectFrom('users')
      .selectAll()
      .where('name', '=', 'Fran Finder')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow()
    expect(
      (await w.finder.put('/api/v1/me/mail-preferences', { preferences: [{ kind: 'message', delivery: 'app' }] }))
        .statusCode,
    ).toBe(200)
    const digest = await w.vendor.put('/api/v1/me/mail-preferences', {
      preferences: [{ kind: 'message', delivery: 'digest' }],
    })
    expect(digest.json()).toContainEqual(expect.objectContaining({ kind: 'message', delivery: 'digest' }))
    const other = await t.db
      .selectFrom('users')
      .selectAll()
      .where('name', '=', 'Otto Other')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow()

    await w.staff.post(`/api/v1/cases/${w.c.id}/threads/case/messages`, { body: 'First.', tlp: 'AMBER' })
    await w.staff.post(`/api/v1/cases/${w.c.id}/threads/case/messages`, { body: 'Second.', tlp: 'AMBER' })
    // Everyone is told in the app; only the one who kept "at once" is mailed at once.
    expect((await messages(w.finder)).items).toHaveLength(2)
    expect(await outboxTo(finderUser, 'case.message')).toHaveLength(0)
    expect(await outboxTo(w.vendorUser, 'case.message')).toHaveLength(0)
    expect(await outboxTo(other, 'case.message')).toHaveLength(2)

    // The digest: one mail for the vendor with both messages, none for the others, none twice.
    await sendDigests(t.db)
    const digests = await outboxTo(w.vendorUser, 'needs.digest')
    expect(digests).toHaveLength(1)
    const items = (digests[0]!.data as { items: { title: string }[] }).items
    expect(items).toHaveLength(2)
    expect(items[0]!.title).toContain('Casey Coordinator wrote in')
    expect(await outboxTo(finderUser, 'needs.digest')).toHaveLength(0)
    await sendDigests(t.db)
    expect(await outboxTo(w.vendorUser, 'needs.digest')).toHaveLength(1)
    // What was read before the digest is not in it.
    await w.staff.post(`/api/v1/cases/${w.c.id}/threads/case/messages`, { body: 'Third.', tlp: 'AMBER' })
    await w.vendor.post('/api/v1/notifications/read', { all: true })
    await sendDigests(t.db)
    expect(await outboxTo(w.vendorUser, 'needs.digest')).toHaveLength(1)

    const refused = await w.vendor.put('/api/v1/me/mail-preferences', {
      preferences: [{ kind: 'message', delivery: 'weekly' }],
    })
    expect(refused.statusCode).toBe(422)
    expect(refused.body).toContain('preferences')
  })

  it("shows each role's Home what is asked of it: the vendor's answers, the coordinator’s statements to approve, the finder’s report in plain words", async () => {
    const w = await world()
    const vendorHome = (await w.vendor.get('/api/v1/home')).json() as {
      items: { kind: string; title: string; link: string }[]
    }
    const ask = vendorHome.items.find((i) => i.kind === 'answer')
    expect(ask?.title).toContain('to say whether you are affected')
    expect(ask?.link).toBe(`/cases/${w.c.caseNumber}`)
    expect((await w.outsider.get('/api/v1/home')).json().items).toEqual([])

    const stated = await w.vendor.post(
      `/api/v1/cases/${w.c.id}/vulnerabilities/${w.c.vulnerabilities[0]!.id}/statements`,
      { status: 'fixed', fixedVersions: ['8.12.8'], shareable: false },
    )
    expect(stated.statusCode).toBe(201)
    const home = (await w.staff.get('/api/v1/home')).json() as {
      items: { kind: string; title: string; caseNumber: string | null }[]
      cases: { caseNumber: string; statementsWaiting: number }[]
    }
    expect(home.items).toContainEqual(
      expect.objectContaining({
        kind: 'statements',
        caseNumber: w.c.caseNumber,
        title: '1 statement waits for your approval',
      }),
    )
    expect(home.cases).toContainEqual(expect.objectContaining({ caseNumber: w.c.caseNumber, statementsWaiting: 1 }))
    // The coordinator is told in the app as well; the vendor who wrote it is not.
    const told = (await w.staff.get('/api/v1/notifications')).json().items as { kind: string }[]
    expect(told.some((n) => n.kind === 'statement')).toBe(true)
    // Others cannot see the coordinator's part.
    expect(((await w.vendor.get('/api/v1/home')).json().items as { kind: string }[]).map((i) => i.kind)).not.toContain(
      'statements',
    )

    const finderHome = (await w.finder.get('/api/v1/home')).json() as { items: { kind: string; title: string }[] }
    expect(finderHome.items.find((i) => i.kind === 'report')?.title).toMatch(/^Your report LSR-.*: Vendors being told$/)
  })
})
