// Requests that arrive together share one query for the organizations they load
// (store/batchedById.ts). Each must still get its own answer, see every write committed before it
// asked, and a lookup inside a transaction must see that transaction's rows (and, on the embedded
// database's one session, not wait for itself).
import { expect, it } from 'vitest'
import { randomUUID } from 'node:crypto'
import { describeEachDatabase, tokenClient } from '../support/api.js'
import { makeMember, makeOrganization } from '../support/factories.js'
import { findOrganization, insertOrganization } from '../../src/store/organizations.js'

describeEachDatabase('organizations loaded together', (t) => {
  it('gives each of many concurrent requests its own organization, and a missing one a 404', async () => {
    const orgs = await Promise.all([1, 2, 3].map((i) => makeOrganization(t.db, { name: `Concurrent ${i}` })))
    const clients = await Promise.all(orgs.map(async (org) => tokenClient(t, await makeMember(t.db, org))))
    const answers = await Promise.all([
      ...clients.flatMap((api, i) => [
        api.get(`/api/v1/organizations/${orgs[i]!.id}`),
        api.get(`/api/v1/organizations/${orgs[i]!.id}`),
      ]),
      clients[0]!.get(`/api/v1/organizations/${randomUUID()}`),
      // Another's organization, asked for in the same moment: still not theirs to see (it is not found).
      clients[0]!.get(`/api/v1/organizations/${orgs[1]!.id}`),
    ])
    expect(answers.slice(0, 6).map((r) => [r.statusCode, r.json().name])).toEqual([
      [200, 'Concurrent 1'],
      [200, 'Concurrent 1'],
      [200, 'Concurrent 2'],
      [200, 'Concurrent 2'],
      [200, 'Concurrent 3'],
      [200, 'Concurrent 3'],
    ])
    expect(answers[6]!.statusCode).toBe(404)
    expect(answers[7]!.statusCode).toBe(404)
  })

  it('shows a rename to the very next read, while other reads are under way', async () => {
    const org = await makeOrganization(t.db, { name: 'Before' })
    const api = await tokenClient(t, await makeMember(t.db, org, 'admin'))
    expect((await api.patch(`/api/v1/organizations/${org.id}`, { name: 'After' })).statusCode).toBe(200)
    const reads = await Promise.all([1, 2, 3].map(() => api.get(`/api/v1/organizations/${org.id}`)))
    expect(reads.map((r) => r.json().name)).toEqual(['After', 'After', 'After'])
  })

  it('finds an organization created in the same transaction, before it commits', async () => {
    const found = await t.db.transaction().execute(async (trx) => {
      const org = await insertOrganization(trx, { name: 'Uncommitted', slug: `u-${randomUUID()}`, kind: 'vendor' })
      return findOrganization(trx, org.id)
    })
    expect(found?.name).toBe('Uncommitted')
  })
})
