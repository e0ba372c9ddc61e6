// The case page, as its people use it: the demo coordinator edits the vulnerability (CWE, CVSS,
// an affected product with a vers range), adds a vendor and an observer and takes the observer
// out; writes in the case-wide thread and in private threads (with TLP labels), records that the
// case is public and moves the vendor along; a page left open that records what someone else
// already recorded is told so in words; the finder and the vendor each see the case-wide message
// as unread and only their own private thread; and the finder, back after a while, sees what
// changed and downloads the file posted meanwhile. The tests run in order and tell one story.
import path from 'node:path'
import { beforeAll, expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { demoSignIns } from '../../src/seed/demo.js'
import { DEMO_REPORT_TITLE } from '../../src/seed/demoCase.js'
import {
  DEMO_PASSWORD,
  demoCoordinatorSession,
  describeInBrowser,
  downloadBy,
  expectAccessible,
  expectPage,
  fieldErrorOf,
  signInWithApi,
  openFreshSendmailCase,
  openCaseTab,
  showCaseTab,
} from './support.js'

/** A fresh copy of the demo case (the demo's own has moved on): opened before the first test. */
let DEMO_CASE = ''
const DEMO_CASE_TITLE = 'Remote root in sendmail header processing'
const CASE_WIDE_MESSAGE = 'Vendors are being reached quietly; please keep the details within your teams.'
const TO_FINDER = 'Could you share your proof of concept with the vendors once they join?'
const TO_VENDOR = 'Are you the right contact for sendmail security issues?'
const REFERENCE = 'https://example.test/sendmail-advisory'
const VECTOR = 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H'
const ADVISORY_MESSAGE = 'The draft advisory is attached; comments by Friday, please.'
const ADVISORY = Buffer.from(
  'Sendmail crackaddr() header overflow\n\nAffected: sendmail before 8.12.8.\nFixed in: 8.12.8.\n',
)

/** With LOCKSTEP_SCREENSHOTS=<dir>, keeps a picture of the page for a person to look at. */
async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.LOCKSTEP_SCREENSHOTS
  if (dir) await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true })
}

