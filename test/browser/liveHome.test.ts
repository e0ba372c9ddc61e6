// Live Home pages: a vendor's Home and a finder's Home, open in their own browsers, follow what
// happens in their case without anybody reloading. The coordinator writes to everyone in the demo
// case: each Home's "Needs you" then counts the new message among what they have not read yet,
// in the same page (not reloaded).
import { expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { postToThread } from '../../src/commands/cases/threads.js'
import { demoActor } from '../../src/seed/demoCase.js'
import { DEMO_PASSWORD, describeInBrowser, expectAccessible, expectPage, signInWithForm } from './support.js'

describeInBrowser('live Home pages', (suite) => {
  async function home(email: string, name: string): Promise<Page> {
    const page = await (await suite.newContext()).newPage()
    await signInWithForm(page, email, DEMO_PASSWORD)
    await expectPage(page, `Welcome, ${name}`)
    return page
  }
  const needsYou = (page: Page) => page.getByRole('region', { name: 'Needs you', exact: true })
  /** How many notifications "Needs you" says are not read yet, once it has loaded (none: 0). */
  const unread = async (page: Page) => {
    await needsYou(page).locator('.needs-list, .empty-state').first().waitFor()
    const text = (await needsYou(page).textContent()) ?? ''
    return Number(/(\d+) notifications? not read yet/.exec(text)?.[1] ?? 0)
  }

  test('a vendor’s and a finder’s Home show a new message to them without reloading', async () => {
    const vendor = await home('consortium@lockstep.demo', 'Vic Vendor')
    const finder = await home('finder@lockstep.demo', 'Fran Finder')
    const before = { vendor: await unread(vendor), finder: await unread(finder) }
    for (const page of [vendor, finder])
      await page.evaluate(() => document.body.setAttribute('data-not-reloaded', 'yes'))

    const db = suite.server.database.db
    const casey = await demoActor(db, 'coordinator@lockstep.demo')
    const demoCase = await db.selectFrom('cases').select('case_number').orderBy('created_at').executeTakeFirstOrThrow()
    await postToThread(db, casey!, demoCase.case_number, 'case', 'The fix ships with 8.12.8: please check it.', 'AMBER')

    for (const [page, was] of [
      [vendor, before.vendor],
      [finder, before.finder],
    ] as const) {
      await expect.poll(() => unread(page), { timeout: 20_000 }).toBe(was + 1)
      expect(await page.evaluate(() => document.body.getAttribute('data-not-reloaded'))).toBe('yes')
      await expectAccessible(page)
    }
  })
})
