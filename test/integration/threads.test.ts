// Case threads: everyone in the case talks in the case-wide thread, each participant privately
// with the coordinator; TLP labels on every message; unread counts per user; every post released
// to an audience is in the ledger.
import { expect, it } from 'vitest'
import { describeEachDatabase, signedIn } from '../support/api.js'
import { makeCase, makeMember, makeOrganization, makeUser } from '../support/factories.js'

describeEachDatabase('case threads', (t) => {
  async function world() {
    const finder = await makeUser(t.db, { name: 'Fran Finder' })
    const c = await makeCase(t, { finder })
    const vendorOrg = await makeOrganization(t.db, { name: 'Red Hat' })
    const vendor = await makeMember(t.db, vendorOrg, 'admin', { name: 'Rae Hat' })
    const vendorParticipant = await t.db
      .insertInto('participants')
      .values({ case_id: c.id, organization_id: vendorOrg.id, roles: ['vendor'], rm_state: 'received' })
      .returning('id')
      .executeTakeFirstOrThrow()
    const staff = await signedIn(
      t.app,
      await makeUser(t.db, { instanceRole: 'coordinator', name: 'Casey Coordinator' }),
    )
    return {
      c,
      finder: await signedIn(t.app, finder),
      vendor: await signedIn(t.app, vendor),
      staff,
      vendorThread: vendorParticipant.id,
    }
  }

  it('lists the threads each side may read', async () => {
    const w = await world()
    const titles = async (client: typeof w.staff) =>
      (await client.get(`/api/v1/cases/${w.c.id}/threads`)).json().map((x: { title: string }) => x.title)
    expect(await titles(w.vendor)).toEqual(['Everyone in the case', 'Coordinator and Red Hat'])
    expect(await titles(w.finder)).toEqual(['Everyone in the case', 'Coordinator and Fran Finder'])
    // Staff see the private threads in which something was said.
    expect(await titles(w.staff)).toEqual(['Everyone in the case'])
    await w.vendor.post(`/api/v1/cases/${w.c.id}/threads/${w.vendorThread}/messages`, {
      body: 'We are affected.',
      tlp: 'AMBER',
    })
    expect(await titles(w.staff)).toEqual(['Everyone in the case', 'Coordinator and Red Hat'])
  })

  it('keeps a private thread private: the finder cannot read the vendor’s (404)', async () => {
    const w = await world()
    await w.staff.post(`/api/v1/cases/${w.c.id}/threads/${w.vendorThread}/messages`, {
      body: 'Your fix date?',
      tlp: 'AMBER+STRICT',
    })
    expect((await w.vendor.get(`/api/v1/cases/${w.c.id}/threads/${w.vendorThread}/messages`)).json()).toEqual([
      expect.objectContaining({ author: 'Casey Coordinator', body: 'Your fix date?', tlp: 'AMBER+STRICT' }),
    ])
    expect((await w.finder.get(`/api/v1/cases/${w.c.id}/threads/${w.vendorThread}/messages`)).statusCode).toBe(404)
    expect(
      (
        await w.finder.post(`/api/v1/cases/${w.c.id}/threads/${w.vendorThread}/messages`, {
          body: 'Hello?',
          tlp: 'CLEAR',
        })
      ).statusCode,
    ).toBe(404)
  })

  it('counts unread messages per user until they read the thread', async () => {
    const w = await world()
    await w.vendor.post(`/api/v1/cases/${w.c.id}/threads/case/messages`, {
      body: 'Red Hat is affected; patch in testing.',
      tlp: 'AMBER',
    })
    await w.staff.post(`/api/v1/cases/${w.c.id}/threads/case/messages`, {
      body: 'Thanks. Proposed date next week.',
      tlp: 'AMBER',
    })
    const unread = async () =>
      (await w.finder.get(`/api/v1/cases/${w.c.id}/threads`)).json().find((x: { key: string }) => x.key === 'case')
        .unread
    expect(await unread()).toBe(2)
    const messages = (await w.finder.get(`/api/v1/cases/${w.c.id}/threads/case/messages`)).json()
    expect(messages.map((m: { author: string }) => m.author)).toEqual(['Rae Hat', 'Casey Coordinator'])
    // Reading is a GET and changes nothing; the page then says the thread has been read.
    expect(await unread()).toBe(2)
    expect((await w.finder.post(`/api/v1/cases/${w.c.id}/threads/case/read`)).statusCode).toBe(204)
    expect(await unread()).toBe(0)
  })

  it('records each post as information released, with its TLP, in the ledger', async () => {
    const w = await world()
    await w.vendor.post(`/api/v1/cases/${w.c.id}/threads/case/messages`, { body: 'Affected.', tlp: 'GREEN' })
    const ledger = (await w.staff.get(`/api/v1/cases/${w.c.id}/ledger`)).json()
    expect(ledger.intact).toBe(true)
    expect(ledger.entries.at(-1)).toMatchObject({
      kind: 'information.released',
      actor: 'Rae Hat',
      payload: { thread: 'Everyone in the case', tlp: 'GREEN' },
    })
  })

  it('needs a TLP label and a body', async () => {
    const w = await world()
    const res = await w.vendor.post(`/api/v1/cases/${w.c.id}/threads/case/messages`, { body: '' })
    expect(res.statusCode).toBe(422)
    expect(
      res
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['body', 'tlp'])
  })
})
