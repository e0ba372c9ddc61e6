// Vendors, as the coordinator and a vendor click through them: the coordinator finds a new vendor
// in the directory, lists its product (a versioned package URL refused beside the input) and its
// embargo policy (a minimum above the preferred refused beside its input); gives the demo case's
// vulnerability the package URL pkg:generic/sendmail; finds the vendors that make it, is told that
// notifying one without any contact would notify nobody, and notifies the other. The vendor's
// member sees only that case, is refused a "Fixed" statement without a version beside the field,
// gives it with 8.12.8, and is told in words why its fix cannot be ready yet; it then validates
// and accepts its report itself, and records its fix as ready. The coordinator sees the vendor's
// state become "Statement given" and approves the statement. The tests run in order and tell one
// story.
import path from 'node:path'
import { beforeAll, expect, test } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { DEMO_REPORT_TITLE } from '../../src/seed/demoCase.js'
import { makeMember, PASSWORD } from '../support/factories.js'
import {
  describeInBrowser,
  expectAccessible,
  expectPage,
  fieldErrorOf,
  signInWithForm,
  openFreshSendmailCase,
  demoCoordinatorSession,
  openCaseTab,
  showCaseTab,
} from './support.js'

/** A fresh copy of the demo case (the demo's own has moved on): opened before the first test. */
let DEMO_CASE = ''
const DEMO_CASE_TITLE = 'Remote root in sendmail header processing'
const VENDOR = 'Sendmail Packagers'
const SILENT = 'Quiet Mail Systems'
const PRODUCT = 'pkg:generic/sendmail'
const VENDOR_MEMBER = 'Pat Packager'

/** With LOCKSTEP_SCREENSHOTS=<dir>, keeps a picture of the page for a person to look at. */
async function screenshot(page: Page, name: string, part?: Locator): Promise<void> {
  const dir = process.env.LOCKSTEP_SCREENSHOTS
  if (!dir) return
  if (part) await part.screenshot({ path: path.join(dir, `${name}.png`) })
  else await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true })
}

