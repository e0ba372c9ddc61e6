// The moves the server offers on each participant it presents: its RM moves and the next vendor
// event, for a caller the policy lets state the participant's position (the staff on anyone, a
// vendor's members on their own), and none to anyone else. The web UI shows only these.
import { expect, it } from 'vitest'
import { describeEachDatabase, signedIn } from '../support/api.js'
import { makeCase, makeMember, makeOrganization, makeUser } from '../support/factories.js'

describeEachDatabase('participant moves', (t) => {
  it('follow the RM table and the vendor events, for the staff and the vendor itself only', async () => {
    const finder = await makeUser(t.db, { name: 'Fran Finder' })
    const c = await makeCase(t, { finder })
    const vendorOrg = await makeOrganization(t.db, { name: 'SGI' })
    const vendorId = (
      await t.db
        .insertInto('participants')
        .values({ case_id: c.id, organization_id: vendorOrg.id, roles: ['vendor'], rm_state: 'received' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
    const staff = await signedIn(t.app, await makeUser(t.db, { instanceRole: 'coordinator' }))
    const vendor = await signedIn(t.app, await makeMember(t.db, vendorOrg, 'member'))
    const theFinder = await signedIn(t.app, finder)
    const movesSeenBy = async (client: typeof staff) => {
      const detail = (await client.get(`/api/v1/cases/${c.id}`)).json()
      const paged = (await client.get(`/api/v1/cases/${c.id}/participants`)).json()
      // The case's first page and the participants' pages say the same.
      expect(paged.items).toEqual(detail.participants)
      return Object.fromEntries(
        detail.participants.map((p: { name: string; rmMoves: unknown; nextVendorEvent: unknown }) => [
          p.name,
          { rmMoves: p.rmMoves, nextVendorEvent: p.nextVendorEvent },
        ]),
      )
    }

    expect((await movesSeenBy(staff))['SGI']).toEqual({
      rmMoves: [
        { event: 'validate', to: 'valid' },
        { event: 'invalidate', to: 'invalid' },
      ],
      nextVendorEvent: 'vendorAware',
    })
    // A finder is not a vendor: RM moves (the staff's), no vendor event.
    expect((await movesSeenBy(staff))['Fran Finder']).toEqual({
      rmMoves: [
        { event: 'defer', to: 'deferred' },
        { event: 'close', to: 'closed' },
      ],
      nextVendorEvent: null,
    })
    const none = { rmMoves: [], nextVendorEvent: null }
    expect(await movesSeenBy(vendor)).toMatchObject({ SGI: { nextVendorEvent: 'vendorAware' }, 'Fran Finder': none })
    expect(await movesSeenBy(theFinder)).toMatchObject({ SGI: none, 'Fran Finder': none })

    const path = `/api/v1/cases/${c.id}/participants/${vendorId}`
    expect((await staff.post(`${path}/events`, { event: 'vendorAware' })).statusCode).toBe(204)
    expect((await movesSeenBy(vendor))['SGI'].nextVendorEvent).toBeNull()
    for (const event of ['validate', 'accept'])
      expect((await vendor.post(`${path}/transitions`, { event })).statusCode).toBe(204)
    expect((await movesSeenBy(vendor))['SGI']).toEqual({
      rmMoves: [
        { event: 'defer', to: 'deferred' },
        { event: 'close', to: 'closed' },
      ],
      nextVendorEvent: 'fixReady',
    })
    expect((await vendor.post(`${path}/events`, { event: 'fixReady' })).statusCode).toBe(204)
    expect((await movesSeenBy(staff))['SGI'].nextVendorEvent).toBe('fixDeployed')
  })
})
