// Triage and cases end to end: a finder without an account reports; the demo coordinator finds
// the report in the queue, validates, scores and opens a case from it; the finder sees the new
// state (and the coordinator's message) through the private link. Also: the demo case with its
// participants, vendors' answers and ledger for staff, and a vendor who takes part in no case
// and cannot see it.
import path from 'node:path'
import { expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { demoSignIns } from '../../src/seed/demo.js'
import { makeMember, makeOrganization, PASSWORD } from '../support/factories.js'
import {
  DEMO_PASSWORD,
  describeInBrowser,
  expectAccessible,
  expectPage,
  fieldErrorOf,
  showCaseTab,
  signInAsDemoCoordinator,
  signInWithApi,
} from './support.js'

const TITLE = 'Heap overflow in the sendmail SMTP AUTH handler'
const DESCRIPTION = 'A long base64 AUTH PLAIN answer overflows a heap buffer in the SMTP server before authentication.'
const VECTOR = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'
const YEAR = new Date().getUTCFullYear()
const DEMO_CASE = `LS-${YEAR}-0001`
const DEMO_CASE_TITLE = 'Remote root in sendmail header processing'

/** With LOCKSTEP_SCREENSHOTS=<dir>, keeps a picture of the page for a person to look at. */
async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.LOCKSTEP_SCREENSHOTS
  if (dir) await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true })
}

