// The embargo and the advisory, as the coordinator and a vendor click through them on a fresh
// copy of the demo case: the coordinator notifies a vendor and proposes an end 20 days ahead in
// New York time (one in the past is refused beside the date); the vendor, who reads times in
// Berlin, sees it in its own zone, comments on the draft and counter-proposes 25 days; the
// coordinator agrees, and the embargo is in force with its instant and a countdown. Then the
// advisory: a reference that is not a web address refused beside it, the overview edited as
// version 2 and compared with version 1, a CVE ID asked for when none is left, the release at
// once with a reason and a revision after it; the public page shows the title and the vendor's
// statement. On
// a second fresh case, an embargo agreed to end half a minute later releases the advisory by
// itself: its public page answers 404 until the instant and 200 after. The tests run in order and
// tell one story. The time-zone helper the proposal form relies on is checked first, in node.
import path from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import type { BrowserContext, Locator, Page } from 'playwright-core'
import { DEMO_REPORT_TITLE } from '../../src/seed/demoCase.js'
import { localInputValue, zonedInstant } from '../../web/src/pages/cases/embargo/zonedInstant.js'
import { makeMember, makeOrganization, PASSWORD } from '../support/factories.js'
import {
  describeInBrowser,
  expectAccessible,
  expectPage,
  fieldErrorOf,
  openFreshSendmailCase,
  signInWithForm,
  demoCoordinatorSession,
  openCaseTab,
  showCaseTab,
} from './support.js'

const DAY = 24 * 60 * 60 * 1000
const CASE_TITLE = 'Remote root in sendmail header processing'
const VENDOR = 'Mailwright Packagers'
const VENDOR_MEMBER = 'Val Vendor'
const NEW_YORK = 'America/New_York'
const BERLIN = 'Europe/Berlin'

/** The page's long form of an instant: "Monday 3 March 2003, 12:00 (America/New_York)". */
function long(instant: Date, zone: string): string {
  const p: Record<string, string> = {}
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
  for (const part of format.formatToParts(instant)) p[part.type] = part.value
  return `${p.weekday} ${p.day} ${p.month} ${p.year}, ${p.hour}:${p.minute} (${zone})`
}

/** With LOCKSTEP_SCREENSHOTS=<dir>, keeps a picture of the page (or a part) for a person to look at. */
async function screenshot(page: Page, name: string, part?: Locator): Promise<void> {
  const dir = process.env.LOCKSTEP_SCREENSHOTS
  if (!dir) return
  if (part) await part.screenshot({ path: path.join(dir, `${name}.png`) })
  else await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true })
}

/** A datetime-local value `days` from now at `time` on the wall clock of `zone`. */
const daysAhead = (days: number, zone: string, time: string) =>
  `${localInputValue(new Date(Date.now() + days * DAY), zone).slice(0, 10)}T${time}`

