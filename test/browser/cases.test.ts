// The case page, as its people use it: the demo coordinator writes in the case-wide thread and in
// private threads (with TLP labels), records that the case is public and moves a vendor along;
// a page left open that records what someone else already recorded is told so in words; then the
// finder and the vendor each see the case-wide message as unread and only their own private
// thread. The tests run in order and tell one story: the later ones read what the first wrote.
import path from 'node:path'
import { expect, test, beforeAll } from 'vitest'
import type { Page } from 'playwright-core'
import { demoSignIns } from '../../src/seed/demo.js'
import { DEMO_PASSWORD, describeInBrowser, expectAccessible, expectPage, signInWithApi, signInWithForm } from './support.js'

const YEAR = new Date().getUTCFullYear()
const DEMO_CASE = `LS-${YEAR}-0001`
const DEMO_CASE_TITLE = 'Remote root in sendmail header processing'
const CASE_WIDE_MESSAGE = 'Vendors are being reached quietly; please keep the details within your teams.'
const TO_FINDER = 'Could you share your proof of concept with the vendors once they join?'
const TO_VENDOR = 'Are you the right contact for sendmail security issues?'
const REFERENCE = 'https://example.test/sendmail-advisory'

/** With LOCKSTEP_SCREENSHOTS=<dir>, keeps a picture of the page for a person to look at. */
async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.LOCKSTEP_SCREENSHOTS
  if (dir) await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true })
}

