// Finding things and the public face, as people click through them: the coordinator searches
// from the header ("Sendm" finds the case and the Sendmail Consortium) while an outsider's search
// shows nothing; on a case's vendors there is one search box, "Sendmail" finds the Sendmail
// Consortium in the directory, notifying nobody cannot be pressed, and a vendor the directory
// lacks is added from the case; times show in the browser's zone, named, on signed-in pages and
// the finder's follow-up page alike; a signed-out visitor lands on a front page with the
// advisories, how to report and the feeds, and the public pages carry the instance's frame.
import { beforeAll, expect, test } from 'vitest'
import { makeReport, makeUser, PASSWORD } from '../support/factories.js'
import {
  demoCoordinatorSession,
  describeInBrowser,
  expectAccessible,
  expectPage,
  openCaseTab,
  openFreshSendmailCase,
  signInWithForm,
} from './support.js'

describeInBrowser('finding things, time zones and the public face', (suite) => {
  let CASE = ''
  beforeAll(async () => {
    CASE = await openFreshSendmailCase(suite)
  })
  const coordinatorPage = demoCoordinatorSession(suite)

  test('the header’s search finds by a word’s beginning, grouped by kind, and an outsider finds nothing', async () => {
    const page = await coordinatorPage()
    await page.getByRole('searchbox', { name: 'Search cases, reports, vendors and advisories' }).fill('Sendm')
    await page.keyboard.press('Enter')
    await expectPage(page, 'Search results for “Sendm”')
    const cases = page.getByRole('region', { name: 'Cases' })
    await expect.poll(() => cases.getByRole('link', { name: CASE }).count(), { timeout: 15_000 }).toBe(1)
    await cases.getByRole('link', { name: CASE }).click()
    await page.waitForURL(`**/cases/${CASE}/summary`)
    await page.goBack()
    await expect
      .poll(
        () => page.getByRole('region', { name: 'Vendors' }).getByRole('link', { name: 'Sendmail Consortium' }).count(),
        { timeout: 15_000 },
      )
      .toBe(1)

    const outsider = await makeUser(suite.server.database.db, { name: 'Olive Outsider' })
    const other = await suite.newPage()
    await signInWithForm(other, outsider.email, PASSWORD)
    await expectPage(other, /Welcome, Olive Outsider/)
    await other.goto('/search?q=Sendm')
    await expectPage(other, 'Search results for “Sendm”')
    await other.getByText('Nothing you may see matches.', { exact: false }).waitFor()
    expect(await other.getByRole('link', { name: CASE }).count()).toBe(0)
  })

  test('a case’s vendors: one search box finds “Sendmail Consortium”, none chosen cannot be notified, a missing vendor is added', async () => {
    const page = await coordinatorPage()
    await openCaseTab(page, CASE, 'vendors')
    const vendors = page.getByRole('region', { name: 'Vendors', exact: true })
    await vendors.getByRole('button', { name: 'Find vendors' }).click()
    await vendors.getByRole('region', { name: 'Find vendors' }).waitFor()
    await expect.poll(() => page.locator('.loading').count(), { timeout: 15_000 }).toBe(0)
    expect(await vendors.getByRole('searchbox').count()).toBe(1)

    await vendors.getByRole('searchbox', { name: 'Find a vendor by name or product' }).fill('Sendmail')
    await vendors.getByRole('button', { name: 'Find', exact: true }).click()
    const add = vendors.getByRole('button', { name: 'Add Sendmail Consortium to the vendors to notify' })
    await add.waitFor()
    await expectAccessible(page)
    await add.click()
    await expect
      .poll(() => vendors.getByRole('checkbox', { name: 'Sendmail Consortium' }).isChecked(), { timeout: 15_000 })
      .toBe(true)

    await vendors.getByRole('button', { name: 'Choose none' }).click()
    const notify = vendors.getByRole('button', { name: 'Notify selected vendors (0)' })
    await notify.waitFor()
    expect(await notify.isDisabled()).toBe(true)

    await vendors.getByRole('button', { name: 'Add a vendor the directory lacks' }).click()
    await vendors.getByLabel('Vendor name').fill('Tiny Mail Ltd')
    await vendors.getByLabel('Contact e-mail address').fill('security@tinymail.example')
    await vendors.getByRole('button', { name: 'Add to the directory and to this case' }).click()
    await page.getByText('Tiny Mail Ltd is in the directory and in this case now', { exact: false }).waitFor()
    await expect
      .poll(() => vendors.getByRole('checkbox', { name: 'Tiny Mail Ltd' }).isChecked(), { timeout: 15_000 })
      .toBe(true)
    expect(await vendors.getByRole('button', { name: 'Notify selected vendors (1)' }).isDisabled()).toBe(false)
    // The table shows the case's vendors named like the search: look for the new one.
    await vendors.getByRole('searchbox', { name: 'Find a vendor by name or product' }).fill('Tiny')
    await vendors.getByRole('button', { name: 'Find', exact: true }).click()
    const row = vendors
      .getByRole('region', { name: 'Vendor table' })
      .getByRole('row')
      .filter({ hasText: 'Tiny Mail Ltd' })
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('Not notified yet')
    await expectAccessible(page)
  })

  test('times show in the browser’s zone, named, signed in and on the follow-up page alike', async () => {
    const db = suite.server.database.db
    const person = await makeUser(db, { name: 'Zed Zone' })
    await makeReport(db, {
      reporterUserId: person.id,
      title: 'A report for the zones',
      followUpToken: 'zone-follow-up-token-0001',
    })
    const context = await suite.newContext({ timezoneId: 'America/New_York' })
    const page = await context.newPage()
    await signInWithForm(page, person.email, PASSWORD)
    await expectPage(page, /Welcome, Zed Zone/)
    await page.goto('/account')
    await expectPage(page, 'Your account')
    const zone = page.getByLabel('Time zone')
    expect(await zone.locator('option:checked').textContent()).toBe('Your browser’s zone (America/New York)')
    await page.getByRole('button', { name: 'Create token' }).waitFor()
    await page.getByLabel('Token name').fill('zone check')
    await page.getByRole('button', { name: 'Create token' }).click()
    await expect
      .poll(() => page.locator('time').first().textContent(), { timeout: 15_000 })
      .toContain('(America/New_York)')

    const anonymous = await (await suite.newContext({ timezoneId: 'America/New_York' })).newPage()
    await anonymous.goto('/follow-up/zone-follow-up-token-0001')
    await anonymous.locator('time').first().waitFor()
    expect(await anonymous.locator('time').first().textContent()).toContain('(America/New_York)')
  })

  test('a signed-out visitor lands on the front page and reaches every public page in the instance’s frame', async () => {
    const page = await suite.newPage()
    await page.goto('/')
    await expectPage(page, 'Coordinated vulnerability disclosure')
    await page.getByRole('heading', { name: 'Published advisories' }).waitFor()
    await page.getByRole('link', { name: /@/ }).first().waitFor()
    expect(await page.getByRole('note', { name: 'Reporting by e-mail' }).textContent()).toMatch(/fingerprint/)
    for (const feed of ['/advisories.atom', '/.well-known/csaf/provider-metadata.json'])
      expect((await page.request.get(feed)).status(), feed).toBe(200)
    await page.getByRole('link', { name: 'All advisories, with search' }).click()
    await page.getByRole('heading', { level: 1, name: 'Security advisories' }).waitFor()
    await expectAccessible(page)
    for (const link of ['Report a vulnerability', 'Our OpenPGP key', 'Atom'])
      expect(await page.getByRole('link', { name: link, exact: true }).count(), link).toBeGreaterThan(0)
    await page.getByRole('banner').getByRole('link').first().click()
    await expectPage(page, 'Coordinated vulnerability disclosure')
  })
})