describe('zonedInstant: a local date and time in a zone, as one instant', () => {
  test('gives the offset in force at that date, daylight saving included', () => {
    expect(zonedInstant('2003-03-03T12:00', NEW_YORK)).toMatchObject({
      ok: true,
      iso: '2003-03-03T12:00:00-05:00',
      ambiguous: false,
    })
    expect(zonedInstant('2026-07-01T09:30', BERLIN)).toMatchObject({ ok: true, iso: '2026-07-01T09:30:00+02:00' })
    expect(zonedInstant('2026-01-01T09:30', BERLIN)).toMatchObject({ ok: true, iso: '2026-01-01T09:30:00+01:00' })
    expect(zonedInstant('2026-05-01T10:00', 'Asia/Kolkata')).toMatchObject({
      ok: true,
      iso: '2026-05-01T10:00:00+05:30',
    })
    expect(zonedInstant('2026-01-01T00:00', 'Pacific/Chatham')).toMatchObject({
      ok: true,
      iso: '2026-01-01T00:00:00+13:45',
    })
    expect(zonedInstant('2026-06-01T12:00:30', 'UTC')).toMatchObject({ ok: true, iso: '2026-06-01T12:00:30+00:00' })
    const r = zonedInstant('2003-03-03T12:00', NEW_YORK)
    expect(r.ok && r.instant.toISOString()).toBe('2003-03-03T17:00:00.000Z')
  })

  test('refuses a time the clocks skip, takes the first of a time that happens twice, and names what is wrong', () => {
    expect(zonedInstant('2026-03-08T02:30', NEW_YORK)).toMatchObject({
      ok: false,
      field: 'local',
      message: expect.stringContaining('does not exist in America/New_York'),
    })
    expect(zonedInstant('2026-11-01T01:30', NEW_YORK)).toMatchObject({
      ok: true,
      iso: '2026-11-01T01:30:00-04:00',
      ambiguous: true,
    })
    expect(zonedInstant('2026-02-30T10:00', 'UTC')).toMatchObject({
      ok: false,
      field: 'local',
      message: 'is not a real date and time',
    })
    expect(zonedInstant('2026-02-03', 'UTC')).toMatchObject({ ok: false, field: 'local' })
    expect(zonedInstant('2026-02-03T10:00', 'Mars/Olympus_Mons')).toMatchObject({ ok: false, field: 'timeZone' })
  })

  test('goes back to the wall clock of any zone', () => {
    expect(localInputValue('2003-03-03T17:00:00Z', NEW_YORK)).toBe('2003-03-03T12:00')
    expect(localInputValue('2003-03-03T17:00:00Z', 'Asia/Kolkata')).toBe('2003-03-03T22:30')
    for (const zone of [NEW_YORK, BERLIN, 'Australia/Sydney', 'UTC']) {
      const now = new Date(Math.floor(Date.now() / 60_000) * 60_000)
      const back = zonedInstant(localInputValue(now, zone), zone)
      expect(back.ok && back.instant.getTime()).toBe(now.getTime())
    }
  })
})

