// Live pages, from the demo's first start to its release, with four people's pages open in their
// own browsers: the coordinator's case page, the Sendmail Consortium's case page (Vic Vendor), the
// finder's follow-up page and the critical owner's Home. Before the release the case is
// embargoed everywhere (TLP:AMBER, "Not public yet", the owner's pre-notice). The coordinator
// posts to the case thread, and the vendor's open thread list shows it; then releases the advisory
// at once, and without anybody reloading: the vendor's case page and the coordinator's say the case
// is public (TLP:CLEAR, "Public since", no "Not public yet", the agreed terms no longer "in force"),
// the finder's page names the published advisory, and the owner's pre-notice becomes an alert.
import { beforeAll, expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { hashSecret } from '../../src/security/tokens.js'
import {
  DEMO_PASSWORD,
  demoCoordinatorSession,
  describeInBrowser,
  expectAccessible,
  expectPage,
  openCaseTab,
  signInWithForm,
} from './support.js'

const FOLLOW_UP_TOKEN = 'live-pages-follow-up-link-for-the-demo-finder'

describeInBrowser('live pages at the demo’s release', (suite) => {
  let CASE = ''
  let TITLE = ''

  beforeAll(async () => {
    const db = suite.server.database.db
    const demoCase = await db
      .selectFrom('cases')
      .select(['id', 'case_number', 'title'])
      .orderBy('created_at')
      .executeTakeFirstOrThrow()
    CASE = demoCase.case_number
    TITLE = demoCase.title
    // Nobody holds the demo report's follow-up link: this test gives the finder one.
    await db
      .updateTable('reports')
      .set({ follow_up_token_hash: hashSecret(FOLLOW_UP_TOKEN) })
      .where('case_id', '=', demoCase.id)
      .execute()
  })

  const coordinatorPage = demoCoordinatorSession(suite)

  async function signedInPage(email: string, name: string): Promise<Page> {
    const page = await (await suite.newContext()).newPage()
    await signInWithForm(page, email, DEMO_PASSWORD)
    await expectPage(page, `Welcome, ${name}`)
    return page
  }

  /** Marks the page, so that a reload (which would lose the mark) shows. */
  const markNotReloaded = (page: Page) => page.evaluate(() => document.body.setAttribute('data-not-reloaded', 'yes'))
  const stillNotReloaded = async (page: Page) =>
    expect(await page.evaluate(() => document.body.getAttribute('data-not-reloaded'))).toBe('yes')

  /** The case's summary and embargo tabs, opened beside `page` in the same browser. */
  async function caseTabs(page: Page): Promise<{ summary: Page; embargo: Page }> {
    const summary = await page.context().newPage()
    await openCaseTab(summary, CASE, 'summary')
    await expectPage(summary, TITLE)
    const embargo = await page.context().newPage()
    await openCaseTab(embargo, CASE, 'embargo')
    await expectPage(embargo, TITLE)
    return { summary, embargo }
  }

  const heading = (page: Page) => page.locator('.page-heading')
  const caseStatus = (page: Page) => page.getByRole('region', { name: 'Case status', exact: true })
  const embargoOf = (page: Page) => page.getByRole('region', { name: 'Embargo', exact: true })
  const ownerHome = (page: Page) => page.getByRole('region', { name: 'Example Power & Light: your assets and alerts' })

  // The first release of a server loads the CSAF validator (seconds of CPU): a generous bound.
  test('four people’s open pages follow the release without reloading', { timeout: 400_000 }, async () => {
    // Each person keeps a tab of the case open per part watched: its summary (the case status), its
    // embargo, and the coordinator's advisory (to release from) or the vendor's threads.
    const coordinator = await coordinatorPage()
    await openCaseTab(coordinator, CASE, 'advisory')
    await expectPage(coordinator, TITLE)
    const coordinatorTabs = await caseTabs(coordinator)

    const vendor = await signedInPage('consortium@lockstep.demo', 'Vic Vendor')
    await openCaseTab(vendor, CASE, 'threads')
    await expectPage(vendor, TITLE)
    const vendorTabs = await caseTabs(vendor)

    const finder = await (await suite.newContext()).newPage()
    await finder.goto(`/follow-up/${FOLLOW_UP_TOKEN}`)
    await expectPage(finder, 'Your report')

    const owner = await signedInPage('owner@lockstep.demo', 'Olive Owner')
    const preNotice = ownerHome(owner).locator('.owner-alert-pre_notice')
    // The pre-notice goes out as the server starts (the demo's release is minutes away).
    await expect.poll(async () => (await preNotice.count()) || (await owner.reload(), 0), { timeout: 20_000 }).toBe(1)
    await expectPage(owner, 'Welcome, Olive Owner')

    // Before: embargoed everywhere.
    for (const { summary, embargo } of [coordinatorTabs, vendorTabs]) {
      expect(await heading(summary).textContent()).toContain('TLP:AMBER')
      await caseStatus(summary).getByText('Not public yet').waitFor()
      await embargoOf(embargo).getByText('Embargo active.').waitFor()
    }
    expect(await finder.getByText('Published', { exact: true }).count()).toBe(0)
    expect(await preNotice.textContent()).toContain('TLP:AMBER')
    const watched = [
      coordinator,
      vendor,
      finder,
      owner,
      ...Object.values(coordinatorTabs),
      ...Object.values(vendorTabs),
    ]
    for (const page of watched) await markNotReloaded(page)

    // A message on the case thread: the vendor's thread list counts it unread.
    const vendorThreads = vendor.getByRole('region', { name: 'Threads', exact: true })
    const caseThread = vendorThreads.getByRole('listitem').filter({ hasText: 'Everyone in the case' }).first()
    const unreadBefore = (await caseThread.textContent()) ?? ''
    const { csrfToken } = (await (await coordinator.request.get('/api/v1/session')).json()) as { csrfToken: string }
    const caseId = (await (await coordinator.request.get(`/api/v1/cases/${CASE}`)).json()).id as string
    const posted = await coordinator.request.post(`/api/v1/cases/${caseId}/threads/case/messages`, {
      data: { body: 'The advisory goes out now: thank you all.', tlp: 'AMBER' },
      headers: { 'x-csrf-token': csrfToken },
    })
    expect(posted.status()).toBe(201)
    await expect.poll(async () => (await caseThread.textContent()) ?? '', { timeout: 20_000 }).not.toBe(unreadBefore)

    // The release, by the coordinator, at once.
    const advisory = coordinator.getByRole('region', { name: 'Advisory', exact: true })
    await advisory.getByRole('button', { name: 'Release now…' }).click()
    const release = advisory.getByRole('form', { name: 'Release now' })
    await release.getByLabel('Reason').fill('Every vendor has shipped the fix.')
    await release.getByRole('button', { name: 'Yes, release now' }).click()
    await advisory
      .getByRole('status')
      .getByText(/^Released LSA-\d{4}-\d{4}: it is public now\.$/)
      .waitFor()

    // After: the case pages say it is public, with nothing left that looks embargoed. Six pages
    // reload at once on a machine that may be busy: a generous bound, only against a hang.
    for (const page of [vendor, coordinator, ...Object.values(coordinatorTabs), ...Object.values(vendorTabs)]) {
      await heading(page)
        .getByText(/^Public since /)
        .waitFor({ timeout: 90_000 })
      expect(await heading(page).textContent()).toContain('TLP:CLEAR')
      expect(await heading(page).textContent()).not.toContain('TLP:AMBER')
      // The case and its embargo load apart: the line under the title follows a moment later.
      await expect
        .poll(() => page.locator('.embargo-summary').textContent(), { timeout: 20_000 })
        .not.toMatch(/release .* in /)
    }
    for (const { summary, embargo } of [vendorTabs, coordinatorTabs]) {
      await caseStatus(summary)
        .getByText(/^Public aware since /)
        .waitFor()
      expect(await caseStatus(summary).getByText('Not public yet').count()).toBe(0)
      await embargoOf(embargo).getByText('Embargo ended.', { exact: true }).waitFor()
      expect(await embargoOf(embargo).getByText('In force', { exact: false }).count()).toBe(0)
      await expectAccessible(summary)
      await expectAccessible(embargo)
    }
    // The finder's page names the advisory, public now.
    const published = finder.locator('.report-facts div').filter({ hasText: 'Published' })
    await published.getByRole('link', { name: /^advisory LSA-\d{4}-\d{4}$/ }).waitFor()
    expect(await published.textContent()).toContain('Public since')
    await expectAccessible(finder)
    // The owner's pre-notice is an alert now (the after-release job's work, told to the page).
    const alert = ownerHome(owner).locator('.owner-alert-released')
    await alert.waitFor({ timeout: 20_000 })
    expect(await alert.textContent()).toContain('TLP:CLEAR')
    expect(await ownerHome(owner).locator('.owner-alert-pre_notice').count()).toBe(0)
    await expectAccessible(owner)

    for (const page of watched) await stillNotReloaded(page)
  })
})
