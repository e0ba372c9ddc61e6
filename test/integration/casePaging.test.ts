// The case workspace's paged APIs: a case of many vendors and messages answers a page at a time.
// The ledger comes newest page first, each page checked against the instance's signed head (a
// rewritten entry on the page is named, one the page does not show is left to the full check),
// threads and a thread's messages with limit and a cursor, participants with limit and offset;
// without paging parameters each answers as before.
import { sql } from 'kysely'
import { expect, it } from 'vitest'
import { systemLedgerActor } from '../../src/domain/ledger.js'
import { appendLedger } from '../../src/store/ledger.js'
import { describeEachDatabase, signedIn } from '../support/api.js'
import { makeCase, makeOrganization, makeUser } from '../support/factories.js'

describeEachDatabase('paged case APIs', (t) => {
  async function world(notes = 0) {
    const c = await makeCase(t)
    for (let n = 1; n <= notes; n++)
      await t.db
        .transaction()
        .execute((trx) => appendLedger(trx, c.id, systemLedgerActor, 'vulnerability.updated', { n }))
    const staff = await signedIn(
      t.app,
      await makeUser(t.db, { instanceRole: 'coordinator', name: 'Casey Coordinator' }),
    )
    return { c, staff }
  }

  it('pages the ledger from the newest entry, each page checked against its signed head', async () => {
    const { c, staff } = await world(25)
    const whole = (await staff.get(`/api/v1/cases/${c.id}/ledger`)).json()
    expect(whole).toMatchObject({ intact: true, checked: 'chain', nextBefore: null })
    const total = whole.entries.length as number
    expect(whole.total).toBe(total)

    const first = (await staff.get(`/api/v1/cases/${c.id}/ledger?limit=10`)).json()
    expect(first).toMatchObject({ intact: true, checked: 'signed heads', total, nextBefore: total - 9 })
    expect(first.entries.map((e: { sequence: number }) => e.sequence)).toEqual(
      Array.from({ length: 10 }, (_, i) => total - 9 + i),
    )
    const sequences: number[] = []
    let before: number | null = null
    do {
      const url: string = `/api/v1/cases/${c.id}/ledger?limit=10${before ? `&before=${before}` : ''}`
      const page: { intact: boolean; entries: { sequence: number }[]; nextBefore: number | null } = (
        await staff.get(url)
      ).json()
      expect(page.intact).toBe(true)
      sequences.unshift(...page.entries.map((e) => e.sequence))
      before = page.nextBefore
    } while (before !== null)
    expect(sequences).toEqual(whole.entries.map((e: { sequence: number }) => e.sequence))
  })

  it('names a tampered entry on the page it is on', async () => {
    const { c, staff } = await world(25)
    await sql`UPDATE ledger_entries SET payload = '{"n": 99}'::jsonb WHERE case_id = ${c.id} AND kind = 'vulnerability.updated' AND payload->>'n' = '3'`.execute(
      t.db,
    )
    const broken = (await staff.get(`/api/v1/cases/${c.id}/ledger`)).json()
    expect(broken.intact).toBe(false)
    const at = broken.brokenAt as number
    expect((await staff.get(`/api/v1/cases/${c.id}/ledger?limit=5`)).json().intact).toBe(true)
    const page = (await staff.get(`/api/v1/cases/${c.id}/ledger?limit=5&before=${at + 2}`)).json()
    expect(page).toMatchObject({ intact: false, brokenAt: at, problem: `entry ${at}: hash does not match its content` })
  })

  it("refuses a page whose newest entry is not the signed head's, and the head recorded on the case", async () => {
    const { c, staff } = await world(3)
    await sql`DELETE FROM ledger_heads WHERE case_id = ${c.id} AND sequence = (SELECT max(sequence) FROM ledger_heads WHERE case_id = ${c.id})`.execute(
      t.db,
    )
    const page = (await staff.get(`/api/v1/cases/${c.id}/ledger?limit=2`)).json()
    expect(page.intact).toBe(false)
    expect(page.problem).toMatch(/entry \d+: .*signed head/)
    const bad = await staff.get(`/api/v1/cases/${c.id}/ledger?limit=0`)
    expect(bad.statusCode).toBe(422)
    expect(bad.body).toContain('limit')
  })

  it('pages the messages of a thread, latest first, with a cursor', async () => {
    const { c, staff } = await world()
    for (let i = 1; i <= 7; i++)
      await staff.post(`/api/v1/cases/${c.id}/threads/case/messages`, { body: `Update ${i}`, tlp: 'AMBER' })
    const path = `/api/v1/cases/${c.id}/threads/case/messages`
    expect((await staff.get(path)).json()).toHaveLength(7)
    const latest = (await staff.get(`${path}?limit=3`)).json()
    expect(latest.map((m: { body: string }) => m.body)).toEqual(['Update 5', 'Update 6', 'Update 7'])
    const earlier = (await staff.get(`${path}?limit=3&before=${latest[0].id}`)).json()
    expect(earlier.map((m: { body: string }) => m.body)).toEqual(['Update 2', 'Update 3', 'Update 4'])
    const bad = await staff.get(`${path}?limit=3&before=not-a-message`)
    expect(bad.statusCode).toBe(422)
    expect(bad.body).toContain('before')
  })

  it('loses no message written in the same instant as another when paging', async () => {
    const { c, staff } = await world()
    // One statement, one now(): six messages with the very same timestamp, told apart by id.
    await t.db
      .insertInto('case_messages')
      .values(
        Array.from({ length: 6 }, (_, i) => ({ case_id: c.id, body: `Same instant ${i}`, tlp: 'AMBER' as const })),
      )
      .execute()
    const path = `/api/v1/cases/${c.id}/threads/case/messages`
    const all = (await staff.get(path)).json().map((m: { id: string }) => m.id)
    const latest = (await staff.get(`${path}?limit=4`)).json()
    const earlier = (await staff.get(`${path}?limit=4&before=${latest[0].id}`)).json()
    expect([...earlier, ...latest].map((m: { id: string }) => m.id)).toEqual(all)
  })

  it('pages the threads, the case-wide one first and then the most recently written', async () => {
    const { c, staff } = await world()
    const ids: string[] = []
    for (const name of ['Alpha Systems', 'Beta Networks', 'Gamma Software']) {
      const org = await makeOrganization(t.db, { name })
      const p = await t.db
        .insertInto('participants')
        .values({ case_id: c.id, organization_id: org.id, roles: ['vendor'], rm_state: 'received' })
        .returning('id')
        .executeTakeFirstOrThrow()
      ids.push(p.id)
      await staff.post(`/api/v1/cases/${c.id}/threads/${p.id}/messages`, { body: `Hello ${name}`, tlp: 'AMBER' })
    }
    const titles = async (q: string) =>
      (await staff.get(`/api/v1/cases/${c.id}/threads${q}`)).json().map((x: { title: string }) => x.title)
    expect(await titles('')).toHaveLength(4)
    expect(await titles('?limit=2')).toEqual(['Everyone in the case', 'Coordinator and Gamma Software'])
    expect(await titles('?limit=2&offset=2')).toEqual([
      'Coordinator and Beta Networks',
      'Coordinator and Alpha Systems',
    ])
  })

  it('pages the participants with their total', async () => {
    const { c, staff } = await world()
    for (let i = 1; i <= 5; i++) {
      const org = await makeOrganization(t.db, { name: `Vendor ${i}` })
      await t.db
        .insertInto('participants')
        .values({ case_id: c.id, organization_id: org.id, roles: ['vendor'], rm_state: 'received' })
        .execute()
    }
    const all = (await staff.get(`/api/v1/cases/${c.id}/participants?limit=200`)).json()
    const page = (await staff.get(`/api/v1/cases/${c.id}/participants?limit=2&offset=2`)).json()
    expect(page.total).toBe(all.total)
    expect(page.items.map((p: { id: string }) => p.id)).toEqual(all.items.slice(2, 4).map((p: { id: string }) => p.id))
  })
})
