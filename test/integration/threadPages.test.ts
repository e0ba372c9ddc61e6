// A large case's threads a page at a time: the case-wide thread first, then the private threads
// most recently written first, each with its own unread count; and any one thread opened by its
// key wherever it comes in the list (a staff "Message" to the 60th vendor, nothing said yet).
import { expect, it } from 'vitest'
import { describeEachDatabase, signedIn } from '../support/api.js'
import { makeCase, makeMember, makeUser } from '../support/factories.js'

describeEachDatabase('thread pages', (t) => {
  async function world(vendors: number) {
    const finder = await makeUser(t.db, { name: 'Fran Finder' })
    const c = await makeCase(t, { finder })
    const orgs = await t.db
      .insertInto('organizations')
      .values(
        Array.from({ length: vendors }, (_, i) => ({
          name: `Vendor ${i + 1}`,
          slug: `vendor-${c.id}-${i + 1}`,
          kind: 'vendor' as const,
        })),
      )
      .returningAll()
      .execute()
    const participants = await t.db
      .insertInto('participants')
      .values(
        orgs.map((o) => ({ case_id: c.id, organization_id: o.id, roles: ['vendor'], rm_state: 'received' as const })),
      )
      .returning('id')
      .execute()
    const staff = await signedIn(
      t.app,
      await makeUser(t.db, { instanceRole: 'coordinator', name: 'Casey Coordinator' }),
    )
    return { c, staff, finder: await signedIn(t.app, finder), threads: participants.map((p) => p.id), orgs }
  }

  it('lists a page of threads, the most recently written first, each with its own unread count', async () => {
    const w = await world(3)
    const post = (key: string, body: string) =>
      w.staff.post(`/api/v1/cases/${w.c.id}/threads/${key}/messages`, { body, tlp: 'AMBER' })
    await post(w.threads[0]!, 'First vendor, once.')
    await post(w.threads[1]!, 'Second vendor, once.')
    await post(w.threads[1]!, 'Second vendor, twice.')
    await post(w.threads[2]!, 'Third vendor, last.')
    await post('case', 'Everyone: the date is set.')
    const page = async (query: string) =>
      (await w.finder.get(`/api/v1/cases/${w.c.id}/threads${query}`)).json() as { key: string; unread: number }[]
    // The finder reads the case-wide thread and their own private one (nothing in it).
    expect((await page('?limit=5')).map((x) => [x.key, x.unread])).toEqual([
      ['case', 1],
      [expect.any(String), 0],
    ])
    const staffPage = async (query: string) =>
      (
        (await w.staff.get(`/api/v1/cases/${w.c.id}/threads${query}`)).json() as { title: string; unread: number }[]
      ).map((x) => x.title)
    expect(await staffPage('?limit=2')).toEqual(['Everyone in the case', 'Coordinator and Vendor 3'])
    expect(await staffPage('?limit=2&offset=2')).toEqual(['Coordinator and Vendor 2', 'Coordinator and Vendor 1'])
    expect(await staffPage('')).toEqual([
      'Everyone in the case',
      'Coordinator and Vendor 3',
      'Coordinator and Vendor 2',
      'Coordinator and Vendor 1',
    ])
    const vendor2 = await signedIn(t.app, await makeMember(t.db, w.orgs[1]!, 'admin', { name: 'Val Vendor' }))
    const mine = (await vendor2.get(`/api/v1/cases/${w.c.id}/threads?limit=10`)).json() as {
      key: string
      unread: number
      lastMessageAt: string | null
    }[]
    expect(mine.map((x) => [x.key, x.unread])).toEqual([
      ['case', 1],
      [w.threads[1], 2],
    ])
    expect(mine[1]!.lastMessageAt).not.toBeNull()
  })

  it('opens the private thread of the 60th vendor by its key, before anything was said in it', async () => {
    const w = await world(60)
    const sixtieth = w.threads[59]!
    const res = await w.staff.get(`/api/v1/cases/${w.c.id}/threads/${sixtieth}`)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({
      key: sixtieth,
      title: 'Coordinator and Vendor 60',
      kind: 'private',
      unread: 0,
      lastMessageAt: null,
      abilities: { read: true, post: true },
    })
    expect((await w.staff.get(`/api/v1/cases/${w.c.id}/threads/case`)).json()).toMatchObject({ kind: 'case' })
    // Someone else's private thread is not found, exactly as one that does not exist.
    expect((await w.finder.get(`/api/v1/cases/${w.c.id}/threads/${sixtieth}`)).statusCode).toBe(404)
    expect((await w.staff.get(`/api/v1/cases/${w.c.id}/threads/not-a-thread`)).statusCode).toBe(404)
  })
})
