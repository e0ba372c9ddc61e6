// What needs whom, in Chromium on the demo: the coordinator's Home counts down to the release and
// says which statements wait for approval (and so does the case list); a vendor told of a case
// reads on its Home what the case asks of it; the header's bell shows an unread count once
// someone writes in the vendor's case, and the notifications page lists the message.
import { expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { postToThread } from '../../src/commands/cases/threads.js'
import {
  demoCoordinatorSession,
  describeInBrowser,
  expectAccessible,
  expectPage,
  redHatToldOfFreshCase,
} from './support.js'

const needsYou = (page: Page) => page.getByRole('region', { name: 'Needs you' })

describeInBrowser('what needs whom', (suite) => {
  const coordinator = demoCoordinatorSession(suite)

  test("the coordinator's Home counts down to the demo release and says how many statements wait for approval", async () => {
    const page = await coordinator()
    const needs = needsYou(page)
    await needs.getByRole('list').waitFor()
    const release = needs.getByRole('link').filter({ hasText: /^LS-\d{4}-\d{4} is released in \d+ minutes?/ })
    await release.first().waitFor()
    // It counts down while the page is open.
    const first = await release.first().textContent()
    await expect.poll(async () => (await release.first().textContent()) !== first, { timeout: 5000 }).toBe(true)
    const statements = needs.getByRole('link', { name: /^\d+ statements? waits? for your approval$/ })
    await statements.first().waitFor()
    await expectAccessible(page)

    await page.goto('/cases')
    await expectPage(page, 'Cases')
    const row = page.getByRole('row').filter({ hasText: /statements? to approve/ })
    await row.first().waitFor()
    expect(await row.first().getByRole('timer').textContent()).toMatch(/^in \d+ minutes?/)
  })

  test('a vendor told of a case reads on its Home what is asked of it, and the bell counts a new message', async () => {
    const db = suite.server.database.db
    const { caseNumber, casey, page } = await redHatToldOfFreshCase(suite)
    await page.goto('/')
    await expectPage(page, 'Welcome, Rae Hat')
    const ask = needsYou(page).getByRole('link', {
      name: `${caseNumber} asks Red Hat to say whether you are affected, give your status for each vulnerability`,
    })
    await ask.waitFor()
    expect(await ask.getAttribute('href')).toBe(`/cases/${caseNumber}`)

    const bell = page.getByRole('link', { name: /^Notifications/ })
    const before = await bell.textContent()
    await postToThread(db, casey, caseNumber, 'case', 'Could you confirm the fixed version for RHEL?', 'AMBER')
    await page.reload()
    await expectPage(page, 'Welcome, Rae Hat')
    await expect.poll(() => bell.textContent()).not.toBe(before)
    expect(await bell.textContent()).toMatch(/^Notifications\d+ unread$/)

    await bell.click()
    await expectPage(page, 'Notifications')
    const message = page.getByRole('link', {
      name: `Casey Coordinator wrote in “Everyone in the case” (${caseNumber})`,
    })
    await message.waitFor()
    await page.getByRole('button', { name: 'Mark all read' }).click()
    await page.getByText('Everything is read.').waitFor()
    await expect.poll(() => bell.textContent()).toBe('Notifications')
    await expectAccessible(page)
  })
})