describeInBrowser('triage and cases', (suite) => {
  test('a finder reports, the coordinator validates, scores and opens a case, and the finder sees it through the link', async () => {
    // The finder, without an account.
    const finder = await suite.newPage()
    await finder.goto('/report')
    await expectPage(finder, 'Report a vulnerability')
    await finder.getByRole('status').getByText('Ready to send.').waitFor({ timeout: 15_000 })
    await finder.getByLabel('Your e-mail address').fill('finder@example.test')
    await finder.getByLabel('Vendor', { exact: true }).fill('Sendmail Consortium')
    await finder.getByLabel('Product', { exact: true }).fill('sendmail')
    await finder.getByLabel('Title').fill(TITLE)
    await finder.getByLabel('Description').fill(DESCRIPTION)
    await finder.getByLabel('It is already public').check()
    await finder.getByLabel('Where it is public').fill('https://example.test/smtp-auth')
    await finder.getByRole('button', { name: 'Send report' }).click()
    await expectPage(finder, 'Report sent')
    const trackingId = (await finder.locator('.tracking-id').textContent()) ?? ''
    expect(trackingId).toMatch(/^LSR-\d{4}-\d{4}$/)
    const link = await finder.getByRole('textbox', { name: 'Follow-up link' }).inputValue()

    // The coordinator: the queue, oldest first, shows it among the new reports.
    const page = await suite.newPage()
    await signInAsDemoCoordinator(page)
    expect(
      await page
        .getByRole('region', { name: 'New reports, oldest first' })
        .getByRole('link', { name: trackingId })
        .count(),
    ).toBe(1)
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Triage' }).click()
    await expectPage(page, 'Triage')
    const queue = page.getByRole('region', { name: 'Triage queue' })
    const row = queue.getByRole('row').filter({ has: page.getByRole('link', { name: trackingId }) })
    await row.waitFor()
    expect(await row.textContent()).toContain('Received')
    expect(await row.textContent()).toContain('Unassigned')
    expect(await row.textContent()).toMatch(/just now|minute/)
    // All, by score: the scored demo report (9.8) comes before the unscored ones.
    await page.getByLabel('Show').selectOption({ label: 'All' })
    await page.getByLabel('Order').selectOption({ label: 'Highest CVSS first' })
    await expect.poll(() => new URL(page.url()).search).toBe('?view=all&sort=score')
    await expect.poll(async () => (await queue.getByRole('row').nth(1).textContent()) ?? '').toContain('9.8 Critical')
    await screenshot(page, 'triage-queue')
    await queue.getByRole('link', { name: trackingId }).click()
    const reportId = new URL(page.url()).pathname.split('/').at(-1)!

    // The report: what the finder sent, references kept at arm's length.
    await expectPage(page, TITLE)
    const reference = page.getByRole('link', { name: 'https://example.test/smtp-auth' })
    expect(await reference.getAttribute('rel')).toBe('noopener noreferrer nofollow')
    expect(await page.getByText(DESCRIPTION).count()).toBe(1)
    // Only the moves possible from Received.
    const state = page.getByRole('region', { name: 'State' })
    expect(await state.getByRole('button').allTextContents()).toEqual(['Validate', 'Invalidate'])
    await state.getByRole('button', { name: 'Invalidate' }).click()
    expect(await fieldErrorOf(page.getByLabel('Reason'))).toContain('is needed to invalidate')
    await page.getByLabel('Reason').fill('Reproduced on 8.12.7 with the finder’s proof of concept.')
    await state.getByRole('button', { name: 'Validate', exact: true }).click()
    await state.getByText('Now: Confirmed as valid.').waitFor()
    expect(await state.getByRole('button').allTextContents()).toEqual(['Accept without a case', 'Defer'])

    // Assign, then score.
    await page.getByRole('button', { name: 'Assign to me' }).click()
    await page.getByRole('region', { name: 'Assignee' }).getByText('Looked after by: You').waitFor()
    await page.getByLabel('CVSS vector').fill(VECTOR)
    await page.getByLabel('CWE').fill('CWE-122')
    const ssvc = {
      'Report public': 'yes',
      'Supplier contacted': 'no',
      'Report credibility': 'credible',
      'Supplier cardinality': 'multiple',
      'Supplier engagement': 'active',
      Utility: 'super effective',
      'Public safety impact': 'significant',
    }
    for (const [label, value] of Object.entries(ssvc)) await page.getByLabel(label, { exact: true }).selectOption(value)
    await page.getByRole('button', { name: 'Save scores' }).click()
    const scores = page.getByRole('region', { name: 'Scores' })
    await scores.getByText('Scores saved.').waitFor()
    expect(await scores.getByTestId('cvss-result').textContent()).toBe('9.8 Critical')
    expect(
      await scores
        .getByTestId('ssvc-path')
        .getByText(/^Coordinate because/)
        .count(),
    ).toBe(1)
    expect(
      await page
        .getByRole('region', { name: 'History' })
        .getByText(/scored the report: CVSS/)
        .count(),
    ).toBe(1)
    await expectAccessible(page)

    // A message to the reporter, labelled AMBER unless chosen otherwise.
    const messages = page.getByRole('region', { name: 'Messages with the reporter' })
    await messages.getByText('No messages yet').waitFor()
    expect(await page.getByLabel('Message TLP').inputValue()).toBe('AMBER')
    await page.getByRole('button', { name: 'Send message' }).click()
    expect(await fieldErrorOf(page.getByLabel('Message to the reporter'))).toContain('must not be empty')
    await page.getByLabel('Message to the reporter').fill('Thank you: we reproduced it and are reaching the vendors.')
    await page.getByRole('button', { name: 'Send message' }).click()
    await messages.getByRole('list', { name: 'Messages' }).getByText('we reproduced it').waitFor()
    expect(await messages.getByText('Casey Coordinator (coordinator)').count()).toBe(1)

    // Open a case: the title comes from the report, AMBER unless chosen otherwise.
    const openCase = page.getByRole('region', { name: 'Next step: open a case' })
    expect(await openCase.getByLabel('Case title').inputValue()).toBe(TITLE)
    expect(await openCase.getByLabel('TLP').inputValue()).toBe('AMBER')
    await openCase.getByLabel('Summary').fill('Pre-authentication heap overflow in SMTP AUTH.')
    await openCase.getByRole('button', { name: 'Open the case' }).click()
    await expectPage(page, TITLE)
    await expect.poll(() => new URL(page.url()).pathname).toMatch(new RegExp(`^/cases/LS-${YEAR}-\\d{4}/summary$`))
    const caseNumber = new URL(page.url()).pathname.split('/').at(-2)!
    expect(await page.locator('.eyebrow .case-number').textContent()).toBe(caseNumber)
    expect(await page.getByText('TLP:AMBER', { exact: true }).count()).toBe(1)
    expect(await page.getByRole('region', { name: 'Vulnerabilities' }).getByText('9.8 Critical').count()).toBe(1)
    expect(await page.getByRole('region', { name: 'Reports' }).getByRole('link', { name: trackingId }).count()).toBe(1)
    await showCaseTab(page, 'vendors')
    const participants = page.getByRole('region', { name: 'Participants' })
    await participants.getByRole('table').waitFor()
    expect(await participants.getByRole('cell', { name: 'Coordinator', exact: true }).count()).toBe(1)
    await showCaseTab(page, 'ledger')
    await page.getByText('Ledger intact.').waitFor()
    await screenshot(page, 'case-page')

    // The finder, through the link: the new state, and the message.
    await finder.goto(link)
    await expectPage(finder, 'Your report')
    await finder.locator('.report-facts').getByText('Being coordinated with the vendors', { exact: true }).waitFor()
    const thread = finder.getByRole('list', { name: 'Messages' })
    await thread.getByText('we reproduced it').waitFor()
    expect(await thread.getByText('Casey Coordinator (coordinator)').count()).toBe(1)
    expect(await thread.getByText('TLP:AMBER').count()).toBe(1)
    await finder.getByLabel('Your reply').fill('Glad to help. I can test a fix.')
    await finder.getByRole('button', { name: 'Send message' }).click()
    await thread.getByText('I can test a fix').waitFor()
    await finder.getByRole('status').getByText('Message sent.').waitFor()
    await expectAccessible(finder)

    // The coordinator sees the reply on the report.
    await page.goto(`/reports/${reportId}`)
    await expectPage(page, TITLE)
    await page.getByRole('region', { name: 'Messages with the reporter' }).getByText('I can test a fix').waitFor()
  })

  test('the demo case shows staff its participants, case status legend and ledger, newest first', async () => {
    // The admin, not the coordinator: the journey above used the coordinator's current code.
    const admin = demoSignIns.find((s) => s.email === 'admin@lockstep.demo')!
    const context = await suite.newContext()
    await signInWithApi(context, admin.email, DEMO_PASSWORD, admin.totpSecret)
    const page = await context.newPage()
    await page.goto('/')
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cases' }).click()
    await expectPage(page, 'Cases')
    await page.getByRole('region', { name: 'Cases' }).getByRole('link', { name: DEMO_CASE }).click()
    await expectPage(page, DEMO_CASE_TITLE)
    expect(await page.getByText('TLP:AMBER', { exact: true }).count()).toBe(1)
    await showCaseTab(page, 'vendors')
    const participants = page.getByRole('region', { name: 'Participants' })
    await participants.getByRole('table').waitFor()
    expect(await participants.getByRole('rowheader', { name: 'Fran Finder' }).count()).toBe(1)
    expect(await participants.getByRole('cell', { name: 'Finder', exact: true }).count()).toBe(1)
    expect(await participants.getByText('Accepted for coordination').count()).toBeGreaterThan(0)
    expect(await page.getByText('fix deployed').count()).toBeGreaterThan(0)

    // The vendors answered as the 2003 record has it: 20 vulnerable and 5 not so far, 23 silent.
    const vendors = page.getByRole('region', { name: 'Vendors', exact: true })
    await vendors.getByRole('region', { name: 'Vendor table' }).waitFor()
    expect(await vendors.getByRole('button', { name: /^Statement given/ }).textContent()).toBe('Statement given 25')
    expect(await vendors.getByRole('button', { name: /^Notified, no response yet/ }).textContent()).toBe(
      'Notified, no response yet 20',
    )
    expect(await vendors.getByRole('button', { name: /^Seen, no reply yet/ }).textContent()).toBe(
      'Seen, no reply yet 3',
    )
    expect(await vendors.getByRole('img', { name: /^Time to respond/ }).getAttribute('aria-label')).toContain(
      'no response yet: 23',
    )
    expect(await participants.getByRole('rowheader', { name: 'Red Hat' }).count()).toBe(1)
    await showCaseTab(page, 'ledger')
    await page.getByText('Ledger intact.').waitFor()

    // The ledger tells the story in order, from the case's opening three weeks ago.
    const entries = page.getByRole('list', { name: 'Ledger entries, newest first' }).getByRole('listitem')
    // It comes a page at a time: the older pages, until the first entry.
    const older = page.getByRole('button', { name: 'Show older entries' })
    while ((await older.count()) > 0) {
      const shown = await entries.count()
      await older.click()
      await expect.poll(() => entries.count()).toBeGreaterThan(shown)
    }
    // Every vendor of the record told before the release (the five told after publication come a
    // minute after it): 48 notices.
    expect(await entries.filter({ hasText: /notified .+ \(\d+ recipients?\)/ }).count()).toBe(48)
    expect(await entries.filter({ hasText: 'gave the statement of SGI' }).count()).toBe(1)
    // The demo's critical owner was pre-noticed at the first start, under TLP:AMBER.
    const preNoticed = entries.filter({ hasText: /^Lockstep warned/ })
    expect(await preNoticed.count()).toBe(1)
    expect(await preNoticed.textContent()).toMatch(
      /1 owner \(Example Power & Light\) ahead of the release at \d{1,2} \w{3,4} \d{4}, \d\d:\d\d \(UTC\) \(1 affected component, TLP:AMBER\)/,
    )
    const last = (await entries.last().textContent()) ?? ''
    expect(last).toContain(`Casey Coordinator opened case ${DEMO_CASE}`)
    await screenshot(page, 'demo-case')
  })

  test('a vendor outside every case sees no cases, and the demo case is not found for them', async () => {
    // Every demo vendor takes part in the demo case by now: a vendor that joined the directory later.
    const org = await makeOrganization(suite.server.database.db, { name: 'Late Mail Systems', kind: 'vendor' })
    const member = await makeMember(suite.server.database.db, org, 'admin', { name: 'Lee Late' })
    const context = await suite.newContext()
    await signInWithApi(context, member.email, PASSWORD)
    const page = await context.newPage()
    await page.goto('/')
    await expectPage(page, 'Welcome, Lee Late')
    expect(await page.getByRole('heading', { name: 'Your cases' }).count()).toBe(1)
    expect(await page.getByText('No cases yet.').count()).toBe(1)
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Triage' }).count()).toBe(0)
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cases' }).click()
    await expectPage(page, 'Cases')
    expect(await page.getByText('No cases yet.').count()).toBe(1)
    await page.goto(`/cases/${DEMO_CASE}`)
    await expectPage(page, 'Page not found')
    await page.goto('/triage')
    await expectPage(page, 'Triage')
    expect(await page.getByRole('alert').getByText('The triage queue is for coordinators.').count()).toBe(1)
  })
})
