// What a person chose about who sees what, kept everywhere: a finder who asked to stay anonymous
// is not named to the vendors (participant list, embargo answers and proposals, thread authors,
// mail), and a statement the vendor did not share stays its own, even once approved.
import { expect, it } from 'vitest'
import { describeEachDatabase, signedIn } from '../support/api.js'
import { makeCase, makeMember, makeOrganization, makeUser } from '../support/factories.js'

describeEachDatabase('confidentiality choices', (t) => {
  async function caseWithAnonymousFinder() {
    const staff = await signedIn(t.app, await makeUser(t.db, { instanceRole: 'coordinator' }))
    const finderUser = await makeUser(t.db, { name: 'Fran Finder' })
    const c = await makeCase(t, { finder: finderUser })
    await t.db
      .updateTable('reports')
      .set({ credit: JSON.stringify({ preference: 'anonymous', text: null }) })
      .where('case_id', '=', c.id)
      .execute()
    const vendors = []
    for (const name of ['Vendor Alpha', 'Vendor Beta']) {
      const org = await makeOrganization(t.db, {
        name: `${name} ${Math.random().toString(36).slice(2, 6)}`,
        kind: 'vendor',
      })
      await t.db
        .insertInto('organization_contacts')
        .values({ organization_id: org.id, email: `security-${org.id.slice(0, 8)}@vendor.example` })
        .execute()
      vendors.push({ org, member: await makeMember(t.db, org, 'admin') })
    }
    const notified = await staff.post(`/api/v1/cases/${c.id}/vendors/notify`, {
      organizationIds: vendors.map((v) => v.org.id),
    })
    expect(notified.statusCode).toBeLessThan(300)
    const [alpha, beta] = await Promise.all(vendors.map((v) => signedIn(t.app, v.member)))
    const finder = await signedIn(t.app, finderUser)
    return { staff, finder, finderUser, alpha: alpha!, beta: beta!, c }
  }

  it('does not name an anonymous finder to vendors: participants, embargo, threads, mail', async () => {
    const { staff, finder, finderUser, alpha, c } = await caseWithAnonymousFinder()
    const names = async (client: typeof staff) =>
      (await client.get(`/api/v1/cases/${c.id}`)).json().participants as { name: string; userId: string | null }[]
    const seenByVendor = await names(alpha)
    expect(seenByVendor.map((p) => p.name)).toContain('Anonymous finder')
    expect(JSON.stringify(seenByVendor)).not.toContain('Fran Finder')
    expect(JSON.stringify(seenByVendor)).not.toContain(finderUser.id)
    const paged = await alpha.get(`/api/v1/cases/${c.id}/participants?limit=50`)
    expect(paged.body).not.toContain('Fran Finder')
    // The coordinator and the finder themself still know.
    expect((await names(staff)).map((p) => p.name)).toContain('Fran Finder')
    expect((await names(finder)).map((p) => p.name)).toContain('Fran Finder')

    // The finder proposes an embargo end: the vendor sees neither the proposer's nor the party's name.
    const proposed = await finder.post(`/api/v1/cases/${c.id}/embargo/proposals`, {
      endsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    })
    expect(proposed.statusCode).toBe(201)
    const embargo = await alpha.get(`/api/v1/cases/${c.id}/embargo`)
    expect(embargo.statusCode).toBe(200)
    expect(embargo.body).not.toContain('Fran Finder')
    expect(embargo.json().open.answers.map((a: { name: string }) => a.name)).toContain('Anonymous finder')

    // The finder writes in the case-wide thread: the vendor reads it unnamed, and so does its mail.
    const posted = await finder.post(`/api/v1/cases/${c.id}/threads/case/messages`, {
      body: 'The overflow is reachable from the header parser.',
      tlp: 'AMBER',
    })
    expect(posted.statusCode).toBe(201)
    const thread = await alpha.get(`/api/v1/cases/${c.id}/threads/case/messages`)
    expect(thread.body).not.toContain('Fran Finder')
    expect(thread.json().at(-1).author).toBe('Anonymous finder')
    const mails = (await t.db.selectFrom('mail_outbox').selectAll().where('case_id', '=', c.id).execute()).filter(
      (m) => m.recipient_user_id !== finderUser.id,
    )
    expect(mails.some((m) => m.template === 'case.message')).toBe(true)
    expect(JSON.stringify(mails)).not.toContain('Fran Finder')
  })

  it('keeps an unshared statement from the other vendors, approved or not', async () => {
    const { staff, alpha, beta, c } = await caseWithAnonymousFinder()
    const vulnerabilityId = (await staff.get(`/api/v1/cases/${c.id}`)).json().vulnerabilities[0].id as string
    const statement = await beta.post(`/api/v1/cases/${c.id}/vulnerabilities/${vulnerabilityId}/statements`, {
      status: 'affected',
      remediation: 'Beta keeps this to itself.',
      shareable: false,
    })
    expect(statement.statusCode).toBe(201)
    const approved = await staff.post(`/api/v1/cases/${c.id}/statements/${statement.json().id}/approve`, {})
    expect(approved.statusCode).toBeLessThan(300)
    expect((await alpha.get(`/api/v1/cases/${c.id}/statements`)).body).not.toContain('Beta keeps this to itself.')
    expect((await beta.get(`/api/v1/cases/${c.id}/statements`)).body).toContain('Beta keeps this to itself.')
    expect((await staff.get(`/api/v1/cases/${c.id}/statements`)).body).toContain('Beta keeps this to itself.')
  })
})
