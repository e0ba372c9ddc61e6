// Search across cases, reports, vendors and published advisories, scoped by the policy: the staff
// find everything, a vendor only the cases it takes part in and itself, a finder its own report,
// an outsider nothing but what is published; a word's beginning finds the word, the best first.
import { expect, it } from 'vitest'
import { describeEachDatabase, signedIn } from '../support/api.js'
import { makeCase, makeMember, makeOrganization, makeReport, makeUser } from '../support/factories.js'
import { addParticipant } from '../../src/commands/cases/participants.js'
import { releaseCase } from '../../src/commands/release/release.js'
import { system } from '../../src/domain/actor.js'

type Group = { items: { id: string; label: string; title: string; href: string }[]; total: number }
type Answer = { cases: Group; reports: Group; vendors: Group; advisories: Group }

describeEachDatabase('search', (t) => {
  const word = `zq${Math.random().toString(36).slice(2, 7)}`

  it('finds by a word’s beginning, scoped to what each person may see, without a count of the rest', async () => {
    const vendor = await makeOrganization(t.db, { name: `Sendmail Consortium ${word}` })
    const other = await makeOrganization(t.db, { name: `Other Vendor ${word}` })
    const theirs = await makeCase(t, { title: `Remote root in ${word}mail crackaddr` })
    const secret = await makeCase(t, { title: `Secret flaw in ${word}mail header parsing` })
    await addParticipant(t.db, system, theirs.id, { organizationId: vendor.id }, ['vendor'])
    const finder = await makeUser(t.db)
    const report = await makeReport(t.db, { reporterUserId: finder.id, title: `Overflow in ${word}mail` })

    const staff = await signedIn(t.app, await makeUser(t.db, { instanceRole: 'coordinator' }))
    const all = (await staff.get(`/api/v1/search?q=${word.slice(0, 5).toUpperCase()}`)).json() as Answer
    expect(all.cases.items.map((c) => c.label)).toEqual(
      expect.arrayContaining([theirs.case_number, secret.case_number]),
    )
    expect(all.cases.items.find((c) => c.label === theirs.case_number)?.href).toBe(`/cases/${theirs.case_number}`)
    expect(all.vendors.items.map((v) => v.title)).toEqual(expect.arrayContaining([vendor.name, other.name]))
    expect(all.reports.items.map((r) => r.label)).toContain(report.tracking_id)

    // Ranked: a title that holds every word comes before one that holds fewer of them.
    const ranked = (await staff.get(`/api/v1/search?q=${word}mail%20crackaddr`)).json() as Answer
    expect(ranked.cases.items.map((c) => c.label)).toEqual([theirs.case_number])

    const vendorMember = await signedIn(t.app, await makeMember(t.db, vendor))
    const asVendor = (await vendorMember.get(`/api/v1/search?q=${word}`)).json() as Answer
    expect(asVendor.cases).toEqual({ total: 1, items: [expect.objectContaining({ label: theirs.case_number })] })
    expect(asVendor.vendors).toEqual({ total: 1, items: [expect.objectContaining({ title: vendor.name })] })
    expect(asVendor.reports).toEqual({ total: 0, items: [] })
    expect(JSON.stringify(asVendor)).not.toContain('Secret flaw')

    const asFinder = (await (await signedIn(t.app, finder)).get(`/api/v1/search?q=${word}`)).json() as Answer
    expect(asFinder.reports).toEqual({ total: 1, items: [expect.objectContaining({ label: report.tracking_id })] })
    expect(asFinder.cases.total).toBe(0)

    // An outsider's search answers exactly what a search for a word found nowhere answers.
    const outsider = await signedIn(t.app, await makeUser(t.db))
    const nothing = {
      cases: { items: [], total: 0 },
      reports: { items: [], total: 0 },
      vendors: { items: [], total: 0 },
      advisories: { items: [], total: 0 },
    }
    expect((await outsider.get(`/api/v1/search?q=${word}`)).json()).toEqual(nothing)
    expect((await outsider.get(`/api/v1/search?q=crackaddr%20${word}`)).json()).toEqual(nothing)
  })

  it('finds a published advisory for everyone, and reads phrases and odd input without failing', async () => {
    const c = await makeCase(t, { title: `Heap overflow in ${word}d AUTH handler` })
    const released = await releaseCase(
      t.db,
      c.id,
      new Date(),
      { kind: 'immediate', actor: system, reason: 'Public already' },
      { config: t.config },
    )
    const id = released.released ? released.advisoryId : ''
    const outsider = await signedIn(t.app, await makeUser(t.db))
    const found = (await outsider.get(`/api/v1/search?q=${word}`)).json() as Answer
    expect(found.advisories.items).toEqual([
      { id, label: id, title: `Heap overflow in ${word}d AUTH handler`, href: `/advisories/${id}` },
    ])
    expect(found.cases.total).toBe(0)
    const phrase = (
      await outsider.get(`/api/v1/search?q=${encodeURIComponent(`"heap overflow" -nothing`)}`)
    ).json() as Answer
    expect(phrase.advisories.items.map((a) => a.id)).toContain(id)
    for (const odd of ["'", '\\', ':*', '!&|', '""', '-', 'a:* & b', '(((']) {
      const res = await outsider.get(`/api/v1/search?q=${encodeURIComponent(odd)}`)
      expect(res.statusCode, odd).toBe(200)
    }
    const tooLong = await outsider.get(`/api/v1/search?q=${'a'.repeat(201)}`)
    expect(tooLong.statusCode).toBe(422)
    expect(tooLong.json().errors[0].field).toContain('q')
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/search?q=${word}` })).statusCode).toBe(401)
  })
})
