// Product threads in a case with many vendors: the talk about one product kept apart from the
// case-wide thread, readable by everyone in the case, and mailed only to the coordinator, the
// vendors whose products match and whoever wrote there.
import { expect, it } from 'vitest'
import { describeEachDatabase, signedIn } from '../support/api.js'
import { makeCase, makeMember, makeOrganization, makeUser } from '../support/factories.js'

const octets = { 'content-type': 'application/octet-stream' }

describeEachDatabase('product threads', (t) => {
  async function world() {
    const staff = await signedIn(
      t.app,
      await makeUser(t.db, { instanceRole: 'coordinator', name: 'Casey Coordinator' }),
    )
    const c = await makeCase(t)
    const suffix = Math.random().toString(36).slice(2, 8)
    const vendor = async (name: string, product: string) => {
      const org = await makeOrganization(t.db, { name: `${name} ${suffix}`, kind: 'vendor' })
      expect((await staff.post(`/api/v1/organizations/${org.id}/products`, { pattern: product })).statusCode).toBe(201)
      const member = await makeMember(t.db, org, 'admin')
      return { org, member, client: await signedIn(t.app, member) }
    }
    const redHat = await vendor('Red Hat', 'pkg:rpm/redhat/sendmail')
    const debian = await vendor('Debian', 'pkg:deb/debian/sendmail')
    expect(
      (await staff.post(`/api/v1/cases/${c.id}/vendors/notify`, { organizationIds: [redHat.org.id, debian.org.id] }))
        .statusCode,
    ).toBe(200)
    return { staff, c, redHat, debian }
  }

  const threadKeysOf = async (client: Awaited<ReturnType<typeof signedIn>>, caseId: string) =>
    (await client.get(`/api/v1/cases/${caseId}/threads`)).json() as {
      key: string
      title: string
      kind: string
      product: { pattern: string; yours: boolean } | null
      unread: number
    }[]

  it('opens one thread per product, refusing a product that is not a purl or CPE name, by field', async () => {
    const w = await world()
    const bad = await w.staff.post(`/api/v1/cases/${w.c.id}/product-threads`, { product: 'sendmail on Red Hat' })
    expect(bad.statusCode).toBe(422)
    expect(bad.json().errors).toEqual([expect.objectContaining({ field: 'product' })])
    const opened = await w.staff.post(`/api/v1/cases/${w.c.id}/product-threads`, {
      product: 'pkg:rpm/redhat/sendmail',
      title: 'Red Hat packages',
    })
    expect(opened.statusCode).toBe(201)
    expect(opened.json()).toMatchObject({
      kind: 'product',
      title: 'Red Hat packages',
      product: { pattern: 'pkg:rpm/redhat/sendmail', yours: false },
    })
    const again = await w.staff.post(`/api/v1/cases/${w.c.id}/product-threads`, { product: 'pkg:rpm/redhat/sendmail' })
    expect(again.statusCode).toBe(409)
    expect(again.json().detail).toContain('already has a thread about pkg:rpm/redhat/sendmail')
    // A vendor cannot open one: the coordinator keeps the case's threads in order.
    expect(
      (await w.redHat.client.post(`/api/v1/cases/${w.c.id}/product-threads`, { product: 'pkg:rpm/redhat/sendmail-cf' }))
        .statusCode,
    ).toBe(403)
    const ledger = (await w.staff.get(`/api/v1/cases/${w.c.id}/ledger`)).json()
    expect(ledger.entries.at(-1)).toMatchObject({
      kind: 'thread.opened',
      payload: { thread: 'Red Hat packages', product: 'pkg:rpm/redhat/sendmail' },
    })
  })

  it('is listed for everyone in the case, marked as theirs for the vendor of the product; its posts stay out of the case-wide thread', async () => {
    const w = await world()
    const key = (
      await w.staff.post(`/api/v1/cases/${w.c.id}/product-threads`, {
        product: 'pkg:rpm/redhat/sendmail',
        title: 'Red Hat packages',
      })
    ).json().key as string
    expect(key).toMatch(/^topic:/)

    const forRedHat = await threadKeysOf(w.redHat.client, w.c.id)
    expect(forRedHat.find((x) => x.key === key)).toMatchObject({ kind: 'product', product: { yours: true } })
    const forDebian = await threadKeysOf(w.debian.client, w.c.id)
    expect(forDebian.find((x) => x.key === key)).toMatchObject({ kind: 'product', product: { yours: false } })
    expect(forDebian.map((x) => x.kind)).toEqual(['case', 'product', 'private'])

    const before = await t.db
      .selectFrom('mail_outbox')
      .select('id')
      .where('case_id', '=', w.c.id)
      .where('thread', '=', key)
      .execute()
    expect(before).toEqual([])
    const posted = await w.redHat.client.post(`/api/v1/cases/${w.c.id}/threads/${encodeURIComponent(key)}/messages`, {
      body: 'Our errata build for 8.12.8 is in QA.',
      tlp: 'AMBER',
    })
    expect(posted.statusCode).toBe(201)
    const file = await w.redHat.client.request(
      'POST',
      `/api/v1/cases/${w.c.id}/threads/${encodeURIComponent(key)}/attachments?name=errata.txt&tlp=AMBER`,
      Buffer.from('RHSA-2003:073'),
      octets,
    )
    expect(file.statusCode).toBe(201)

    // Debian reads it (it is case-wide), and sees it unread; the case-wide thread has neither.
    expect((await threadKeysOf(w.debian.client, w.c.id)).find((x) => x.key === key)?.unread).toBe(1)
    expect(
      (await w.debian.client.get(`/api/v1/cases/${w.c.id}/threads/${encodeURIComponent(key)}/messages`))
        .json()
        .map((m: { body: string }) => m.body),
    ).toEqual(['Our errata build for 8.12.8 is in QA.'])
    expect((await w.debian.client.get(`/api/v1/cases/${w.c.id}/threads/case/messages`)).json()).toEqual([])
    expect((await w.debian.client.get(`/api/v1/cases/${w.c.id}/threads/case/attachments`)).json()).toEqual([])
    expect(
      (await w.debian.client.get(`/api/v1/cases/${w.c.id}/threads/${encodeURIComponent(key)}/attachments`)).json(),
    ).toEqual([expect.objectContaining({ filename: 'errata.txt' })])
    // Downloading follows the thread's audience: Debian may, being in the case.
    expect((await w.debian.client.get(`/api/v1/attachments/${file.json().id}`)).statusCode).toBe(200)

    // Mailed to the coordinator's people, not to Debian (not its product) nor back to Red Hat.
    const mailed = await t.db
      .selectFrom('mail_outbox')
      .select(['to_address', 'recipient_organization_id', 'template'])
      .where('case_id', '=', w.c.id)
      .where('thread', '=', key)
      .execute()
    expect(
      mailed.filter((m) => m.recipient_organization_id === w.debian.org.id || m.to_address === w.debian.member.email),
    ).toEqual([])
    expect(mailed.filter((m) => m.to_address === w.redHat.member.email)).toEqual([])

    // Once Debian writes there, it is told of what follows.
    await w.debian.client.post(`/api/v1/cases/${w.c.id}/threads/${encodeURIComponent(key)}/messages`, {
      body: 'We backport the same patch to woody.',
      tlp: 'AMBER',
    })
    await w.redHat.client.post(`/api/v1/cases/${w.c.id}/threads/${encodeURIComponent(key)}/messages`, {
      body: 'Thanks: same patch here.',
      tlp: 'AMBER',
    })
    const toDebian = await t.db
      .selectFrom('mail_outbox')
      .select('template')
      .where('case_id', '=', w.c.id)
      .where('thread', '=', key)
      .where('to_address', '=', w.debian.member.email)
      .execute()
    expect(toDebian.map((m) => m.template)).toEqual(['case.message'])
  })

  it('answers 404 for a product thread of another case or one that does not exist', async () => {
    const w = await world()
    const other = await world()
    const key = (
      await other.staff.post(`/api/v1/cases/${other.c.id}/product-threads`, { product: 'pkg:deb/debian/sendmail' })
    ).json().key as string
    expect((await w.staff.get(`/api/v1/cases/${w.c.id}/threads/${encodeURIComponent(key)}/messages`)).statusCode).toBe(
      404,
    )
    expect((await w.staff.get(`/api/v1/cases/${w.c.id}/threads/topic:not-a-uuid/messages`)).statusCode).toBe(404)
    expect(
      (await w.redHat.client.get(`/api/v1/cases/${other.c.id}/threads/${encodeURIComponent(key)}/messages`)).statusCode,
    ).toBe(404)
  })
})
