// A write that replaces a list must not empty it by accident, on both databases: a vulnerability's
// affected products (what vendors and owners are matched by) are emptied only when the edit says
// allowEmptyAffected: true; otherwise 409 and nothing changes. (Inventories: inventoryUploads.test.ts.)
import { expect, it } from 'vitest'
import { describeEachDatabase, signedIn } from '../support/api.js'
import { makeCase, makeUser } from '../support/factories.js'

describeEachDatabase('writes that would empty a list', (t) => {
  it('refuses an edit that empties a vulnerability’s affected products unless it says allowEmptyAffected', async () => {
    const c = await makeCase(t, { title: 'Remote root in sendmail header processing' })
    const staff = await signedIn(t.app, await makeUser(t.db, { instanceRole: 'coordinator' }))
    const id = (await staff.get(`/api/v1/cases/${c.id}`)).json().vulnerabilities[0].id as string
    const url = `/api/v1/cases/${c.id}/vulnerabilities/${id}`
    const sendmail = { vendor: 'Sendmail Consortium', product: 'sendmail', purl: 'pkg:generic/sendmail' }
    expect((await staff.patch(url, { affected: [sendmail] })).statusCode).toBe(200)

    const refused = await staff.patch(url, { affected: [], cwe: 'CWE-120' })
    expect(refused.statusCode).toBe(409)
    expect(refused.headers['content-type']).toContain('application/problem+json')
    expect(refused.json()).toMatchObject({
      detail: expect.stringContaining('would remove all 1 affected products'),
      errors: [{ field: 'affected', message: expect.stringContaining('allowEmptyAffected') }],
    })
    const kept = (await staff.get(`/api/v1/cases/${c.id}`)).json().vulnerabilities[0]
    expect(kept).toMatchObject({ cwe: null, affected: [expect.objectContaining({ purl: 'pkg:generic/sendmail' })] })

    const meant = await staff.patch(url, { affected: [], allowEmptyAffected: true })
    expect(meant.statusCode, meant.body).toBe(200)
    expect(meant.json().affected).toEqual([])
    // Already empty: nothing to lose, no flag needed.
    expect((await staff.patch(url, { affected: [] })).statusCode).toBe(200)
  })
})
