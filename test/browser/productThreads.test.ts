// Product threads, as the coordinator and two vendors click through them in the demo case (where
// every demo vendor already takes part): the coordinator is refused a product that is not a purl
// or CPE name beside the field, opens a thread about Red Hat's sendmail packages, lands in it and
// writes there. Red Hat's member finds it among the product threads, marked as its own product
// and unread, and reads the message; SGI's member sees it too, not marked as its own. Opening a
// second thread about the same product is refused with the name of the first. The tests run in
// order and tell one story.
import path from 'node:path'
import { expect, test } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import {
  DEMO_PASSWORD,
  demoCoordinatorSession,
  describeInBrowser,
  expectAccessible,
  expectPage,
  fieldErrorOf,
  openCaseTab,
  signInWithApi,
} from './support.js'

/** The demo's own case: Red Hat and SGI were notified in its story, so they take part. */
const DEMO_CASE = `LS-${new Date().getUTCFullYear()}-0001`
const DEMO_CASE_TITLE = 'Remote root in sendmail header processing'
const PRODUCT = 'pkg:rpm/redhat/sendmail'
const THREAD = 'Red Hat packages'
const MESSAGE = 'Red Hat: please confirm which of your sendmail errata carry the crackaddr() fix.'

/** With LOCKSTEP_SCREENSHOTS=<dir>, keeps a picture of the threads for a person to look at. */
async function screenshot(part: Locator, name: string): Promise<void> {
  const dir = process.env.LOCKSTEP_SCREENSHOTS
  if (dir) await part.screenshot({ path: path.join(dir, `${name}.png`) })
}

describeInBrowser('product threads: one product’s talk apart from the case-wide thread', (suite) => {
  const coordinatorHome = demoCoordinatorSession(suite)

  async function coordinatorCase(): Promise<Page> {
    const page = await coordinatorHome()
    await openCaseTab(page, DEMO_CASE, 'threads')
    await expectPage(page, DEMO_CASE_TITLE)
    return page
  }

  async function vendorCase(email: string): Promise<Page> {
    const context = await suite.newContext()
    await signInWithApi(context, email, DEMO_PASSWORD)
    const page = await context.newPage()
    await openCaseTab(page, DEMO_CASE, 'threads')
    await expectPage(page, DEMO_CASE_TITLE)
    return page
  }

  const productThread = (page: Page, title: string) =>
    page
      .getByRole('list', { name: 'Product threads' })
      .getByRole('listitem')
      .filter({ has: page.getByRole('link', { name: title, exact: true }) })

  test('the coordinator is refused a product that is not a purl or CPE name, then opens a thread about Red Hat’s packages and writes there', async () => {
    const page = await coordinatorCase()
    const form = page.getByRole('form', { name: 'Open a product thread' })
    const product = form.getByLabel('Product (purl or CPE name)')
    // The case's affected package is offered, without its version.
    const suggestions = await form
      .locator('datalist option')
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))
    expect(suggestions).toContain('pkg:generic/sendmail')

    await product.fill('sendmail on Red Hat')
    await form.getByRole('button', { name: 'Open the thread' }).click()
    expect(await fieldErrorOf(product)).toContain('is not a package URL or CPE name')
    await expectAccessible(page)

    await product.fill(PRODUCT)
    await form.getByLabel('Title').fill(THREAD)
    await form.getByRole('button', { name: 'Open the thread' }).click()

    // Opened: in the address (so it can be linked to), listed apart, and the reader taken to it.
    const thread = page.getByRole('region', { name: THREAD })
    await thread.waitFor()
    expect(new URL(page.url()).searchParams.get('thread')).toMatch(/^topic:/)
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe(THREAD)
    expect(await productThread(page, THREAD).locator('code').textContent()).toBe(PRODUCT)
    expect(
      await page.getByRole('list', { name: 'Threads', exact: true }).getByRole('link', { name: THREAD }).count(),
    ).toBe(0)
    expect(await thread.getByText('Who is e-mailed:').locator('..').textContent()).toContain(PRODUCT)

    await thread.getByLabel('Message in this product thread').fill(MESSAGE)
    await thread.getByRole('button', { name: 'Send message' }).click()
    await thread.getByRole('status').getByText('Message sent.').waitFor()
    await thread.getByRole('listitem').filter({ hasText: MESSAGE }).getByText('Casey Coordinator').waitFor()
    await expectAccessible(page)
    await screenshot(page.getByRole('region', { name: 'Threads' }), 'product-thread-coordinator')
  })

  test('Red Hat finds the thread marked as its product and unread, and reads it; SGI sees it as not its own', async () => {
    const redHat = await vendorCase('redhat@lockstep.demo')
    const item = productThread(redHat, THREAD)
    expect(await item.getByText('Your product').count()).toBe(1)
    expect(await item.locator('.badge-unread').textContent()).toBe('1 unread')
    // The case-wide and private threads keep their own list.
    expect(
      await redHat.getByRole('list', { name: 'Threads', exact: true }).getByRole('link').allTextContents(),
    ).toEqual(['Everyone in the case', 'Coordinator and Red Hat'])
    // Only staff open product threads.
    expect(await redHat.getByRole('form', { name: 'Open a product thread' }).count()).toBe(0)

    await item.getByRole('link', { name: THREAD }).click()
    const thread = redHat.getByRole('region', { name: THREAD })
    await thread.getByText(MESSAGE).waitFor()
    await expect.poll(() => item.locator('.badge-unread').count()).toBe(0)
    expect(await thread.getByText('(yours among them)').count()).toBe(1)
    await expectAccessible(redHat)
    await screenshot(redHat.getByRole('region', { name: 'Threads' }), 'product-thread-vendor')

    const sgi = await vendorCase('sgi@lockstep.demo')
    const forSgi = productThread(sgi, THREAD)
    expect(await forSgi.locator('.badge-unread').textContent()).toBe('1 unread')
    expect(await forSgi.getByText('Your product').count()).toBe(0)
  })

  test('a second thread about the same product is refused, naming the first', async () => {
    const page = await coordinatorCase()
    const form = page.getByRole('form', { name: 'Open a product thread' })
    await form.getByLabel('Product (purl or CPE name)').fill(PRODUCT)
    await form.getByRole('button', { name: 'Open the thread' }).click()
    expect(await form.getByRole('alert').textContent()).toContain(`already has a thread about ${PRODUCT}: “${THREAD}”`)
    expect(await page.getByRole('list', { name: 'Product threads' }).getByRole('listitem').count()).toBe(1)
  })
})