describeInBrowser('the case page: threads and case status', (suite) => {
  /** The demo case's vendor participant: the demo opens the case with its finder only. */
  let vendorParticipantId = ''

  beforeAll(async () => {
    // No page adds a vendor to a case yet, so the story starts with one added directly.
    const db = suite.server.database.db
    const demoCase = await db.selectFrom('cases').select('id').where('case_number', '=', DEMO_CASE).executeTakeFirstOrThrow()
    const consortium = await db.selectFrom('organizations').select('id').where('slug', '=', 'sendmail-consortium').executeTakeFirstOrThrow()
    const added = await db.insertInto('participants').values({ case_id: demoCase.id, organization_id: consortium.id, roles: ['vendor'], rm_state: 'start' }).returning('id').executeTakeFirstOrThrow()
    vendorParticipantId = added.id
  })

  async function signInAsCoordinator(page: Page): Promise<void> {
    await signInWithForm(page, 'coordinator@lockstep.demo', DEMO_PASSWORD)
    await expectPage(page, 'Confirm it’s you')
    await page.getByText(/Demo: the current code is/).waitFor()
    await page.getByRole('button', { name: 'Fill in the demo code' }).click()
    await page.getByRole('button', { name: 'Verify code' }).click()
    await expectPage(page, 'Welcome, Casey Coordinator')
  }

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

  test('the coordinator writes to everyone and privately, records the case public and moves a vendor along', async () => {
    const page = await suite.newPage()
    await signInAsCoordinator(page)
    await page.getByRole('region', { name: 'Cases' }).getByRole('link', { name: DEMO_CASE }).click()
    await expectPage(page, DEMO_CASE_TITLE)

    // Nothing has happened to the case yet.
    const status = page.getByRole('region', { name: 'Case status' })
    expect(await status.locator('.cs-vector').textContent()).toBe('pxa')
    expect(await status.getByRole('list', { name: 'Case events' }).textContent()).toContain('Not public yet')

    // The case-wide thread: labelled with the case's TLP unless chosen otherwise; GREEN here.
    await threadItem(page, 'Everyone in the case').getByText('No messages yet').waitFor()
    await page.getByRole('link', { name: 'Everyone in the case', exact: true }).click()
    const caseWide = page.getByRole('region', { name: 'Everyone in the case' })
    await caseWide.getByText('Who reads it: everyone who takes part in the case.').waitFor()
    await caseWide.getByText('No messages yet').waitFor()
    expect(await caseWide.getByLabel('Message TLP').inputValue()).toBe('AMBER')
    await caseWide.getByLabel('Message TLP').selectOption('GREEN')
    await caseWide.getByLabel('Message to everyone in the case').fill(CASE_WIDE_MESSAGE)
    await caseWide.getByRole('button', { name: 'Send message' }).click()
    const sent = caseWide.getByRole('list', { name: 'Messages' }).getByRole('listitem').filter({ hasText: CASE_WIDE_MESSAGE })
    await sent.waitFor()
    expect(await sent.locator('.tlp-badge').textContent()).toBe('TLP:GREEN')
    expect(await sent.textContent()).toContain('Casey Coordinator')
    await caseWide.getByRole('status').getByText('Message sent.').waitFor()
    await threadItem(page, 'Everyone in the case').getByText(/^Last message/).waitFor()
    await expectAccessible(page)

    // The finder's private thread, opened from the participants table before anything was said.
    expect(await participantRow(page, 'National Infrastructure Protection Center').getByRole('link', { name: /^Message/ }).count()).toBe(0)
    await participantRow(page, 'Fran Finder').getByRole('link', { name: 'Message Fran Finder' }).click()
    const withFinder = page.getByRole('region', { name: 'Coordinator and Fran Finder' })
    await withFinder.getByText('Who reads it: only the coordinators and Fran Finder.').waitFor()
    await withFinder.getByText('No messages yet').waitFor()
    expect(await threadItem(page, 'Coordinator and Fran Finder').getByRole('link').getAttribute('aria-current')).toBe('true')
    await withFinder.getByLabel('Message in this private thread').fill(TO_FINDER)
    await withFinder.getByRole('button', { name: 'Send message' }).click()
    const toFinder = withFinder.getByRole('listitem').filter({ hasText: TO_FINDER })
    await toFinder.waitFor()
    expect(await toFinder.locator('.tlp-badge').textContent()).toBe('TLP:AMBER')

    // And the vendor's.
    await participantRow(page, 'Sendmail Consortium').getByRole('link', { name: 'Message Sendmail Consortium' }).click()
    const withVendor = page.getByRole('region', { name: 'Coordinator and Sendmail Consortium' })
    await withVendor.getByLabel('Message in this private thread').fill(TO_VENDOR)
    await withVendor.getByRole('button', { name: 'Send message' }).click()
    await withVendor.getByRole('listitem').filter({ hasText: TO_VENDOR }).waitFor()

    // The case became public: confirmed, with a reference, and shown at once.
    await status.getByRole('button', { name: 'Record public aware…' }).click()
    const confirm = page.getByRole('form', { name: 'Record public aware' })
    await confirm.getByText('It cannot be taken back.').waitFor()
    await confirm.getByLabel('Reference').fill(REFERENCE)
    await expectAccessible(page)
    await confirm.getByRole('button', { name: 'Yes, record public aware' }).click()
    await status.getByRole('status').getByText('Recorded: public aware.').waitFor()
    expect(await status.locator('.cs-vector').textContent()).toBe('Pxa')
    expect(await status.getByRole('list', { name: 'Case events' }).textContent()).toMatch(/Public aware since .+No public exploit yet/)
    expect(await status.getByRole('button', { name: 'Record public aware…' }).count()).toBe(0)
    expect(await status.getByRole('button').allTextContents()).toEqual(['Record exploit public…', 'Record attacks observed…'])
    expect(await participantRow(page, 'Fran Finder').locator('.cs-vector').textContent()).toBe('vfdPxa')
    const ledger = page.getByRole('list', { name: 'Ledger entries, newest first' })
    await ledger.getByRole('listitem').first().getByText(`public aware · ${REFERENCE}`).waitFor()

    // Only the moves the report-management table allows: the finder has accepted the report.
    const finderMoves = participantRow(page, 'Fran Finder').getByLabel('Report state move for Fran Finder')
    expect(await finderMoves.locator('option').allTextContents()).toEqual(['Move report state…', 'Defer → On hold', 'Close → Closed'])

    // The vendor: receives the report, then is recorded as aware of it.
    const vendor = participantRow(page, 'Sendmail Consortium')
    expect(await vendor.getByRole('cell', { name: 'Not yet received' }).count()).toBe(1)
    const vendorMoves = vendor.getByLabel('Report state move for Sendmail Consortium')
    expect(await vendorMoves.locator('option').allTextContents()).toEqual(['Move report state…', 'Receive → Received'])
    await vendorMoves.selectOption({ label: 'Receive → Received' })
    await vendor.getByRole('button', { name: 'Move the report state of Sendmail Consortium' }).click()
    await page.getByText('Sendmail Consortium: now received.').waitFor()
    await vendor.getByRole('cell', { name: 'Received', exact: true }).waitFor()
    expect(await vendorMoves.locator('option').allTextContents()).toEqual(['Move report state…', 'Validate → Confirmed as valid', 'Invalidate → Judged not valid'])
    await vendor.getByRole('button', { name: 'Record vendor aware for Sendmail Consortium' }).click()
    await vendor.getByRole('button', { name: 'Yes, record' }).click()
    await page.getByText('Sendmail Consortium: vendor aware recorded.').waitFor()
    expect(await vendor.locator('.cs-vector').textContent()).toBe('VfdPxa')
    // Fix ready waits until the vendor accepts the report, so it is not offered yet.
    expect(await vendor.getByRole('button', { name: /^Record fix ready/ }).count()).toBe(0)
    await ledger.getByRole('listitem').first().getByText('Sendmail Consortium: vendor aware').waitFor()
    await screenshot(page, 'case-coordinator')
  })

  test('a page left open is told when someone else recorded an event first; in a TLP:RED case messages start at RED', async () => {
    const admin = demoSignIns.find((s) => s.email === 'admin@lockstep.demo')!
    const context = await suite.newContext()
    await signInWithApi(context, admin.email, DEMO_PASSWORD, admin.totpSecret)
    const stale = await context.newPage()
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
    await expect.poll(() => status.locator('.cs-vector').textContent()).toBe('PxA')
    await screenshot(stale, 'case-refused')
    expect(await status.getByRole('list', { name: 'Case events' }).textContent()).toContain('Attacks observed since')
    expect(await status.getByRole('button', { name: 'Record attacks observed…' }).count()).toBe(0)

    // A second case, TLP:RED, opened through the API from the demo's waiting report.
    const { csrfToken } = (await (await context.request.get('/api/v1/session')).json()) as { csrfToken: string }
    const headers = { 'x-csrf-token': csrfToken }
    const queue = (await (await context.request.get('/api/v1/reports?view=new')).json()) as { items: { id: string; title: string }[] }
    const waiting = queue.items.find((r) => r.title.startsWith('sendmail prescan()'))!
    expect((await context.request.post(`/api/v1/reports/${waiting.id}/transitions`, { data: { event: 'validate' }, headers })).status()).toBe(200)
    const opened = await context.request.post('/api/v1/cases', { data: { reportIds: [waiting.id], title: 'prescan() overflow', tlp: 'RED' }, headers })
    expect(opened.status()).toBe(201)
    const { caseNumber } = (await opened.json()) as { caseNumber: string }
    await fresh.goto(`/cases/${caseNumber}?thread=case`)
    await expectPage(fresh, 'prescan() overflow')
    const caseWide = fresh.getByRole('region', { name: 'Everyone in the case' })
    expect(await caseWide.getByLabel('Message TLP').inputValue()).toBe('RED')
    await caseWide.getByText('The case is TLP:RED.').waitFor()
  })

  test('the finder sees the case-wide message as unread and only its own private thread; so does the vendor', async () => {
    const context = await suite.newContext()
    await signInWithApi(context, 'finder@lockstep.demo', DEMO_PASSWORD)
    const page = await context.newPage()
    await page.goto('/cases')
    await expectPage(page, 'Cases')
    await page.getByRole('region', { name: 'Cases' }).getByRole('link', { name: DEMO_CASE }).click()
    await expectPage(page, DEMO_CASE_TITLE)

    // What the coordinator recorded, without the coordinator's controls.
    const status = page.getByRole('region', { name: 'Case status' })
    expect(await status.getByRole('list', { name: 'Case events' }).textContent()).toContain('Public aware since')
    expect(await status.getByRole('button').count()).toBe(0)
    expect(await page.getByRole('region', { name: 'Participants' }).getByRole('link', { name: /^Message/ }).count()).toBe(0)
    expect(await page.getByRole('region', { name: 'Participants' }).getByRole('combobox').count()).toBe(0)
    expect(await page.getByRole('heading', { name: 'Ledger' }).count()).toBe(0)

    // Its threads: the case-wide one and its own, each with one unread message; not the vendor's.
    const titles = await page.getByRole('list', { name: 'Threads' }).getByRole('link').allTextContents()
    expect(titles).toEqual(['Everyone in the case', 'Coordinator and Fran Finder'])
    expect(await threadItem(page, 'Everyone in the case').locator('.badge-unread').textContent()).toBe('1 unread')
    expect(await threadItem(page, 'Coordinator and Fran Finder').locator('.badge-unread').textContent()).toBe('1 unread')

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
    await own.getByRole('listitem').filter({ hasText: 'as soon as they are in the case' }).getByText('Fran Finder').waitFor()
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
    await vendor.goto(`/cases/${DEMO_CASE}`)
    await expectPage(vendor, DEMO_CASE_TITLE)
    expect(await vendor.getByRole('list', { name: 'Threads' }).getByRole('link').allTextContents()).toEqual(['Everyone in the case', 'Coordinator and Sendmail Consortium'])
    expect(await threadItem(vendor, 'Coordinator and Sendmail Consortium').locator('.badge-unread').textContent()).toBe('1 unread')
    await vendor.getByRole('link', { name: 'Coordinator and Sendmail Consortium', exact: true }).click()
    await vendor.getByRole('region', { name: 'Coordinator and Sendmail Consortium' }).getByText(TO_VENDOR).waitFor()
    expect(await vendor.getByText(TO_FINDER).count()).toBe(0)
  })
})
