// The advisory is created at a coordinator's first look at it. Several first looks at once (two
// coordinators opening the advisory tab together, a tool polling) all see the one advisory: none
// fails on the other's insert.
import { expect, it } from 'vitest'
import { describeEachDatabase, signedIn } from '../support/api.js'
import { makeCase, makeUser } from '../support/factories.js'

describeEachDatabase('the advisory at its first look', (t) => {
  it('is created once when several coordinators open it at the same moment', async () => {
    const c = await makeCase(t)
    const coordinators = await Promise.all(
      [1, 2, 3].map(async (n) =>
        signedIn(t.app, await makeUser(t.db, { instanceRole: 'coordinator', name: `Coordinator ${n}` })),
      ),
    )
    const answers = await Promise.all(
      [...coordinators, ...coordinators].map((staff) => staff.get(`/api/v1/cases/${c.id}/advisory`)),
    )
    expect(answers.map((a) => a.statusCode)).toEqual(answers.map(() => 200))
    expect(new Set(answers.map((a) => (a.json() as { id: string }).id)).size).toBe(1)
    const rows = await t.db.selectFrom('advisories').select('id').where('case_id', '=', c.id).execute()
    expect(rows).toHaveLength(1)
  })
})