describeInBrowser('vendors: the directory, notifying, statements', (suite) => {
  beforeAll(async () => {
    DEMO_CASE = await openFreshSendmailCase(suite)
  })

  /** The coordinator's home page; signed in once (a TOTP code is accepted once), the session reused. */
  const coordinatorPage = demoCoordinatorSession(suite)
  let vendorEmail = ''

  /** Calls the API with the page's session, as the UI does (CSRF header on writes). */
  async function apiPost(page: Page, path: string, data: unknown): Promise<{ id: string }> {
    const { csrfToken } = (await (await page.request.get('/api/v1/session')).json()) as { csrfToken: string }
    const response = await page.request.post(`/api/v1${path}`, { data, headers: { 'x-csrf-token': csrfToken } })
    expect(response.status(), await response.text()).toBe(201)
    return (await response.json()) as { id: string }
  }

  test('the coordinator lists a new vendor’s product and embargo policy from the vendor directory', async () => {
    const page = await coordinatorPage()
    const vendor = await apiPost(page, '/organizations', { name: VENDOR, kind: 'vendor' })
    // A second maker of sendmail that nobody can be written to: no contact, no members.
    const silent = await apiPost(page, '/organizations', { name: SILENT, kind: 'vendor' })
    await apiPost(page, `/organizations/${silent.id}/products`, { pattern: PRODUCT })
    const db = suite.server.database.db
    const organization = await db
      .selectFrom('organizations')
      .selectAll()
      .where('id', '=', vendor.id)
      .executeTakeFirstOrThrow()
    vendorEmail = (await makeMember(db, organization, 'admin', { name: VENDOR_MEMBER })).email

    // The directory, from the main navigation: found by name, with no contact yet.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Vendors' }).click()
    await expectPage(page, 'Vendors')
    await page.getByLabel('Search vendors').fill('packagers')
    await page.getByRole('button', { name: 'Search', exact: true }).click()
    const directory = page.getByRole('region', { name: 'Vendor directory' })
    await expect.poll(() => directory.getByRole('rowheader').allTextContents()).toEqual([VENDOR])
    const row = directory.getByRole('row').filter({ hasText: VENDOR })
    expect(await row.getByRole('cell').allTextContents()).toEqual([
      'None',
      'None listed',
      'No contact',
      'None',
      'No policy',
    ])
    await row.getByRole('link', { name: VENDOR }).click()
    await expectPage(page, VENDOR)

    // Its product: with a version it is refused beside the input, in the server's words.
    const products = page.getByRole('region', { name: 'Products', exact: true })
    await products.getByText('No products listed yet.').waitFor()
    const add = page.getByRole('form', { name: 'Add a product' })
    await add.getByLabel('Product').fill(`${PRODUCT}@8.12.7`)
    await add.getByRole('button', { name: 'Add product' }).click()
    expect(await fieldErrorOf(add.getByLabel('Product'))).toContain('version')
    await expectAccessible(page)
    await add.getByLabel('Product').fill(PRODUCT)
    await add.getByRole('button', { name: 'Add product' }).click()
    await products.getByRole('status').getByText(`${VENDOR} now lists ${PRODUCT}.`).waitFor()
    expect(
      await products
        .getByRole('region', { name: `Products of ${VENDOR}` })
        .getByRole('rowheader')
        .allTextContents(),
    ).toEqual([PRODUCT])

    // Its embargo policy: a minimum above the preferred days is refused beside the minimum.
    const profile = page.getByRole('region', { name: 'Vendor profile' })
    await profile.getByLabel('Website').fill('https://packagers.example/')
    await profile.getByLabel('Preferred embargo').fill('30')
    await profile.getByLabel('Shortest embargo').fill('45')
    await profile.getByRole('button', { name: 'Save the profile' }).click()
    expect(await fieldErrorOf(profile.getByLabel('Shortest embargo'))).toContain(
      'must not be more than the preferred days',
    )
    await profile.getByLabel('Shortest embargo').fill('14')
    await profile.getByLabel('Longest embargo').fill('90')
    await profile.getByRole('button', { name: 'Save the profile' }).click()
    await profile.getByRole('status').getByText('Saved. Embargo policy: 30 days preferred (14 to 90).').waitFor()

    // How it is reached: a mail contact, on the same page.
    const contacts = page.getByRole('form', { name: 'Add a contact' })
    await contacts.getByLabel('Contact’s e-mail').fill('security@packagers.example')
    await contacts.getByRole('button', { name: 'Add contact' }).click()
    await page.getByText(`security@packagers.example is now a contact of ${VENDOR}.`).waitFor()

    // Back in the directory: the product, the contact and the policy.
    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'All vendors' }).click()
    await expectPage(page, 'Vendors')
    await page.getByLabel('Search vendors').fill('security@packagers')
    await page.getByRole('button', { name: 'Search', exact: true }).click()
    await expect.poll(() => directory.getByRole('rowheader').allTextContents()).toEqual([VENDOR])
    expect(await row.getByRole('cell').allTextContents()).toEqual([
      'https://packagers.example/',
      PRODUCT,
      '1',
      'None',
      '30 days preferred (14 to 90)',
    ])
    await screenshot(page, 'vendors-directory')
  })

  test('the coordinator finds the makers of the affected product and notifies them, all or none', async () => {
    const page = await coordinatorPage()
    await page.getByRole('region', { name: 'Cases' }).getByRole('link', { name: DEMO_CASE }).click()
    await expectPage(page, DEMO_CASE_TITLE)

    // The vulnerability affects pkg:generic/sendmail (set with the case page's editor if needed).
    const card = page.getByRole('region', { name: 'Vulnerabilities' }).getByRole('article', { name: DEMO_REPORT_TITLE })
    const purls = card
      .getByRole('region', { name: `Products affected by “${DEMO_REPORT_TITLE}”` })
      .getByRole('cell', { name: PRODUCT, exact: true })
    if ((await purls.count()) === 0) {
      await card.getByRole('button', { name: `Edit “${DEMO_REPORT_TITLE}”` }).click()
      const form = page.getByRole('form', { name: `Edit “${DEMO_REPORT_TITLE}”` })
      await form.getByRole('group', { name: 'Product 1' }).getByLabel('Package URL').fill(PRODUCT)
      await form.getByRole('button', { name: 'Save the vulnerability' }).click()
      await page.getByText(`Saved “${DEMO_REPORT_TITLE}”.`).waitFor()
    }
    await purls.first().waitFor()

    // No vendor has been notified yet.
    await showCaseTab(page, 'vendors')
    const vendors = page.getByRole('region', { name: 'Vendors', exact: true })
    await vendors.getByText('No vendors in this case yet.').waitFor()

    // The makers of sendmail are proposed (the demo's and ours), each with what matched; the one
    // without a contact is marked and left out.
    await vendors.getByRole('button', { name: 'Find vendors' }).click()
    const finder = vendors.getByRole('region', { name: 'Find vendors' })
    const choice = finder.getByRole('group', { name: 'Vendors to notify' })
    await choice.waitFor()
    const checkbox = (name: string) => page.getByRole('checkbox', { name, exact: true })
    const item = (name: string) => choice.getByRole('listitem').filter({ has: checkbox(name) })
    const packagers = choice.getByRole('checkbox', { name: VENDOR, exact: true })
    const silent = choice.getByRole('checkbox', { name: SILENT, exact: true })
    expect(await packagers.isChecked()).toBe(true)
    expect(await silent.isChecked()).toBe(false)
    expect(await item(VENDOR).textContent()).toContain(`Makes ${PRODUCT} (listed as ${PRODUCT}).`)
    expect(await item(VENDOR).textContent()).toContain('1 mail contact')
    expect(await item(SILENT).textContent()).toContain('No contact address')
    expect(await choice.getByRole('checkbox', { name: 'Sendmail Consortium', exact: true }).isChecked()).toBe(true)
    expect(await choice.getByRole('checkbox', { name: 'Debian', exact: true }).count()).toBe(0)
    await expectAccessible(page)

    // Any vendor can be added by hand, found with the vendors' one search box: Debian lists only its own package.
    await vendors.getByRole('searchbox', { name: 'Find a vendor by name or product' }).fill('Debian')
    await vendors.getByRole('button', { name: 'Find', exact: true }).click()
    await vendors.getByRole('button', { name: 'Add Debian to the vendors to notify' }).click()
    // The same box filters the vendor table: emptied, the table shows every vendor of the case again.
    await vendors.getByRole('searchbox', { name: 'Find a vendor by name or product' }).fill('')
    await vendors.getByRole('button', { name: 'Find', exact: true }).click()
    expect(await item('Debian').textContent()).toContain('Added by hand.')
    expect(await choice.getByRole('checkbox', { name: 'Debian', exact: true }).isChecked()).toBe(true)

    // Only ours this time, and the silent one too: refused, naming it, and nobody is notified.
    await choice.getByRole('button', { name: 'Choose none' }).click()
    expect(await packagers.isChecked()).toBe(false)
    await packagers.check()
    await silent.check()
    await finder.getByRole('button', { name: 'Notify selected vendors (2)' }).click()
    await finder.getByText(`Notify 2 vendors: ${SILENT} and ${VENDOR}?`).waitFor()
    await finder.getByRole('button', { name: 'Yes, notify' }).click()
    const refusal = finder.getByRole('alert')
    await refusal.getByText('Nobody was notified.').waitFor()
    expect(await refusal.getByRole('listitem').allTextContents()).toEqual([
      `${SILENT} has no contact address and no members: add a contact before notifying it`,
    ])
    expect(await fieldErrorOf(silent)).toContain(`${SILENT} has no contact address`)
    await expectAccessible(page)
    await screenshot(page, 'vendors-refused', finder)
    await vendors.getByText('No vendors in this case yet.').waitFor()

    // Without it, the vendor is notified and its state reads as what it is: no response yet.
    await silent.uncheck()
    await finder.getByRole('button', { name: 'Notify selected vendors (1)' }).click()
    await finder.getByRole('button', { name: 'Yes, notify' }).click()
    // Its contact and its member.
    await vendors.getByRole('status').getByText(`Notified 1 vendor: ${VENDOR} (2 recipients).`).waitFor()
    const table = vendors.getByRole('region', { name: 'Vendor table' })
    const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: VENDOR }) })
    await row.getByText('Notified, no response yet').waitFor()
    expect(await vendors.getByRole('button', { name: /^Notified, no response yet/ }).textContent()).toBe(
      'Notified, no response yet 1',
    )
    expect(await vendors.getByRole('img', { name: /^Vendors by state/ }).getAttribute('aria-label')).toContain(
      'Notified, no response yet: 1',
    )
    // The pictures over time: one vendor notified today, none has responded yet.
    expect(await vendors.getByRole('img', { name: /^Vendors by day/ }).getAttribute('aria-label')).toContain(
      'notified 1, seen 0, responded 0, statement given 0',
    )
    expect(await vendors.getByRole('img', { name: /^Time to respond/ }).getAttribute('aria-label')).toContain(
      'no response yet: 1',
    )
    await expectAccessible(page)
    await screenshot(page, 'vendors-notified', vendors)
    // Among the newest entries (the mail it set off may be recorded after it).
    await showCaseTab(page, 'ledger')
    await page
      .getByRole('list', { name: 'Ledger entries, newest first' })
      .getByRole('listitem')
      .filter({ hasText: /notified \S.* \(\d+ recipients?\)/ })
      .first()
      .waitFor()
  })

  test('the vendor sees only its case, gives a Fixed statement with its version, and is told why its fix cannot be ready yet', async () => {
    const context = await suite.newContext()
    const page = await context.newPage()
    await signInWithForm(page, vendorEmail, PASSWORD)
    await expectPage(page, `Welcome, ${VENDOR_MEMBER}`)
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cases' }).click()
    await expectPage(page, 'Cases')
    expect(await page.getByRole('region', { name: 'Cases' }).getByRole('rowheader').allTextContents()).toEqual([
      DEMO_CASE,
    ])
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Vendors' }).count()).toBe(0)
    await page.getByRole('link', { name: DEMO_CASE }).click()
    await expectPage(page, DEMO_CASE_TITLE)
    await showCaseTab(page, 'vendors')

    const yours = page.getByRole('region', { name: `Your part as ${VENDOR}` })
    const form = yours.getByRole('form', { name: `Your statement on “${DEMO_REPORT_TITLE}”` })
    expect(await form.getByLabel('Status').inputValue()).toBe('under_investigation')
    await form.getByLabel('Status').selectOption({ label: 'Not affected' })
    expect(await form.getByLabel('Why it is not affected').locator('option').allTextContents()).toContain(
      'The vulnerable code is present, but can never be executed.',
    )

    // Fixed, but in no version: refused beside the field.
    await form.getByLabel('Status').selectOption({ label: 'Fixed' })
    expect(await form.getByLabel('Why it is not affected').count()).toBe(0)
    await form.getByRole('button', { name: 'Give the statement' }).click()
    expect(await fieldErrorOf(form.getByLabel('Fixed versions'))).not.toBe('')
    await expectAccessible(page)

    await form.getByLabel('Fixed versions').fill('8.12.8')
    await form.getByLabel('Remediation').fill('Upgrade to 8.12.8.')
    await form.getByLabel('References').fill('https://packagers.example/advisories/2003-01')
    await form.getByRole('button', { name: 'Give the statement' }).click()
    await form
      .getByRole('status')
      .getByText(`Your statement on “${DEMO_REPORT_TITLE}” is recorded: Fixed in 8.12.8.`, { exact: false })
      .waitFor()
    const statements = page.getByRole('region', { name: 'Statement list' })
    const own = statements.getByRole('row').filter({ hasText: `${VENDOR} (yours)` })
    await own.waitFor()
    expect(await own.textContent()).toContain('Fixed in 8.12.8')
    expect(await own.textContent()).toContain('Not approved yet')

    // Its fix cannot be ready before the coordinators accept its report: the rule in words.
    const fix = yours.getByRole('group', { name: 'Your fix', exact: true })
    await fix.getByRole('button', { name: 'Fix ready' }).click()
    await fix.getByRole('button', { name: 'Yes, fix ready' }).click()
    await fix
      .getByRole('alert')
      .getByText(/Cannot record fix ready: the vendor has not accepted the report/)
      .waitFor()
    await fix.getByRole('button', { name: 'Fix ready' }).waitFor()
    expect(await fix.textContent()).toContain('Fix ready: not yet')
    await expectAccessible(page)
    await screenshot(page, 'vendors-portal', yours)
  })

  test('the vendor moves its own report along, validating and accepting it, and then records its fix as ready', async () => {
    const context = await suite.newContext()
    const page = await context.newPage()
    await signInWithForm(page, vendorEmail, PASSWORD)
    await expectPage(page, `Welcome, ${VENDOR_MEMBER}`)
    await openCaseTab(page, DEMO_CASE, 'vendors')
    await expectPage(page, DEMO_CASE_TITLE)
    const yours = page.getByRole('region', { name: `Your part as ${VENDOR}` })
    const report = yours.getByRole('group', { name: 'Your report', exact: true })
    const moves = report.getByRole('group', { name: 'Move your report' })

    // Received: it says what that means, and offers to judge the report valid or not.
    await report.getByText('Your work on the report: Received', { exact: true }).waitFor()
    expect(await report.textContent()).toContain('say whether it is valid for your products')
    expect(await moves.getByRole('button').allTextContents()).toEqual([
      'Validate → Confirmed as valid',
      'Invalidate → Judged not valid',
    ])
    // Invalidating is asked first; cancelled, nothing moved.
    await moves.getByRole('button', { name: 'Invalidate → Judged not valid' }).click()
    await report
      .getByRole('group', { name: /^Record that the report does not apply to your products\?/ })
      .getByRole('button', { name: 'Cancel' })
      .click()
    await moves.getByRole('button', { name: 'Invalidate → Judged not valid' }).waitFor()
    await expectAccessible(page)

    // Valid: now it may be accepted, or deferred.
    await moves.getByRole('button', { name: 'Validate → Confirmed as valid' }).click()
    await report.getByRole('status').getByText('Your report is now confirmed as valid.').waitFor()
    await report.getByText('Your work on the report: Confirmed as valid', { exact: true }).waitFor()
    expect(await moves.getByRole('button').allTextContents()).toEqual([
      'Accept → Accepted for coordination',
      'Defer → On hold',
    ])

    // Accepted: it may still be deferred or closed, and the fix can be recorded.
    await moves.getByRole('button', { name: 'Accept → Accepted for coordination' }).click()
    await report.getByRole('status').getByText('Your report is now accepted for coordination.').waitFor()
    await report.getByText('Your work on the report: Accepted for coordination', { exact: true }).waitFor()
    expect(await report.textContent()).toContain('You are working on it: record your fix when it is ready.')
    expect(await moves.getByRole('button').allTextContents()).toEqual(['Defer → On hold', 'Close → Closed'])

    // The fix refused before is now recorded.
    const fix = yours.getByRole('group', { name: 'Your fix', exact: true })
    await fix.getByRole('button', { name: 'Fix ready' }).click()
    await fix.getByRole('button', { name: 'Yes, fix ready' }).click()
    await fix.getByRole('status').getByText('Your fix is recorded as ready.').waitFor()
    expect(await fix.textContent()).toContain('Fix ready: recorded')
    expect(await fix.getByRole('button').allTextContents()).toEqual(['Fix deployed'])
    expect(await fix.getByRole('alert').count()).toBe(0)
    await screenshot(page, 'vendors-report-state', yours)
  })

  test('the coordinator sees the statement in the vendor table and approves it', async () => {
    const page = await coordinatorPage()
    await openCaseTab(page, DEMO_CASE, 'vendors')
    await expectPage(page, DEMO_CASE_TITLE)
    const vendors = page.getByRole('region', { name: 'Vendors', exact: true })
    const row = vendors
      .getByRole('region', { name: 'Vendor table' })
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: VENDOR }) })
    await row.getByText('Statement given').waitFor()
    expect(await row.textContent()).toContain('Fixed')

    // The filter chips: nobody is left silent, and the statement is there.
    await vendors.getByRole('button', { name: /^Notified, no response yet/ }).click()
    await vendors.getByText('No vendor in the state “Notified, no response yet”.').waitFor()
    await vendors.getByRole('button', { name: /^Statement given/ }).click()
    await row.waitFor()
    expect(await vendors.getByRole('button', { name: /^Statement given/ }).getAttribute('aria-pressed')).toBe('true')

    const statements = page.getByRole('region', { name: 'Statements', exact: true })
    const statement = statements.getByRole('row').filter({ hasText: VENDOR })
    expect(await statement.textContent()).toContain('Fixed in 8.12.8')
    await statement
      .getByRole('button', { name: `Approve the statement of ${VENDOR} on “${DEMO_REPORT_TITLE}”` })
      .click()
    await statements
      .getByRole('status')
      .getByText(`Approved the statement of ${VENDOR} on “${DEMO_REPORT_TITLE}”.`)
      .waitFor()
    await statement.getByText('Approved', { exact: true }).waitFor()
    expect(await statement.getByRole('button', { name: /^Approve/ }).count()).toBe(0)
    await expectAccessible(page)
    await screenshot(page, 'vendors-approved', statements)
    // Among the newest entries (the mail it set off may be recorded after it).
    await showCaseTab(page, 'ledger')
    await page
      .getByRole('list', { name: 'Ledger entries, newest first' })
      .getByRole('listitem')
      .filter({ hasText: /approved the statement of / })
      .first()
      .waitFor()
  })
})
