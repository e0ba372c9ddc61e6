// The case as a workspace at scale: a case with 300 vendors and 400 messages in its case-wide
// thread reads as tabs, each at its own address and a screen or two tall (one long scroll of
// 22,000 pixels before), a link to a thread lands on the thread, and the vendor table's dates stay
// on one line in the wide content column.
import { beforeAll, expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import {
  demoCoordinatorSession,
  describeInBrowser,
  expectAccessible,
  expectPage,
  openCaseTab,
  openFreshSendmailCase,
} from './support.js'

const VENDORS = 300
const MESSAGES = 400
const TITLE = 'Remote root in sendmail header processing'
const TABS = ['Summary', 'Vendors', 'Threads', 'Embargo', 'Advisory', 'Owners', 'Ledger']

describeInBrowser('the case workspace', (suite) => {
  let CASE = ''
  const coordinator = demoCoordinatorSession(suite)

  beforeAll(async () => {
    const db = suite.server.database.db
    CASE = await openFreshSendmailCase(suite)
    const c = await db.selectFrom('cases').select('id').where('case_number', '=', CASE).executeTakeFirstOrThrow()
    const orgs = await db
      .insertInto('organizations')
      .values(
        Array.from({ length: VENDORS }, (_, i) => ({
          name: `Workspace Vendor ${i + 1}`,
          slug: `workspace-vendor-${i + 1}`,
          kind: 'vendor' as const,
        })),
      )
      .returning('id')
      .execute()
    const notifiedAt = new Date(Date.now() - 3 * 86_400_000)
    await db
      .insertInto('participants')
      .values(
        orgs.map((o) => ({
          case_id: c.id,
          organization_id: o.id,
          roles: ['vendor' as const],
          rm_state: 'received' as const,
          notified_at: notifiedAt,
        })),
      )
      .execute()
    const staff = await db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'coordinator@lockstep.demo')
      .executeTakeFirstOrThrow()
    await db
      .insertInto('case_messages')
      .values(
        Array.from({ length: MESSAGES }, (_, i) => ({
          case_id: c.id,
          participant_id: null,
          author_user_id: staff.id,
          body: `Status update number ${i + 1} on the fix.`,
          tlp: 'AMBER' as const,
          created_at: new Date(notifiedAt.getTime() + i * 60_000),
        })),
      )
      .execute()
  })

  const tabNav = (page: Page) => page.getByRole('navigation', { name: 'Case sections' })
  const pageHeight = (page: Page) => page.evaluate(() => document.documentElement.scrollHeight)

  test('each tab has its own address, marked as the current one, and is a screen or two tall', async () => {
    const page = await coordinator()
    await openCaseTab(page, CASE, 'summary')
    await expectPage(page, TITLE)
    expect(await tabNav(page).getByRole('link').allTextContents()).toEqual(TABS)
    for (const name of TABS) {
      const href = await tabNav(page).getByRole('link', { name, exact: true }).getAttribute('href')
      expect(href).toBe(`/cases/${CASE}/${name.toLowerCase()}`)
    }
    expect(await tabNav(page).getByRole('link', { name: 'Summary' }).getAttribute('aria-current')).toBe('page')

    await tabNav(page).getByRole('link', { name: 'Vendors', exact: true }).click()
    await page.waitForURL(`**/cases/${CASE}/vendors`)
    const participants = page.getByRole('region', { name: 'Participants' })
    await participants.getByText(/Showing 1–50 of 3\d\d participants/).waitFor()
    expect(await tabNav(page).getByRole('link', { name: 'Vendors' }).getAttribute('aria-current')).toBe('page')
    await expectAccessible(page)
    expect(await pageHeight(page)).toBeLessThan(11_000)

    // A reload lands on the same tab: the address says which one is open.
    await page.reload()
    await participants.getByRole('table').waitFor()
    expect(await page.getByRole('region', { name: 'Summary' }).count()).toBe(0)
  })

  test("the vendor table's dates stay on one line in the wide column", async () => {
    const page = await coordinator()
    await openCaseTab(page, CASE, 'vendors')
    const table = page.getByRole('region', { name: 'Vendor table' })
    await table.getByRole('row').nth(1).waitFor()
    const lines = await table.locator('td time').evaluateAll((times) => times.map((t) => t.getClientRects().length))
    expect(lines.length).toBeGreaterThan(0)
    expect(lines.every((n) => n === 1)).toBe(true)
    // The table fits the column without a sideways scroll.
    const overflow = await table.evaluate((el) => el.scrollWidth - el.clientWidth)
    expect(overflow).toBeLessThanOrEqual(0)
  })

  test('a link to a thread opens the threads tab with the thread in view, its latest messages first', async () => {
    const page = await coordinator()
    await page.goto(`/cases/${CASE}?thread=case`)
    await page.waitForURL(`**/cases/${CASE}/threads?thread=case`)
    const heading = page.getByRole('heading', { name: 'Everyone in the case', level: 3 })
    await heading.waitFor()
    const thread = page.getByRole('region', { name: 'Everyone in the case' })
    await thread.getByText(`Status update number ${MESSAGES} on the fix.`).waitFor()
    await expect
      .poll(() =>
        heading.evaluate((el) => {
          const r = el.getBoundingClientRect()
          return r.top >= 0 && r.bottom <= window.innerHeight
        }),
      )
      .toBe(true)
    expect(await thread.getByText(`Status update number ${MESSAGES - 50} on the fix.`).count()).toBe(0)
    await expectAccessible(page)
    expect(await pageHeight(page)).toBeLessThan(22_000 / 2)

    await thread.getByRole('button', { name: 'Show earlier messages' }).click()
    await thread.getByText(`Status update number ${MESSAGES - 50} on the fix.`).waitFor()
  })

  test('the ledger tab checks the newest entries against the signed head', async () => {
    const page = await coordinator()
    await openCaseTab(page, CASE, 'ledger')
    await page.getByRole('heading', { name: 'Ledger', exact: true }).waitFor()
    await page.getByText('Ledger intact.').waitFor()
    await page.getByRole('heading', { name: 'Signed ledger heads' }).waitFor()
    expect(await page.getByRole('region', { name: 'Threads' }).count()).toBe(0)
  })
})
