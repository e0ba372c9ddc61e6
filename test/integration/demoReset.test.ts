// `lockstep demo reset` and the demo admin's reset: a demo instance, used (a released case, a new
// account), comes back at its fresh state with a new timeline, its ledger verifying; a real
// instance is refused and left as it was; only the admin may reset it.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { describeEachDatabase } from '../support/api.js'
import { makeUser } from '../support/factories.js'
import { pgliteTemplate } from '../support/databases.js'
import { lockstep } from '../support/cli.js'
import { seedDemo } from '../../src/seed/demo.js'
import { resetDemo } from '../../src/seed/demoReset.js'
import { demoActor, DEMO_CASE_TITLE } from '../../src/seed/demoCase.js'
import { releaseCase } from '../../src/commands/release/release.js'
import { auditCaseLedger } from '../../src/store/ledgerAudit.js'
import { demoInstanceRecord } from '../../src/store/demoInstance.js'
import { system } from '../../src/domain/actor.js'
import { openDatabase } from '../../src/store/database.js'
import type { Db } from '../../src/store/db.js'

const MINUTE = 60_000

async function demoState(db: Db) {
  const cases = await db.selectFrom('cases').select(['id', 'title', 'embargo_ends_at', 'em_state']).execute()
  const c = cases.find((x) => x.title === DEMO_CASE_TITLE)!
  const participants = await db.selectFrom('participants').select(['notified_at']).where('case_id', '=', c.id).execute()
  const statements = await db.selectFrom('vendor_statements').select('status').where('case_id', '=', c.id).execute()
  const users = await db.selectFrom('users').select('email').orderBy('email').execute()
  // The demo's own accounts (the first test's user was made before the demo).
  const demoUsers = users.filter((u) => u.email.endsWith('@lockstep.demo'))
  const advisory = await db.selectFrom('advisories').select('state').where('case_id', '=', c.id).executeTakeFirst()
  return {
    cases: cases.length,
    emState: c.em_state,
    participants: participants.length,
    notified: participants.filter((p) => p.notified_at).length,
    statements: statements.map((s) => s.status).sort(),
    users: users.map((u) => u.email),
    demoUsers: demoUsers.map((u) => u.email),
    advisory: advisory?.state,
    caseId: c.id,
    releaseAt: c.embargo_ends_at!,
  }
}

describeEachDatabase('demo reset', (t) => {
  it('refuses a real instance and leaves it as it was', async () => {
    const someone = await makeUser(t.db)
    await expect(resetDemo(t.db, system, { releaseInMinutes: 5 })).rejects.toThrow(/not a demo instance/)
    expect(await t.db.selectFrom('users').select('id').where('id', '=', someone.id).executeTakeFirst()).toBeDefined()
    expect(await demoInstanceRecord(t.db)).toBeNull()
  })

  it('brings a used demo back to its fresh state, with a new timeline and its ledger verifying', async () => {
    await seedDemo(t.db, { releaseInMinutes: 5 })
    const fresh = await demoState(t.db)
    // Used: a new account, the case released early.
    await makeUser(t.db, { email: 'visitor@example.test' })
    expect(
      await releaseCase(
        t.db,
        fresh.caseId,
        new Date(),
        { kind: 'immediate', actor: system, reason: 'trying the demo' },
        { config: t.config },
      ),
    ).toMatchObject({
      released: true,
    })
    expect((await demoState(t.db)).advisory).toBe('published')

    // A coordinator may not reset it; the admin may.
    const casey = (await demoActor(t.db, 'coordinator@lockstep.demo'))!
    await expect(resetDemo(t.db, casey, { releaseInMinutes: 5 })).rejects.toThrow()
    expect((await demoState(t.db)).advisory).toBe('published')
    const ada = (await demoActor(t.db, 'admin@lockstep.demo'))!
    const before = Date.now()
    const outcome = await resetDemo(t.db, ada, { releaseInMinutes: 7 })
    expect(outcome.releaseInMinutes).toBe(7)
    expect(outcome.releaseAt.getTime()).toBeGreaterThanOrEqual(before + 7 * MINUTE)
    expect(outcome.releaseAt.getTime()).toBeLessThan(Date.now() + 8 * MINUTE)

    const after = await demoState(t.db)
    expect(after.caseId).not.toBe(fresh.caseId)
    expect(after).toMatchObject({
      cases: fresh.cases,
      emState: fresh.emState,
      participants: fresh.participants,
      notified: fresh.notified,
      statements: fresh.statements,
      users: fresh.demoUsers,
      advisory: 'draft',
    })
    expect(after.users).not.toContain('visitor@example.test')
    expect(after.releaseAt.getTime()).toBe(outcome.releaseAt.getTime())
    expect(await demoInstanceRecord(t.db)).toMatchObject({ how: 'reset' })
    for (const c of await t.db.selectFrom('cases').select('id').execute())
      expect((await auditCaseLedger(t.db, c.id)).ok).toBe(true)
  })
})

describe('lockstep demo reset', () => {
  const dirs: string[] = []
  afterAll(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true })
  })
  const dataDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-demo-reset-'))
    fs.cpSync(pgliteTemplate(), dir, { recursive: true })
    dirs.push(dir)
    return dir
  }

  it('refuses a real instance, wants --yes without a terminal, and resets a demo', async () => {
    const real = { LOCKSTEP_DATA: dataDir() }
    const refused = await lockstep(['demo', 'reset', '--yes'], real)
    expect(refused.code).not.toBe(0)
    expect(refused.stderr).toContain('this instance is not a demo')

    const demo = { LOCKSTEP_DATA: dataDir(), LOCKSTEP_DEMO_RELEASE_MINUTES: '9' }
    const database = await openDatabase({ dataDir: demo.LOCKSTEP_DATA })
    await seedDemo(database.db)
    await makeUser(database.db, { email: 'visitor@example.test' })
    await database.close()
    const unconfirmed = await lockstep(['demo', 'reset'], demo)
    expect(unconfirmed.code).not.toBe(0)
    expect(unconfirmed.stderr).toContain('give --yes')
    const reset = await lockstep(['demo', 'reset', '--yes'], demo)
    expect(reset.stdout).toMatch(/the demo was reset: its release is 9 minutes ahead/)
    const after = await openDatabase({ dataDir: demo.LOCKSTEP_DATA })
    try {
      const users = await after.db.selectFrom('users').select('email').execute()
      expect(users.map((u) => u.email)).not.toContain('visitor@example.test')
      expect(users.map((u) => u.email)).toContain('admin@lockstep.demo')
    } finally {
      await after.close()
    }
  }, 300_000)
})
