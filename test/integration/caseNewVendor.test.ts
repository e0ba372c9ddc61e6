// Finding a vendor for a case: the directory finds "Sendmail Consortium" by "sendmail" (any part of
// the name, any case) or by a product; one it lacks is added from the case with its contact and
// comes into the case as a vendor not notified yet, and the next notification reaches it.
import { expect, it } from 'vitest'
import { describeEachDatabase, signedIn } from '../support/api.js'
import { makeCase, makeOrganization, makeUser } from '../support/factories.js'

describeEachDatabase('a case’s new vendor', (t) => {
  it('finds a directory vendor by a word of its name, adds a missing one from the case, then notifies it', async () => {
    const tag = Math.random().toString(36).slice(2, 7)
    const known = await makeOrganization(t.db, { name: `Sendmail Consortium ${tag}` })
    const staff = await signedIn(t.app, await makeUser(t.db, { instanceRole: 'coordinator' }))
    const c = await makeCase(t)
    // A packager found by its product comes after the vendor named so, whatever the alphabet says.
    const named = await makeOrganization(t.db, { name: `Zeta Sendmail${tag} Consortium` })
    const packager = await makeOrganization(t.db, { name: `Aardvark Linux ${tag}` })
    await staff.post(`/api/v1/organizations/${packager.id}/products`, { pattern: `pkg:generic/sendmail${tag}` })
    const byName = (await staff.get(`/api/v1/vendors?query=sendmail${tag}`)).json()
    expect(byName.items.map((v: { name: string }) => v.name)).toEqual([named.name, packager.name])
    for (const q of [`SENDMAIL CONSORTIUM ${tag}`, `consortium ${tag}`, `Sendm`]) {
      const found = (await staff.get(`/api/v1/vendors?query=${encodeURIComponent(q)}&limit=50`)).json()
      expect(
        found.items.map((v: { name: string }) => v.name),
        q,
      ).toContain(known.name)
    }

    const created = await staff.post(`/api/v1/cases/${c.case_number}/vendors/new`, {
      name: `Tiny Mail Ltd ${tag}`,
      email: `security@tiny-${tag}.example`,
    })
    expect(created.statusCode).toBe(201)
    const vendor = created.json()
    expect(vendor).toMatchObject({ name: `Tiny Mail Ltd ${tag}`, contacts: 1, keys: 0 })
    const table = (await staff.get(`/api/v1/cases/${c.case_number}/vendors?query=tiny`)).json()
    expect(table.items).toEqual([expect.objectContaining({ name: `Tiny Mail Ltd ${tag}`, state: 'not_notified' })])
    const inDirectory = (await staff.get(`/api/v1/vendors?query=tiny-${tag}`)).json()
    expect(inDirectory.items.map((v: { id: string }) => v.id)).toEqual([vendor.id])

    const again = await staff.post(`/api/v1/cases/${c.case_number}/vendors/new`, {
      name: `tiny mail ltd ${tag}`,
      email: `other@tiny-${tag}.example`,
    })
    expect(again.statusCode).toBe(409)
    const badKey = await staff.post(`/api/v1/cases/${c.case_number}/vendors/new`, {
      name: `Keyed ${tag}`,
      email: `sec@keyed-${tag}.example`,
      key: 'not a key',
    })
    expect(badKey.statusCode).toBe(422)
    expect(badKey.json().errors[0].field).toBe('key')
    expect((await staff.get(`/api/v1/vendors?query=Keyed ${tag}`)).json().total).toBe(0)
    const badMail = await staff.post(`/api/v1/cases/${c.case_number}/vendors/new`, { name: 'X', email: 'nope' })
    expect(badMail.statusCode).toBe(422)

    const notified = await staff.post(`/api/v1/cases/${c.case_number}/vendors/notify`, { organizationIds: [vendor.id] })
    expect(notified.statusCode).toBe(200)
    expect(notified.json().notified).toEqual([expect.objectContaining({ name: `Tiny Mail Ltd ${tag}`, recipients: 1 })])
  })
})
