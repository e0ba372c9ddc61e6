// The demo admin resets the demo from the admin area: asked first, then everything is wiped and the
// demo seeded again; the sign-in page says so and how far ahead the release is, and the demo case
// is back with its vendors. A coordinator has no such button.
import { expect, test } from 'vitest'
import { demoSignIns, DEMO_PASSWORD } from '../../src/seed/demo.js'
import { describeInBrowser, expectAccessible, expectPage, signInWithApi } from './support.js'

describeInBrowser('resetting the demo', (suite) => {
  test('the admin resets the demo after confirming; the sign-in page says its release is minutes ahead', async () => {
    const db = suite.server.database.db
    const oldCase = await db
      .selectFrom('cases')
      .select('id')
      .where('title', 'like', '%sendmail%')
      .executeTakeFirstOrThrow()

    // A coordinator sees no Demo tab, and the page refuses them.
    const casey = demoSignIns.find((s) => s.email === 'coordinator@lockstep.demo')!
    const coordinator = await suite.newContext()
    await signInWithApi(coordinator, casey.email, DEMO_PASSWORD, casey.totpSecret)
    const refused = await coordinator.newPage()
    await refused.goto('/admin/demo')
    await expectPage(refused, 'Demo')
    await refused.getByRole('alert').getByText('This page is for instance staff.').waitFor()
    expect(
      await refused.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Demo' }).count(),
    ).toBe(0)

    const admin = demoSignIns.find((s) => s.email === 'admin@lockstep.demo')!
    const context = await suite.newContext()
    await signInWithApi(context, admin.email, DEMO_PASSWORD, admin.totpSecret)
    const page = await context.newPage()
    await page.goto('/admin/users')
    await expectPage(page, 'Users')
    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Demo' }).click()
    await expectPage(page, 'Demo')
    await page.getByRole('button', { name: 'Reset the demo' }).click()
    await page.getByText('Wipe everything in this demo and seed it again?').waitFor()
    await expectAccessible(page)
    await page.getByRole('button', { name: 'Yes, reset the demo' }).click()

    await page.waitForURL('**/sign-in?demo-reset=*', { timeout: 120_000 })
    await expectPage(page, 'Sign in to Lockstep')
    expect(await page.getByRole('status').filter({ hasText: 'The demo was reset.' }).textContent()).toContain(
      'Its release is 30 minutes ahead',
    )
    await expectAccessible(page)

    // The demo case is back, made anew, with its vendors told as the record has it.
    const fresh = await db
      .selectFrom('cases')
      .select(['id', 'embargo_ends_at'])
      .where('title', 'like', '%sendmail%')
      .executeTakeFirstOrThrow()
    expect(fresh.id).not.toBe(oldCase.id)
    expect(fresh.embargo_ends_at!.getTime()).toBeGreaterThan(Date.now())
    const told = await db
      .selectFrom('participants')
      .select('id')
      .where('case_id', '=', fresh.id)
      .where('notified_at', 'is not', null)
      .execute()
    expect(told).toHaveLength(48)
    // The old sessions went with the old accounts: the coordinator is asked to sign in again.
    const again = await coordinator.newPage()
    await again.goto('/cases')
    await expectPage(again, 'Sign in to Lockstep')
  })
})