describeInBrowser('the case page: threads and case status', (suite) => {
  beforeAll(async () => {
    DEMO_CASE = await openFreshSendmailCase(suite)
  })

  /** The demo case's vendor participant, added by the first test. */
  let vendorParticipantId = ''
  /** The coordinator's home page (a TOTP code is accepted once, so later tests reuse the session). */
  const coordinatorHome = demoCoordinatorSession(suite)

  const threadItem = (page: Page, title: string) =>
    page
      .getByRole('list', { name: 'Threads' })
      .getByRole('listitem')
      .filter({ has: page.getByRole('link', { name: title, exact: true }) })
  const participantRow = (page: Page, name: string) =>
    page
      .getByRole('region', { name: 'Participants' })
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name, exact: true }) })

  test('the coordinator edits the vulnerability, adds a vendor and an observer, and takes the observer out', async () => {
    const page = await coordinatorHome()
    const changeLoads: string[] = []
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.endsWith('/changes')) changeLoads.push(request.url())
    })
    await page.getByRole('region', { name: 'Cases' }).getByRole('link', { name: DEMO_CASE }).click()
    await expectPage(page, DEMO_CASE_TITLE)
    const changes = page.getByRole('region', { name: 'What changed since your last visit' })
    await changes.getByText('This is your first visit to this case').waitFor()

    // The vulnerability, as the report described it: two products, no vers range yet.
    const vulnerabilities = page.getByRole('region', { name: 'Vulnerabilities' })
    const card = vulnerabilities.getByRole('article', { name: DEMO_REPORT_TITLE })
    const products = card.getByRole('region', { name: `Products affected by “${DEMO_REPORT_TITLE}”` })
    expect(await products.getByRole('rowheader').allTextContents()).toEqual(['Sendmail Consortium', 'Sendmail, Inc.'])
    expect(await card.textContent()).toContain('9.8 Critical')

    // Edited: CWE, CVSS, and the first product's package URL and vers range; a bad range is named.
    await card.getByRole('button', { name: `Edit “${DEMO_REPORT_TITLE}”` }).click()
    const form = vulnerabilities.getByRole('form', { name: `Edit “${DEMO_REPORT_TITLE}”` })
    await form.getByLabel('CWE').fill('CWE-787')
    await form.getByLabel('CVSS vector').fill(VECTOR)
    const first = form.getByRole('group', { name: 'Product 1' })
    await first.getByLabel('Package URL').fill('pkg:generic/sendmail')
    await first.getByLabel('Version range').fill('<8.12.8')
    await form.getByRole('button', { name: 'Save the vulnerability' }).click()
    expect(await fieldErrorOf(first.getByLabel('Version range'))).toContain('must start with "vers:"')
    expect(await form.getByLabel('CVSS vector').getAttribute('aria-invalid')).toBeNull()
    await expectAccessible(page)
    await first.getByLabel('Version range').fill('vers:generic/<8.12.8')
    await first.getByLabel('CPE name').fill('cpe:2.3:a:sendmail:sendmail:*:*:*:*:*:*:*:*')
    await form.getByRole('button', { name: 'Save the vulnerability' }).click()
    await vulnerabilities.getByRole('status').getByText(`Saved “${DEMO_REPORT_TITLE}”.`).waitFor()
    expect(await form.count()).toBe(0)
    const sendmail = products
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'Sendmail Consortium' }) })
    expect(await sendmail.getByRole('cell').allTextContents()).toEqual([
      'sendmail',
      '5.2 up to 8.12.7',
      'pkg:generic/sendmail',
      'cpe:2.3:a:sendmail:sendmail:*:*:*:*:*:*:*:*',
      'vers:generic/<8.12.8',
    ])
    expect(await card.textContent()).toContain('CWE-787')
    expect(await card.textContent()).toContain(`8.1 High ${VECTOR}`)

    // The case's only vulnerability stays: the refusal in words.
    await card.getByRole('button', { name: `Remove “${DEMO_REPORT_TITLE}”` }).click()
    await card.getByRole('button', { name: 'Yes, remove' }).click()
    await vulnerabilities
      .getByRole('alert')
      .getByText(/A case keeps at least one vulnerability/)
      .waitFor()
    expect(await card.count()).toBe(1)

    // A vendor organization joins; adding it twice is refused in words.
    await showCaseTab(page, 'vendors')
    const participants = page.getByRole('region', { name: 'Participants' })
    const add = page.getByRole('form', { name: 'Add a participant' })
    await add.getByRole('button', { name: 'Add to the case' }).click()
    expect(await fieldErrorOf(add.getByLabel('Organization', { exact: true }))).toBe('Error: choose an organization')
    await add.getByLabel('Organization', { exact: true }).selectOption({ label: 'Sendmail Consortium (Vendor)' })
    await add.getByLabel('Vendor', { exact: true }).check()
    const [added] = await Promise.all([
      page.waitForResponse(
        (r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith('/participants'),
      ),
      add.getByRole('button', { name: 'Add to the case' }).click(),
    ])
    vendorParticipantId = ((await added.json()) as { id: string }).id
    await participants.getByRole('status').getByText('Added Sendmail Consortium as vendor.').waitFor()
    await participantRow(page, 'Sendmail Consortium').getByRole('cell', { name: 'Not yet received' }).waitFor()
    await add.getByLabel('Organization', { exact: true }).selectOption({ label: 'Sendmail Consortium (Vendor)' })
    await add.getByLabel('Vendor', { exact: true }).check()
    await add.getByRole('button', { name: 'Add to the case' }).click()
    await add.getByRole('alert').getByText('Sendmail Consortium already takes part in this case.').waitFor()

    // A person as an observer, then also a deployer; a participant without a role is refused.
    await add.getByLabel('A single person').check()
    await add.getByLabel('Vendor', { exact: true }).uncheck()
    await add.getByLabel('Person', { exact: true }).selectOption({ label: 'Olive Owner (owner@lockstep.demo)' })
    await add.getByLabel('Observer', { exact: true }).check()
    await add.getByRole('button', { name: 'Add to the case' }).click()
    await participants.getByRole('status').getByText('Added Olive Owner as observer.').waitFor()
    const observer = participantRow(page, 'Olive Owner')
    await observer.getByRole('cell', { name: 'Observer', exact: true }).waitFor()
    await observer.getByRole('button', { name: 'Change the roles of Olive Owner' }).click()
    const roles = page.getByRole('form', { name: 'Roles of Olive Owner' })
    await roles.getByLabel('Observer').uncheck()
    await roles.getByRole('button', { name: 'Save the roles' }).click()
    await roles.locator('.role-choice .field-error').getByText('must give at least one role').waitFor()
    await roles.getByLabel('Observer').check()
    await roles.getByLabel('Deployer').check()
    await roles.getByRole('button', { name: 'Save the roles' }).click()
    await participants.getByRole('status').getByText('Olive Owner: now deployer and observer.').waitFor()
    await observer.getByRole('cell', { name: 'Deployer, Observer' }).waitFor()

    // Taken out, with a reason for the ledger.
    await observer.getByRole('button', { name: 'Take Olive Owner out of the case' }).click()
    const takeOut = page.getByRole('form', { name: 'Take Olive Owner out of the case' })
    await takeOut.getByLabel('Reason').fill('Added by mistake: the plant follows the public advisory.')
    await expectAccessible(page)
    await takeOut.getByRole('button', { name: 'Yes, take Olive Owner out' }).click()
    await participants.getByRole('status').getByText('Olive Owner was taken out of the case.').waitFor()
    expect(await observer.count()).toBe(0)
    await showCaseTab(page, 'ledger')
    const ledger = page.getByRole('list', { name: 'Ledger entries, newest first' })
    const removal = ledger.getByRole('listitem').first()
    await removal
      .getByText(
        'Casey Coordinator took Olive Owner out of the case: “Added by mistake: the plant follows the public advisory.”',
      )
      .waitFor()

    // The case reloaded after every change; what changed since the last visit was loaded once.
    await changes.getByText('This is your first visit to this case').waitFor()
    expect(changeLoads).toHaveLength(1)
    await screenshot(page, 'case-editing')
  })

  test('the coordinator writes to everyone and privately, records the case public and moves a vendor along', async () => {
    const page = await coordinatorHome()
    await page.getByRole('region', { name: 'Cases' }).getByRole('link', { name: DEMO_CASE }).click()
    await expectPage(page, DEMO_CASE_TITLE)

    // Nothing has happened to the case yet.
    const status = page.getByRole('region', { name: 'Case status' })
    expect(await status.getByRole('list', { name: 'Case events' }).textContent()).toContain('Not public yet')

    // The case-wide thread: labelled with the case's TLP unless chosen otherwise; GREEN here.
    await showCaseTab(page, 'threads')
    await threadItem(page, 'Everyone in the case').getByText('No messages yet').waitFor()
    await page.getByRole('link', { name: 'Everyone in the case', exact: true }).click()
    const caseWide = page.getByRole('region', { name: 'Everyone in the case' })
    await caseWide.getByText('Who reads it: everyone who takes part in the case.').waitFor()
    await caseWide.getByText('No messages yet').waitFor()
    expect(await caseWide.getByLabel('Message TLP').inputValue()).toBe('AMBER')
    await caseWide.getByLabel('Message TLP').selectOption('GREEN')
    await caseWide.getByLabel('Message to everyone in the case').fill(CASE_WIDE_MESSAGE)
    await caseWide.getByRole('button', { name: 'Send message' }).click()
    const sent = caseWide
      .getByRole('list', { name: 'Messages' })
      .getByRole('listitem')
      .filter({ hasText: CASE_WIDE_MESSAGE })
    await sent.waitFor()
    expect(await sent.locator('.tlp-badge').textContent()).toBe('TLP:GREEN')
    expect(await sent.textContent()).toContain('Casey Coordinator')
    await caseWide.getByRole('status').getByText('Message sent.').waitFor()
    await threadItem(page, 'Everyone in the case')
      .getByText(/^Last message/)
      .waitFor()
    await expectAccessible(page)

    // The finder's private thread, opened from the participants table before anything was said.
    await showCaseTab(page, 'vendors')
    expect(
      await participantRow(page, 'National Infrastructure Protection Center')
        .getByRole('link', { name: /^Message/ })
        .count(),
    ).toBe(0)
    await participantRow(page, 'Fran Finder').getByRole('link', { name: 'Message Fran Finder' }).click()
    const withFinder = page.getByRole('region', { name: 'Coordinator and Fran Finder' })
    await withFinder.getByText('Who reads it: only the coordinators and Fran Finder.').waitFor()
    await withFinder.getByText('No messages yet').waitFor()
    expect(await threadItem(page, 'Coordinator and Fran Finder').getByRole('link').getAttribute('aria-current')).toBe(
      'true',
    )
    await withFinder.getByLabel('Message in this private thread').fill(TO_FINDER)
    await withFinder.getByRole('button', { name: 'Send message' }).click()
    const toFinder = withFinder.getByRole('listitem').filter({ hasText: TO_FINDER })
    await toFinder.waitFor()
    expect(await toFinder.locator('.tlp-badge').textContent()).toBe('TLP:AMBER')

    // And the vendor's.
    await showCaseTab(page, 'vendors')
    await participantRow(page, 'Sendmail Consortium').getByRole('link', { name: 'Message Sendmail Consortium' }).click()
    const withVendor = page.getByRole('region', { name: 'Coordinator and Sendmail Consortium' })
    await withVendor.getByLabel('Message in this private thread').fill(TO_VENDOR)
    await withVendor.getByRole('button', { name: 'Send message' }).click()
    await withVendor.getByRole('listitem').filter({ hasText: TO_VENDOR }).waitFor()

    // The case became public: confirmed, with a reference, and shown at once.
    await showCaseTab(page, 'summary')
    await status.getByRole('button', { name: 'Record public aware…' }).click()
    const confirm = page.getByRole('form', { name: 'Record public aware' })
    await confirm.getByText('It cannot be taken back.').waitFor()
    await confirm.getByLabel('Reference').fill(REFERENCE)
    await expectAccessible(page)
    await confirm.getByRole('button', { name: 'Yes, record public aware' }).click()
    await status.getByRole('status').getByText('Recorded: public aware.').waitFor()
    expect(await status.getByRole('list', { name: 'Case events' }).textContent()).toMatch(
      /Public aware since .+No public exploit yet/,
    )
    expect(await status.getByRole('button', { name: 'Record public aware…' }).count()).toBe(0)
    expect(await status.getByRole('button').allTextContents()).toEqual([
      'Record exploit public…',
      'Record attacks observed…',
    ])
    await showCaseTab(page, 'vendors')
    await expect
      .poll(() => participantRow(page, 'Fran Finder').getByRole('listitem').allInnerTexts())
      .toEqual(['– Vendor aware: not yet', '– Fix ready: not yet', '– Fix deployed: not yet'])

    // Only the moves the report-management table allows: the finder has accepted the report.
    const finderMoves = participantRow(page, 'Fran Finder').getByLabel('Report state move for Fran Finder')
    expect(await finderMoves.locator('option').allTextContents()).toEqual([
      'Move report state…',
      'Defer → On hold',
      'Close → Closed',
    ])

    // The vendor: receives the report, then is recorded as aware of it.
    const vendor = participantRow(page, 'Sendmail Consortium')
    expect(await vendor.getByRole('cell', { name: 'Not yet received' }).count()).toBe(1)
    const vendorMoves = vendor.getByLabel('Report state move for Sendmail Consortium')
    expect(await vendorMoves.locator('option').allTextContents()).toEqual(['Move report state…', 'Receive → Received'])
    await vendorMoves.selectOption({ label: 'Receive → Received' })
    await vendor.getByRole('button', { name: 'Move the report state of Sendmail Consortium' }).click()
    await page.getByText('Sendmail Consortium: now received.').waitFor()
    await vendor.getByRole('cell', { name: 'Received', exact: true }).waitFor()
    expect(await vendorMoves.locator('option').allTextContents()).toEqual([
      'Move report state…',
      'Validate → Confirmed as valid',
      'Invalidate → Judged not valid',
    ])
    await vendor.getByRole('button', { name: 'Record vendor aware for Sendmail Consortium' }).click()
    await vendor.getByRole('button', { name: 'Yes, record' }).click()
    await page.getByText('Sendmail Consortium: vendor aware recorded.').waitFor()
    expect(await vendor.getByRole('listitem').first().innerText()).toBe('✓ Vendor aware: yes')
    // Fix ready waits until the vendor accepts the report, so it is not offered yet.
    expect(await vendor.getByRole('button', { name: /^Record fix ready/ }).count()).toBe(0)
    await showCaseTab(page, 'ledger')
    const ledger = page.getByRole('list', { name: 'Ledger entries, newest first' })
    await ledger
      .getByRole('listitem')
      .first()
      .getByText('Casey Coordinator recorded that Sendmail Consortium knows of the vulnerability')
      .waitFor()
    await ledger
      .getByRole('listitem')
      .getByText(`Casey Coordinator recorded that the vulnerability is public; source: ${REFERENCE}`)
      .waitFor()
    await screenshot(page, 'case-coordinator')
  })

  test('a page left open is told when someone else recorded an event first; in a TLP:RED case messages start at RED', async () => {
    const admin = demoSignIns.find((s) => s.email === 'admin@lockstep.demo')!
    const context = await suite.newContext()
    await signInWithApi(context, admin.email, DEMO_PASSWORD, admin.totpSecret)
    const stale = await context.newPage()
    // Open pages follow changes live; this one has lost its stream (a proxy cut it), so it still
    // offers what was recorded meanwhile, and the server's refusal is what tells it.
    await stale.route('**/api/v1/events', (route) => route.abort())
    await stale.goto(`/cases/${DEMO_CASE}`)
    await expectPage(stale, DEMO_CASE_TITLE)
    const fresh = await context.newPage()
    await fresh.goto(`/cases/${DEMO_CASE}`)
    await expectPage(fresh, DEMO_CASE_TITLE)

    await fresh.getByRole('button', { name: 'Record attacks observed…' }).click()
    await fresh.getByRole('button', { name: 'Yes, record attacks observed' }).click()
    await fresh.getByText('Recorded: attacks observed.').waitFor()

    const status = stale.getByRole('region', { name: 'Case status' })
    await status.getByRole('button', { name: 'Record attacks observed…' }).click()
    await stale.getByRole('button', { name: 'Yes, record attacks observed' }).click()
    const refusal = status.getByRole('alert')
    await refusal.getByText(/Cannot record attacks observed: it was already recorded at/).waitFor()
    await expect
      .poll(() => status.getByRole('list', { name: 'Case events' }).textContent())
      .toMatch(/Public aware since .+No public exploit yet.*Attacks observed since/)
    await screenshot(stale, 'case-refused')
    expect(await status.getByRole('list', { name: 'Case events' }).textContent()).toContain('Attacks observed since')
    expect(await status.getByRole('button', { name: 'Record attacks observed…' }).count()).toBe(0)

    // A second case, TLP:RED, opened through the API from the demo's waiting report.
    const { csrfToken } = (await (await context.request.get('/api/v1/session')).json()) as { csrfToken: string }
    const headers = { 'x-csrf-token': csrfToken }
    const queue = (await (await context.request.get('/api/v1/reports?view=new')).json()) as {
      items: { id: string; title: string }[]
    }
    const waiting = queue.items.find((r) => r.title.startsWith('sendmail prescan()'))!
    expect(
      (
        await context.request.post(`/api/v1/reports/${waiting.id}/transitions`, {
          data: { event: 'validate' },
          headers,
        })
      ).status(),
    ).toBe(200)
    const opened = await context.request.post('/api/v1/cases', {
      data: { reportIds: [waiting.id], title: 'prescan() overflow', tlp: 'RED' },
      headers,
    })
    expect(opened.status()).toBe(201)
    const { caseNumber } = (await opened.json()) as { caseNumber: string }
    await fresh.goto(`/cases/${caseNumber}?thread=case`)
    await expectPage(fresh, 'prescan() overflow')
    const caseWide = fresh.getByRole('region', { name: 'Everyone in the case' })
    expect(await caseWide.getByLabel('Message TLP').inputValue()).toBe('RED')
    expect(await caseWide.getByLabel('File TLP').inputValue()).toBe('RED')
    expect(await caseWide.getByText('The case is TLP:RED.').count()).toBe(2)
  })

  test('the finder sees the case-wide message as unread and only its own private thread; so does the vendor', async () => {
    const context = await suite.newContext()
    await signInWithApi(context, 'finder@lockstep.demo', DEMO_PASSWORD)
    const page = await context.newPage()
    await page.goto('/cases')
    await expectPage(page, 'Cases')
    await page.getByRole('region', { name: 'Cases' }).getByRole('link', { name: DEMO_CASE }).click()
    await expectPage(page, DEMO_CASE_TITLE)
    await page
      .getByRole('region', { name: 'What changed since your last visit' })
      .getByText('This is your first visit to this case')
      .waitFor()

    // What the coordinator recorded, without the coordinator's controls.
    const status = page.getByRole('region', { name: 'Case status' })
    expect(await status.getByRole('list', { name: 'Case events' }).textContent()).toContain('Public aware since')
    expect(await status.getByRole('button').count()).toBe(0)
    await showCaseTab(page, 'vendors')
    await page.getByRole('region', { name: 'Participants' }).getByRole('table').waitFor()
    expect(
      await page
        .getByRole('region', { name: 'Participants' })
        .getByRole('link', { name: /^Message/ })
        .count(),
    ).toBe(0)
    expect(await page.getByRole('region', { name: 'Participants' }).getByRole('combobox').count()).toBe(0)
    // The ledger's entries are the staff's; its signed heads are everyone's in the case, to keep.
    await showCaseTab(page, 'ledger')
    await page.getByRole('link', { name: 'Download signed heads' }).waitFor()
    expect(await page.getByRole('heading', { name: 'Ledger', exact: true }).count()).toBe(0)

    // Its threads: the case-wide one and its own, each with one unread message; not the vendor's.
    await showCaseTab(page, 'threads')
    await threadItem(page, 'Everyone in the case').waitFor()
    const titles = await page.getByRole('list', { name: 'Threads' }).getByRole('link').allTextContents()
    expect(titles).toEqual(['Everyone in the case', 'Coordinator and Fran Finder'])
    expect(await threadItem(page, 'Everyone in the case').locator('.badge-unread').textContent()).toBe('1 unread')
    expect(await threadItem(page, 'Coordinator and Fran Finder').locator('.badge-unread').textContent()).toBe(
      '1 unread',
    )

    // Reading the case-wide thread shows the message with its label, and clears its badge.
    await page.getByRole('link', { name: 'Everyone in the case', exact: true }).click()
    const caseWide = page.getByRole('region', { name: 'Everyone in the case' })
    const message = caseWide.getByRole('listitem').filter({ hasText: CASE_WIDE_MESSAGE })
    await message.waitFor()
    expect(await message.locator('.tlp-badge').textContent()).toBe('TLP:GREEN')
    await expect.poll(() => threadItem(page, 'Everyone in the case').locator('.badge-unread').count()).toBe(0)
    expect(await threadItem(page, 'Coordinator and Fran Finder').locator('.badge-unread').count()).toBe(1)

    // Its private thread: the coordinator's question, and a reply labelled with the case's TLP.
    await page.getByRole('link', { name: 'Coordinator and Fran Finder', exact: true }).click()
    const own = page.getByRole('region', { name: 'Coordinator and Fran Finder' })
    await own.getByText(TO_FINDER).waitFor()
    expect(await own.getByLabel('Message TLP').inputValue()).toBe('AMBER')
    await own.getByLabel('Message in this private thread').fill('Yes, as soon as they are in the case.')
    await own.getByRole('button', { name: 'Send message' }).click()
    await own
      .getByRole('listitem')
      .filter({ hasText: 'as soon as they are in the case' })
      .getByText('Fran Finder')
      .waitFor()
    await expectAccessible(page)
    await screenshot(page, 'case-finder')

    // The vendor's private thread, even by its address, is not there for the finder.
    await page.goto(`/cases/${DEMO_CASE}?thread=${vendorParticipantId}`)
    await expectPage(page, DEMO_CASE_TITLE)
    await page.getByRole('heading', { name: 'Thread not found' }).waitFor()
    expect(await page.getByText(TO_VENDOR).count()).toBe(0)

    // The vendor, the other way round.
    const vendorContext = await suite.newContext()
    await signInWithApi(vendorContext, 'consortium@lockstep.demo', DEMO_PASSWORD)
    const vendor = await vendorContext.newPage()
    await openCaseTab(vendor, DEMO_CASE, 'threads')
    await expectPage(vendor, DEMO_CASE_TITLE)
    await threadItem(vendor, 'Everyone in the case').waitFor()
    expect(await vendor.getByRole('list', { name: 'Threads' }).getByRole('link').allTextContents()).toEqual([
      'Everyone in the case',
      'Coordinator and Sendmail Consortium',
    ])
    expect(await threadItem(vendor, 'Coordinator and Sendmail Consortium').locator('.badge-unread').textContent()).toBe(
      '1 unread',
    )
    await vendor.getByRole('link', { name: 'Coordinator and Sendmail Consortium', exact: true }).click()
    await vendor.getByRole('region', { name: 'Coordinator and Sendmail Consortium' }).getByText(TO_VENDOR).waitFor()
    expect(await vendor.getByText(TO_FINDER).count()).toBe(0)
  })

  test('back after a while, the finder sees what changed and downloads the file posted meanwhile', async () => {
    // Away for an hour: a visit ends once half an hour passes without a look at the case.
    const db = suite.server.database.db
    const finder = await db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'finder@lockstep.demo')
      .executeTakeFirstOrThrow()
    const demoCase = await db
      .selectFrom('cases')
      .select('id')
      .where('case_number', '=', DEMO_CASE)
      .executeTakeFirstOrThrow()
    const moved = await db
      .updateTable('case_visits')
      .set({ last_seen_at: new Date(Date.now() - 60 * 60 * 1000) })
      .where('user_id', '=', finder.id)
      .where('case_id', '=', demoCase.id)
      .executeTakeFirst()
    expect(Number(moved.numUpdatedRows)).toBe(1)

    // Meanwhile the coordinator writes to everyone and attaches the draft advisory.
    const page = await coordinatorHome()
    await page.goto(`/cases/${DEMO_CASE}?thread=case`)
    await expectPage(page, DEMO_CASE_TITLE)
    const caseWide = page.getByRole('region', { name: 'Everyone in the case' })
    await caseWide.getByLabel('Message to everyone in the case').fill(ADVISORY_MESSAGE)
    await caseWide.getByRole('button', { name: 'Send message' }).click()
    await caseWide.getByRole('status').getByText('Message sent.').waitFor()
    const attach = caseWide.getByRole('form', { name: 'Attach a file to this thread' })
    expect(await attach.getByLabel('File TLP').inputValue()).toBe('AMBER')
    await attach.getByRole('button', { name: 'Attach the file' }).click()
    expect(await fieldErrorOf(attach.getByLabel('File to attach'))).toContain('choose a file to send')
    await attach
      .getByLabel('File to attach')
      .setInputFiles({ name: 'advisory-draft.txt', mimeType: 'text/plain', buffer: ADVISORY })
    await attach.getByRole('button', { name: 'Attach the file' }).click()
    await attach.getByRole('status').getByText('Added advisory-draft.txt.').waitFor()
    const posted = caseWide
      .getByRole('region', { name: 'Files in this thread' })
      .getByRole('row')
      .filter({ hasText: 'advisory-draft.txt' })
    expect(await posted.textContent()).toContain('Casey Coordinator')
    expect(await posted.locator('.tlp-badge').textContent()).toBe('TLP:AMBER')
    // Among the newest entries (the mail the message set off may be recorded after it).
    await showCaseTab(page, 'ledger')
    await page
      .getByRole('list', { name: 'Ledger entries, newest first' })
      .getByRole('listitem')
      .filter({ hasText: 'Casey Coordinator attached advisory-draft.txt to “Everyone in the case” (TLP:AMBER)' })
      .waitFor()
    await expectAccessible(page)

    // The finder comes back: what changed, newest first, and the threads with new messages.
    const context = await suite.newContext()
    await signInWithApi(context, 'finder@lockstep.demo', DEMO_PASSWORD)
    const back = await context.newPage()
    await back.goto(`/cases/${DEMO_CASE}`)
    await expectPage(back, DEMO_CASE_TITLE)
    const changes = back.getByRole('region', { name: 'What changed since your last visit' })
    await changes.getByText(/^Since your last visit, which ended/).waitFor()
    const items = changes
      .getByRole('list', { name: 'Changes since your last visit, newest first' })
      .getByRole('listitem')
    expect(await items.first().textContent()).toContain(
      'Casey Coordinator posted the file advisory-draft.txt to “Everyone in the case” (TLP:AMBER).',
    )
    expect(await changes.textContent()).toContain('added Sendmail Consortium as vendor')
    expect(await changes.textContent()).toContain('took Olive Owner out of the case')
    // Not what was said or sent in someone else's private thread.
    expect(await changes.textContent()).not.toContain('Coordinator and Sendmail Consortium')
    await expectAccessible(back)
    await screenshot(back, 'case-changes')

    // The link opens the thread, where the file downloads as it was sent; the list stays put.
    const threads = changes.getByRole('list', { name: 'Threads with new messages' })
    expect(await threads.getByRole('link').allTextContents()).toContain('Everyone in the case')
    await threads.getByRole('link', { name: 'Everyone in the case' }).click()
    const thread = back.getByRole('region', { name: 'Everyone in the case' })
    await thread.getByText(ADVISORY_MESSAGE).waitFor()
    const got = await downloadBy(thread.getByRole('link', { name: 'Download advisory-draft.txt' }))
    expect(got.name).toBe('advisory-draft.txt')
    expect(got.content.equals(ADVISORY)).toBe(true)
    expect(await items.first().textContent()).toContain('posted the file advisory-draft.txt')
  })
})
