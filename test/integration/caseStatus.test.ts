// Case status through the API: each event once, in order, exploit public implies public, fix ready
// only after the vendor accepted; refusals are 409 with the rule in words; all in the ledger.
import { expect, it } from 'vitest'
import { describeEachDatabase, signedIn } from '../support/api.js'
import { makeCase, makeOrganization, makeUser } from '../support/factories.js'

describeEachDatabase('case status', (t) => {
  async function world() {
    const c = await makeCase(t)
    const vendorOrg = await makeOrganization(t.db, { name: 'SGI' })
    const vendor = await t.db
      .insertInto('participants')
      .values({ case_id: c.id, organization_id: vendorOrg.id, roles: ['vendor'], rm_state: 'received' })
      .returning('id')
      .executeTakeFirstOrThrow()
    const staff = await signedIn(t.app, await makeUser(t.db, { instanceRole: 'coordinator' }))
    const statusOf = async () =>
      (await staff.get(`/api/v1/cases/${c.id}`)).json().participants.find((p: { name: string }) => p.name === 'SGI')
    return { c, vendor: vendor.id, staff, statusOf }
  }

  it('a vendor becomes aware, accepts, has a fix ready, then deployed; the status vector follows', async () => {
    const w = await world()
    const events = `/api/v1/cases/${w.c.id}/participants/${w.vendor}/events`
    expect((await w.staff.post(events, { event: 'fixReady' })).statusCode).toBe(409)
    expect((await w.staff.post(events, { event: 'vendorAware' })).statusCode).toBe(204)
    const early = await w.staff.post(events, { event: 'fixReady' })
    expect(early.statusCode).toBe(409)
    expect(early.json().detail).toMatch(/accept/i)
    for (const event of ['validate', 'accept'])
      expect(
        (await w.staff.post(`/api/v1/cases/${w.c.id}/participants/${w.vendor}/transitions`, { event })).statusCode,
      ).toBe(204)
    expect((await w.staff.post(events, { event: 'fixReady' })).statusCode).toBe(204)
    expect((await w.staff.post(events, { event: 'fixDeployed' })).statusCode).toBe(204)
    expect(await w.statusOf()).toMatchObject({ rmState: 'accepted', status: 'VFDpxa' })
    const again = await w.staff.post(events, { event: 'vendorAware' })
    expect(again.statusCode).toBe(409)
  })

  it('an exploit made public makes the case public too, once; a wrong RM transition is refused by the table', async () => {
    const w = await world()
    expect(
      (
        await w.staff.post(`/api/v1/cases/${w.c.id}/events`, {
          event: 'exploitPublic',
          reference: 'https://example.org/exploit',
        })
      ).statusCode,
    ).toBe(204)
    const c = (await w.staff.get(`/api/v1/cases/${w.c.id}`)).json()
    expect(c.caseEvents.publicAware).not.toBeNull()
    expect(c.caseEvents.exploitPublic).toBe(c.caseEvents.publicAware)
    expect((await w.staff.post(`/api/v1/cases/${w.c.id}/events`, { event: 'publicAware' })).statusCode).toBe(409)
    const ledger = (await w.staff.get(`/api/v1/cases/${w.c.id}/ledger`)).json()
    expect(ledger.intact).toBe(true)
    expect(ledger.entries.slice(-2).map((e: { payload: { event: string } }) => e.payload.event)).toEqual([
      'exploitPublic',
      'publicAware',
    ])
    const wrong = await w.staff.post(`/api/v1/cases/${w.c.id}/participants/${w.vendor}/transitions`, { event: 'close' })
    expect(wrong.statusCode).toBe(409)
    expect(wrong.json().detail).toBe(
      'Cannot close a report that is received: from received you may validate or invalidate.',
    )
  })
})
