// Requests that arrive together share one query for the organizations they load
// (store/batchedById.ts) and one for their caller (commands/auth/principalCache.ts, readOnce). Each
// must still get its own answer, see every write committed before it asked, and a lookup inside a
// transaction must see that transaction's rows (and, on the embedded database's one session, not
// wait for itself). Structural, not timed: the queries are counted.
import { expect, it } from 'vitest'
import { randomUUID } from 'node:crypto'
import type { KyselyPlugin } from 'kysely'
import { buildApp } from '../../src/adapters/http/app.js'
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

  it('answers eight requests arriving together with one query for the caller and one for the organization', async () => {
    let queries = 0
    const counter: KyselyPlugin = {
      transformQuery: (args) => args.node,
      transformResult: async (args) => (queries++, args.result),
    }
    const app = await buildApp({
      db: t.db.withPlugin(counter),
      config: t.config,
      logger: false,
      principalChanges: t.database.principalChanges,
    })
    try {
      const org = await makeOrganization(t.db)
      const user = await makeMember(t.db, org)
      const api = await tokenClient({ ...t, app }, user)
      const read = () => api.get(`/api/v1/organizations/${org.id}`)
      expect((await read()).statusCode).toBe(200) // its first use is recorded; then it is kept
      await new Promise((r) => setTimeout(r, 100))
      // A change to a caller (here a rename, through this server) drops every caller it kept.
      await t.db.updateTable('users').set({ name: 'Renamed' }).where('id', '=', user.id).execute()
      queries = 0
      const answers = await Promise.all(Array.from({ length: 8 }, read))
      expect(answers.map((r) => r.statusCode)).toEqual(Array(8).fill(200))
      expect(queries).toBe(2)
    } finally {
      await app.close()
    }
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
