// Issue 14, point 1: minutes before the demo's release most vendors' statements were not approved,
// the advisory went out without them, and nothing warned the coordinator. Now the demo coordinator
// finds the release checklist on the advisory tab: the unapproved statements with their status and
// when they were given (marked when given after the last review), the silent vendors, the
// unreviewed draft and the owners matched. They approve SGI's statement and leave Red Hat's out
// with a reason, and the ledger shows what was left out and why.
import { expect, test } from 'vitest'
import type { Locator } from 'playwright-core'
import { describeInBrowser, demoCoordinatorSession, expectAccessible, expectPage, openCaseTab } from './support.js'

const CASE_TITLE = 'Remote root in sendmail header processing'
const WAIT = { timeout: 30_000 }
const REASON = 'Red Hat publishes its own advisory with the packages.'

describeInBrowser('release readiness', (suite) => {
  test('the coordinator sees the unapproved statements, approves one, leaves one out, and the ledger says so', async () => {
    const db = suite.server.database.db
    const demoCase = await db
      .selectFrom('cases')
      .select(['id', 'case_number'])
      .where('title', 'like', '%sendmail%')
      .orderBy('created_at')
      .executeTakeFirstOrThrow()
    // The demo releases minutes after its start: on a busy machine this test could outlast that.
    await db
      .updateTable('cases')
      .set({ embargo_ends_at: new Date(Date.now() + 60 * 60_000) })
      .where('id', '=', demoCase.id)
      .execute()
    const page = await demoCoordinatorSession(suite)()
    await openCaseTab(page, demoCase.case_number, 'advisory')
    await expectPage(page, CASE_TITLE)

    const checklist = page.getByRole('region', { name: 'Before the release' })
    await checklist.getByRole('heading', { name: /Statements not approved/ }).waitFor()
    await expect.poll(() => checklist.textContent(), WAIT).toMatch(/\d+ items to decide/)
    const item = (text: string): Locator => checklist.getByRole('listitem').filter({ hasText: text })
    const redHat = item('Red Hat’s statement “affected”')
    const sgi = item('SGI’s statement “affected”')
    await redHat.waitFor()
    expect(await redHat.textContent()).toContain('not approved')
    expect(await redHat.textContent()).toContain('after the last review')
    expect(await checklist.getByRole('list', { name: 'Open items' }).textContent()).toMatch(
      /statements not approved.*vendors with no statement.*The draft is not reviewed.*assets match/,
    )

    // Approved: it goes into the advisory and off the list.
    await sgi.getByRole('button', { name: 'Approve' }).click()
    await expect.poll(() => checklist.getByRole('status').textContent(), WAIT).toContain('Approved SGI’s statement')
    await expect.poll(() => sgi.count(), WAIT).toBe(0)

    // Left out on purpose, with a reason (asked for first).
    await redHat.getByRole('button', { name: 'Leave out…' }).click()
    const form = redHat.getByRole('form', { name: 'Leave out' })
    await form.getByRole('button', { name: 'Yes, leave it out' }).click()
    await expect.poll(() => form.textContent(), WAIT).toContain('Fill in “Reason” first.')
    await expectAccessible(page)
    await form.getByLabel('Reason').fill(REASON)
    await form.getByRole('button', { name: 'Yes, leave it out' }).click()
    await expect.poll(() => redHat.textContent(), WAIT).toContain(`Left out by Casey Coordinator`)
    expect(await redHat.textContent()).toContain(REASON)
    expect(await checklist.getByRole('heading', { name: /Statements not approved/ }).textContent()).toContain(
      '1 left out',
    )

    // The ledger keeps what was left out and why.
    await openCaseTab(page, demoCase.case_number, 'ledger')
    await expectPage(page, CASE_TITLE)
    const ledger = page.getByRole('list', { name: 'Ledger entries, newest first' })
    const entry = ledger.getByRole('listitem').filter({ hasText: 'out of the release on purpose' })
    await entry.first().waitFor()
    expect(await entry.first().textContent()).toContain(REASON)
  })
})