describeInBrowser('embargo and advisory: agreeing the date, drafting, releasing', (suite) => {
  let CASE = ''
  let caseId = ''
  let vendorEmail = ''
  let vendorOrganizationId = ''
  /** The instant of each proposal, as the form should send it. */
  let firstEnd = new Date(0)
  let counterEnd = new Date(0)

  beforeAll(async () => {
    CASE = await openFreshSendmailCase(suite)
    const db = suite.server.database.db
    caseId = (await db.selectFrom('cases').select('id').where('case_number', '=', CASE).executeTakeFirstOrThrow()).id
    const organization = await makeOrganization(db, { name: VENDOR, kind: 'vendor' })
    const member = await makeMember(db, organization, 'admin', { name: VENDOR_MEMBER })
    vendorEmail = member.email
    // The vendor reads times in Berlin; the coordinator's account keeps UTC.
    await db.updateTable('users').set({ time_zone: BERLIN }).where('id', '=', member.id).execute()
    vendorOrganizationId = organization.id
  })

  /** The coordinator's home page; signed in once (a TOTP code is accepted once), the session reused. */
  const coordinatorPage = demoCoordinatorSession(suite)

  async function vendorPage(): Promise<Page> {
    const page = await (await suite.newContext()).newPage()
    await signInWithForm(page, vendorEmail, PASSWORD)
    await expectPage(page, `Welcome, ${VENDOR_MEMBER}`)
    return page
  }

  /** Calls the API with the page's session, as the UI does (CSRF header on writes). */
  async function apiCall<T>(
    page: Page,
    method: 'GET' | 'POST',
    path: string,
    data?: unknown,
    status = method === 'GET' ? 200 : 201,
  ): Promise<T> {
    const { csrfToken } = (await (await page.request.get('/api/v1/session')).json()) as { csrfToken: string }
    const response =
      method === 'GET'
        ? await page.request.get(`/api/v1${path}`)
        : await page.request.post(`/api/v1${path}`, { data, headers: { 'x-csrf-token': csrfToken } })
    expect(response.status(), await response.text()).toBe(status)
    return (await response.json()) as T
  }

  async function openCase(page: Page, tab: 'embargo' | 'advisory', caseNumber = CASE): Promise<void> {
    await openCaseTab(page, caseNumber, tab)
    await expectPage(page, CASE_TITLE)
  }

  const embargoOf = (page: Page) => page.getByRole('region', { name: 'Embargo', exact: true })
  const advisoryOf = (page: Page) => page.getByRole('region', { name: 'Advisory', exact: true })
  const answerRow = (page: Page, party: string | RegExp) =>
    embargoOf(page)
      .getByRole('region', { name: /^Answers to the / })
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: party }) })

  test('the coordinator proposes an end in New York time, after one in the past is refused beside the date', async () => {
    const page = await coordinatorPage()
    await apiCall(page, 'POST', `/cases/${caseId}/vendors/notify`, { organizationIds: [vendorOrganizationId] }, 200)
    await openCase(page, 'embargo')
    const embargo = embargoOf(page)
    await embargo.getByText('No embargo.', { exact: true }).waitFor()

    await embargo.getByRole('button', { name: 'Propose an end' }).click()
    const form = embargo.getByRole('form', { name: 'Propose an end' })
    // The coordinator's own zone is chosen first.
    expect(await form.getByLabel('Time zone').inputValue()).toBe('UTC')
    await form.getByLabel('Time zone').selectOption(NEW_YORK)
    await form.getByLabel('Embargo ends').fill(daysAhead(-1, NEW_YORK, '12:00'))
    await form.getByRole('button', { name: 'Propose this end' }).click()
    expect(await fieldErrorOf(form.getByLabel('Embargo ends'))).toContain('is in the past')
    await expectAccessible(page)
    await screenshot(page, 'embargo-refused', embargoOf(page))

    const local = daysAhead(20, NEW_YORK, '12:00')
    const expected = zonedInstant(local, NEW_YORK)
    if (!expected.ok) throw new Error(expected.message)
    firstEnd = expected.instant
    await form.getByLabel('Embargo ends').fill(local)
    // What the typed time is, as the viewer reads it, before sending.
    await form.getByText(`That is ${long(firstEnd, 'UTC')}`).waitFor()
    await form.getByLabel('Reason').fill('The vendor needs three weeks for a fix.')
    await form.getByRole('button', { name: 'Propose this end' }).click()
    await embargo.getByRole('status').getByText('Propose an end: done. The parties are asked to answer.').waitFor()

    const proposal = embargo.getByRole('article', { name: 'Proposal on the table' })
    const text = (await proposal.textContent()) ?? ''
    expect(text).toContain(long(firstEnd, 'UTC'))
    expect(text).toContain(`${long(firstEnd, NEW_YORK)}, as proposed`)
    expect(text).toContain('The vendor needs three weeks for a fix.')
    expect(await proposal.getByRole('timer').textContent()).toMatch(/^in (19|20|21) days$/)
    await answerRow(page, VENDOR).getByText('Asked, no answer yet').waitFor()
    // The coordinator's own party agreed by proposing.
    await answerRow(page, /\(yours\)$/)
      .getByText('Agreed', { exact: true })
      .waitFor()
    expect(await page.locator('.embargo-summary').textContent()).toBe('Embargo proposed')
    await expectAccessible(page)
    await screenshot(page, 'embargo-proposed', embargoOf(page))

    // The coordinator's first look at the advisory tab opens the draft the parties review.
    await showCaseTab(page, 'advisory')
    await advisoryOf(page)
      .getByText(/Draft, version 1\./)
      .waitFor()
  })

  test('the vendor sees the proposal in its own zone, comments on the draft and counter-proposes 25 days in Berlin time', async () => {
    const page = await vendorPage()
    await openCase(page, 'embargo')
    const embargo = embargoOf(page)
    const proposal = embargo.getByRole('article', { name: 'Proposal on the table' })
    const text = (await proposal.textContent()) ?? ''
    expect(text).toContain(long(firstEnd, BERLIN))
    expect(text).toContain(`${long(firstEnd, NEW_YORK)}, as proposed`)
    expect(text).toContain(long(firstEnd, 'UTC'))
    await answerRow(page, `${VENDOR} (yours)`).getByText('Asked, no answer yet').waitFor()
    expect(await proposal.getByText('Your answer: Asked, no answer yet.').count()).toBe(1)
    expect(await proposal.getByRole('button', { name: 'Reject…' }).count()).toBe(0)

    // The draft, read-only, and a comment on it.
    await showCaseTab(page, 'advisory')
    const advisory = advisoryOf(page)
    await advisory.getByText(/Draft, version 1\./).waitFor()
    expect(await advisory.getByRole('button', { name: 'Edit the draft' }).count()).toBe(0)
    await advisory.getByLabel('Your comment').fill('Please name our fixed version, 8.12.8, in the overview.')
    await advisory.getByRole('button', { name: 'Send the comment' }).click()
    await advisory.getByRole('status').getByText('Your comment on version 1 is sent to the coordinators.').waitFor()
    await advisory.getByText('Please name our fixed version, 8.12.8, in the overview.').waitFor()

    // Its statement, through the API (the statement form has its own test): published at release once approved.
    const detail = await apiCall<{ vulnerabilities: { id: string }[] }>(page, 'GET', `/cases/${caseId}`)
    await apiCall(page, 'POST', `/cases/${caseId}/vulnerabilities/${detail.vulnerabilities[0]!.id}/statements`, {
      status: 'fixed',
      fixedVersions: ['8.12.8'],
      remediation: 'Upgrade to 8.12.8.',
      shareable: true,
    })

    await showCaseTab(page, 'embargo')
    await embargo.getByRole('button', { name: 'Counter-propose' }).click()
    const form = embargo.getByRole('form', { name: 'Counter-propose' })
    expect(await form.getByLabel('Time zone').inputValue()).toBe(BERLIN)
    // It starts from the proposal on the table, on the vendor's clock.
    expect(await form.getByLabel('Embargo ends').inputValue()).toBe(localInputValue(firstEnd, BERLIN))
    const local = daysAhead(25, BERLIN, '09:00')
    const expected = zonedInstant(local, BERLIN)
    if (!expected.ok) throw new Error(expected.message)
    counterEnd = expected.instant
    await form.getByLabel('Embargo ends').fill(local)
    await form.getByLabel('Reason').fill('Our release train leaves on that day.')
    await form.getByRole('button', { name: 'Counter-propose this end' }).click()
    await embargo.getByRole('status').getByText('Counter-propose: done. The parties are asked to answer.').waitFor()

    const counter = embargo.getByRole('article', { name: 'Proposal on the table' })
    await counter.getByText(`${VENDOR} (you)`, { exact: false }).waitFor()
    expect(await counter.textContent()).toContain(long(counterEnd, BERLIN))
    await answerRow(page, `${VENDOR} (yours)`).getByText('Agreed', { exact: true }).waitFor()
    const history = embargo.getByRole('list', { name: 'History of proposals' })
    expect(await history.getByRole('listitem').first().textContent()).toContain('Countered')
    await expectAccessible(page)
    await screenshot(page, 'embargo-countered', embargoOf(page))
  })

  test('the coordinator sees the counter-proposal and agrees: the embargo is in force, counting down', async () => {
    const page = await coordinatorPage()
    await openCase(page, 'embargo')
    const embargo = embargoOf(page)
    const proposal = embargo.getByRole('article', { name: 'Proposal on the table' })
    expect(await proposal.textContent()).toContain(`${long(counterEnd, BERLIN)}, as proposed`)
    await answerRow(page, /\(yours\)$/)
      .getByText('Asked, no answer yet')
      .waitFor()
    await answerRow(page, VENDOR).getByText('Agreed', { exact: true }).waitFor()

    await proposal.getByRole('button', { name: 'Agree' }).click()
    await embargo.getByRole('status').getByText('You agreed: these terms are now in force.').waitFor()
    await embargo.getByText('Embargo active.', { exact: true }).waitFor()
    const release = embargo.locator('.release-instant')
    const text = (await release.textContent()) ?? ''
    expect(text).toContain(long(counterEnd, 'UTC'))
    expect(text).toContain(`${long(counterEnd, BERLIN)}, as proposed`)
    const days = Math.round((counterEnd.getTime() - Date.now()) / DAY)
    expect(await release.getByRole('timer').textContent()).toMatch(
      new RegExp(`^in (${days - 1}|${days}|${days + 1}) days$`),
    )
    expect(await page.locator('.embargo-summary').textContent()).toContain(
      `Embargo active: release ${long(counterEnd, 'UTC')}`,
    )
    expect(await embargo.getByRole('article', { name: 'Proposal on the table' }).count()).toBe(0)
    await expectAccessible(page)
    await screenshot(page, 'embargo-active', embargoOf(page))
  })

  test('the coordinator edits the advisory as version 2, compares it with version 1, and releases it at once', async () => {
    const page = await coordinatorPage()
    await openCase(page, 'advisory')
    const advisory = advisoryOf(page)
    await advisory.getByText(/Draft, version 1\./).waitFor()
    await advisory.getByText('Please name our fixed version, 8.12.8, in the overview.').waitFor()

    // A reference that is not a web address is refused beside it.
    await advisory.getByRole('button', { name: 'Edit the draft' }).click()
    const form = advisory.getByRole('form', { name: 'Edit the draft (version 1)' })
    await form.getByRole('button', { name: 'Add a reference' }).click()
    const reference = form.getByRole('group', { name: 'Reference 1' })
    await reference.getByLabel('Web address').fill('mailwright advisory')
    await form.getByRole('button', { name: 'Save as version 2' }).click()
    expect(await fieldErrorOf(reference.getByLabel('Web address'))).toContain('is not an http(s) URL')
    await expectAccessible(page)

    await reference.getByLabel('Web address').fill('https://mailwright.example/advisories/2026-1')
    await reference.getByLabel('What it is').fill('Mailwright advisory')
    const overview = 'Upgrade sendmail to 8.12.8: a remote attacker can run code as root on any sendmail server.'
    await form.getByLabel('Overview').fill(overview)
    await form.getByLabel('What changed').fill('The fixed version named, as the vendor asked')
    await form.getByRole('button', { name: 'Save as version 2' }).click()
    await advisory.getByRole('status').getByText('Saved version 2.').waitFor()
    await advisory.getByText(/Draft, version 2\./).waitFor()
    const versions = advisory.getByRole('list', { name: 'Versions' })
    expect(await versions.getByRole('listitem').first().textContent()).toContain(
      'Version 2 (current) by Casey Coordinator',
    )

    // The changes: the new overview added, the old one removed, each said in words.
    await versions.getByRole('button', { name: 'Compare with the previous (version 1 to 2)' }).click()
    const diff = advisory.getByRole('list', { name: 'Changes from version 1 to version 2' })
    await diff.locator('ins').first().waitFor()
    expect(await diff.locator('ins').allTextContents()).toEqual(
      expect.arrayContaining([
        `+Added: ${overview}`,
        '+Added: - https://mailwright.example/advisories/2026-1 (Mailwright advisory)',
      ]),
    )
    expect(await diff.locator('del').count()).toBeGreaterThan(0)
    expect(await diff.locator('del').first().textContent()).toMatch(/^−Removed: /)

    // No CVE ID is left in this instance: the server's reason is shown under the button.
    await showCaseTab(page, 'summary')
    const card = page.getByRole('region', { name: 'Vulnerabilities' }).getByRole('article', { name: DEMO_REPORT_TITLE })
    await card.getByRole('button', { name: `Reserve a CVE ID for “${DEMO_REPORT_TITLE}”` }).click()
    await card
      .getByRole('alert')
      .getByText(/No CVE ID of \d{4} is left/)
      .waitFor()

    // The vendor's statement approved, so that it is published.
    await showCaseTab(page, 'vendors')
    const statements = page.getByRole('region', { name: 'Statements', exact: true })
    await statements
      .getByRole('button', { name: `Approve the statement of ${VENDOR} on “${DEMO_REPORT_TITLE}”` })
      .click()
    await statements
      .getByRole('status')
      .getByText(`Approved the statement of ${VENDOR} on “${DEMO_REPORT_TITLE}”.`)
      .waitFor()
    await expectAccessible(page)
    await showCaseTab(page, 'advisory')
    await screenshot(page, 'advisory-diff', advisoryOf(page))

    // Released at once: a reason is needed first.
    await advisory.getByRole('button', { name: 'Release now…' }).click()
    const release = advisory.getByRole('form', { name: 'Release now' })
    await release.getByRole('button', { name: 'Yes, release now' }).click()
    expect(await fieldErrorOf(release.getByLabel('Reason'))).toBe('Error: is required')
    await release.getByLabel('Reason').fill('The fix is public in the vendor’s repository.')
    await release.getByRole('button', { name: 'Yes, release now' }).click()
    await advisory
      .getByRole('status')
      .getByText(/^Released LSA-\d{4}-\d{4}: it is public now\.$/)
      .waitFor()
    await advisory.getByText(/Released \d/).waitFor()
    await showCaseTab(page, 'embargo')
    const embargo = embargoOf(page)
    await embargo.getByText('Embargo ended.', { exact: true }).waitFor()
    expect(await embargo.textContent()).toContain('released at once: The fix is public in the vendor’s repository.')
    await showCaseTab(page, 'advisory')
    // Released once: the draft goes on, and is published again as a revision.
    expect(await advisory.getByRole('button', { name: 'Release now…' }).count()).toBe(0)
    await advisory.getByRole('button', { name: 'Publish a revision…' }).click()
    const revision = advisory.getByRole('form', { name: 'Publish a revision' })
    await revision.getByLabel('What changed').fill('The vendor’s advisory linked')
    await revision.getByRole('button', { name: 'Yes, publish the revision' }).click()
    await advisory
      .getByRole('status')
      .getByText(/^Published revision 2 of LSA-\d{4}-\d{4}\.$/)
      .waitFor()
    await advisory.getByText(/revision 2 is public/).waitFor()
    await expectAccessible(page)
    await screenshot(page, 'advisory-released')

    // The public page, without signing in: the title and the vendor's statement.
    const href = await advisory
      .getByRole('list', { name: 'The published advisory' })
      .getByRole('link', { name: 'Advisory page' })
      .getAttribute('href')
    expect(await advisory.getByRole('link', { name: 'CSAF document' }).getAttribute('href')).toMatch(/\.json$/)
    const visitor = await suite.newPage()
    await visitor.goto(href!)
    await visitor.getByRole('heading', { level: 1, name: 'Remote root in sendmail header processing' }).waitFor()
    const vendorRow = visitor
      .getByRole('table', { name: 'Vendor statements' })
      .getByRole('row')
      .filter({ hasText: VENDOR })
    expect(await vendorRow.textContent()).toContain('8.12.8')
    expect(await visitor.textContent('body')).toContain(overview)
    await expectAccessible(visitor)
    await screenshot(visitor, 'advisory-public')
  })

  test(
    'an embargo agreed to end half a minute later releases the advisory by itself, not a moment early',
    { timeout: 120_000 },
    async () => {
      const caseNumber = await openFreshSendmailCase(suite)
      const page = await coordinatorPage()
      const detail = await apiCall<{ id: string }>(page, 'GET', `/cases/${caseNumber}`)
      // Opening the advisory (staff) gives it its public ID.
      const { id: advisoryId } = await apiCall<{ id: string }>(page, 'GET', `/cases/${detail.id}/advisory`)
      // Proposed through the API: the form takes minutes, and this end is seconds away.
      const endsAt = new Date(Math.ceil((Date.now() + 35_000) / 1000) * 1000)
      await apiCall(page, 'POST', `/cases/${detail.id}/embargo/proposals`, {
        endsAt: endsAt.toISOString(),
        timeZone: 'UTC',
        reason: 'A test of the release on time.',
      })

      await openCase(page, 'embargo', caseNumber)
      const embargo = embargoOf(page)
      const proposal = embargo.getByRole('article', { name: 'Proposal on the table' })
      expect(await proposal.getByRole('timer').textContent()).toMatch(/^in \d+ seconds$/)
      await proposal.getByRole('button', { name: 'Agree' }).click()
      await embargo.getByText('Embargo active.', { exact: true }).waitFor()
      expect(await embargo.locator('.release-instant').getByRole('timer').textContent()).toMatch(/^in \d+ seconds$/)

      // Asked outside the page (a 404 page would count as a failing asset): nothing before the instant.
      const outside: BrowserContext = await suite.newContext()
      const status = async () => (await outside.request.get(`/advisories/${advisoryId}`)).status()
      let checks = 0
      while (Date.now() < endsAt.getTime() - 1500) {
        expect(await status()).toBe(404)
        checks++
        await new Promise((resolve) => setTimeout(resolve, 2000))
      }
      expect(checks).toBeGreaterThan(3)
      await expect.poll(status, { timeout: 20_000, interval: 250 }).toBe(200)

      // The case page looks again once the instant has passed: the embargo ended, the advisory released.
      await embargo.getByText('Embargo ended.', { exact: true }).waitFor({ timeout: 20_000 })
      expect(await embargo.textContent()).toContain('the embargo reached its end and the advisory was released')
      await showCaseTab(page, 'advisory')
      await advisoryOf(page)
        .getByText(/Released \d/)
        .waitFor()
      await expectAccessible(page)

      const visitor = await outside.newPage()
      await visitor.goto(`/advisories/${advisoryId}`)
      await visitor.getByRole('heading', { level: 1, name: 'Remote root in sendmail header processing' }).waitFor()
      await expectAccessible(visitor)
    },
  )
})
