// An outsider asking for a case number cannot tell a case that exists (and is not theirs) from one
// that does not: the same answer, by the same path, with the same number of queries. Structural,
// not timed: the queries are counted, the problem documents compared.
import type { KyselyPlugin } from 'kysely'
import { expect, it } from 'vitest'
import { loadCaseFor } from '../../src/commands/cases/caseAccess.js'
import type { UserActor } from '../../src/domain/actor.js'
import { describeEachDatabase, signedIn } from '../support/api.js'
import { makeCase, makeUser } from '../support/factories.js'

/** Counts every query run through the database handle it is plugged into (built or raw). */
function queryCounter() {
  let count = 0
  const plugin: KyselyPlugin = {
    transformQuery: (args) => args.node,
    transformResult: async (args) => {
      count++
      return args.result
    },
  }
  return {
    plugin,
    reset: () => (count = 0),
    get count() {
      return count
    },
  }
}

describeEachDatabase('a case one may not see', (t) => {
  it('is looked up by the same single query as a missing one', async () => {
    const existing = await makeCase(t)
    const outsider = await makeUser(t.db)
    const actor: UserActor = {
      kind: 'user',
      userId: outsider.id,
      instanceRole: 'none',
      memberships: new Map(),
      via: 'session',
    }
    const counter = queryCounter()
    const db = t.db.withPlugin(counter.plugin)
    const missingNumber = existing.case_number.replace(/\d{4}$/, '9999')

    const attempt = async (ref: string) => {
      counter.reset()
      const error = await loadCaseFor(db, actor, ref, 'read').then(
        () => undefined,
        (e: unknown) => e,
      )
      return { error: String(error), queries: counter.count }
    }
    const missing = await attempt(missingNumber)
    const invisible = await attempt(existing.case_number)
    expect(missing.error).toMatch(/no such case/i)
    expect(invisible).toEqual(missing)
    expect(invisible.queries).toBe(1)
    // By id too (a UUID that exists against one that does not).
    expect(await attempt(existing.id)).toEqual(await attempt('00000000-0000-4000-8000-000000000000'))
  })

  it('answers the same problem document as a missing one', async () => {
    const existing = await makeCase(t)
    const outsider = await signedIn(t.app, await makeUser(t.db))
    const missingNumber = existing.case_number.replace(/\d{4}$/, '9999')
    const bodyOf = async (ref: string) => {
      const res = await outsider.get(`/api/v1/cases/${ref}`)
      const { instance, ...rest } = res.json()
      expect(instance).toBe(`/api/v1/cases/${ref}`)
      return { status: res.statusCode, type: res.headers['content-type'], ...rest }
    }
    const invisible = await bodyOf(existing.case_number)
    expect(invisible.status).toBe(404)
    expect(invisible).toEqual(await bodyOf(missingNumber))
  })
})
