// How many a search says match: exactly, up to 1,000; past that "more than 1,000" (the count stops
// there, so a word found in 10,000 cases answers as fast as one found in ten), always counted
// inside what the person may see. And a vendor is found by one of its products as by its name.
import { sql } from 'kysely'
import { expect, it } from 'vitest'
import { describeEachDatabase, signedIn } from '../support/api.js'
import { makeMember, makeOrganization, makeUser } from '../support/factories.js'
import { addParticipant } from '../../src/commands/cases/participants.js'
import { addProduct } from '../../src/commands/vendors/directory.js'
import { system } from '../../src/domain/actor.js'

type Group = { items: unknown[]; total: number; more?: true }
type Answer = { cases: Group; reports: Group; vendors: Group; advisories: Group }

describeEachDatabase('search count', (t) => {
  const word = `zc${Math.random().toString(36).slice(2, 7)}`

  it('counts up to 1,000 matches and says when there are more, inside what each person may see', async () => {
    // 1,001 cases with the word in the title, 1,000 of them also with "exactly" in the summary.
    await sql`INSERT INTO cases (case_number, title, summary)
      SELECT ${`LS-${word}-`} || i, ${`Overflow in ${word}`} || ' ' || i, CASE WHEN i <= 1000 THEN 'exactly' ELSE '' END
      FROM generate_series(1, 1001) i`.execute(t.db)
    const staff = await signedIn(t.app, await makeUser(t.db, { instanceRole: 'coordinator' }))
    const many = (await staff.get(`/api/v1/search?q=${word}`)).json() as Answer
    expect(many.cases).toMatchObject({ total: 1000, more: true })
    expect(many.cases.items).toHaveLength(10)
    const thousand = (await staff.get(`/api/v1/search?q=${word}%20exactly`)).json() as Answer
    expect(thousand.cases.total).toBe(1000)
    expect(thousand.cases).not.toHaveProperty('more')

    const vendor = await makeOrganization(t.db, { name: `Vendor of ${word}` })
    const member = await makeMember(t.db, vendor)
    const two = await t.db
      .selectFrom('cases')
      .select('id')
      .where('case_number', 'like', `LS-${word}-%`)
      .limit(2)
      .execute()
    for (const c of two) await addParticipant(t.db, system, c.id, { organizationId: vendor.id }, ['vendor'])
    const asVendor = (await (await signedIn(t.app, member)).get(`/api/v1/search?q=${word}`)).json() as Answer
    expect(asVendor.cases.total).toBe(2)
    expect(asVendor.cases).not.toHaveProperty('more')
  })

  it('finds a vendor by one of its products', async () => {
    const vendor = await makeOrganization(t.db, { name: 'Consortium without the word' })
    await addProduct(t.db, system, vendor.id, `pkg:generic/${word}prod`)
    const staff = await signedIn(t.app, await makeUser(t.db, { instanceRole: 'coordinator' }))
    const found = (await staff.get(`/api/v1/search?q=${word}pro`)).json() as Answer
    expect(found.vendors).toEqual({ total: 1, items: [expect.objectContaining({ id: vendor.id })] })
  })
})
