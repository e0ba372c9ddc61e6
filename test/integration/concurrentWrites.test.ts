// Many people writing to one case at the same moment, on both databases: every write is answered
// (no 500) and in the ledger once. Found by the soak (bench/soak.ts): on PostgreSQL, two posts to
// the same case deadlocked, each holding the case row's share lock (from its message pointing at
// the case) while asking for the ledger's lock on it.
import { expect, it } from 'vitest'
import { describeEachDatabase, signedIn } from '../support/api.js'
import { makeCase, makeUser } from '../support/factories.js'

describeEachDatabase('concurrent writes to one case', (t) => {
  it('answers every one of many simultaneous thread posts and records each once in the ledger', async () => {
    const staff = await signedIn(t.app, await makeUser(t.db, { instanceRole: 'coordinator' }))
    const c = await makeCase(t)
    const posts = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        staff.post(`/api/v1/cases/${c.id}/threads/case/messages`, { body: `Post number ${i}`, tlp: 'AMBER' }),
      ),
    )
    expect(posts.map((p) => p.statusCode)).toEqual(posts.map(() => 201))
    const released = await t.db
      .selectFrom('ledger_entries')
      .select('payload')
      .where('case_id', '=', c.id)
      .where('kind', '=', 'information.released')
      .execute()
    expect(released.filter((r) => (r.payload as { threadKey?: string }).threadKey === 'case')).toHaveLength(16)
  })
})
