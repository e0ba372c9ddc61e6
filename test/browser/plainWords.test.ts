// Plain words on the pages people work in (issue 14, points 5 and 10): the ledger in sentences,
// mail kinds in words, a participant's part of the case status without Vultron's letters; on
// triage, the CVSS calculator, the SSVC decision path with its reasons, opening a case as the one
// next step, and the finder's credit never shown as a form's placeholder.
import { expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { ledgerKinds } from '../../src/domain/eventKinds.js'
import { demoSignIns } from '../../src/seed/demo.js'
import { makeReport } from '../support/factories.js'
import {
  DEMO_PASSWORD,
  demoCoordinatorSession,
  describeInBrowser,
  expectAccessible,
  expectPage,
  openCaseTab,
  showCaseTab,
  signInWithApi,
} from './support.js'

const YEAR = new Date().getUTCFullYear()
const DEMO_CASE = `LS-${YEAR}-0001`
const DEMO_CASE_TITLE = 'Remote root in sendmail header processing'
const templateCodes = [
  'case.added',
  'case.message',
  'case.file',
  'report.received',
  'vendor.notified',
  'vendor.reminder',
  'advisory.published',
  'owner.prenotice',
  'owner.alert',
  'embargo.changed',
]
const vultronVector = /\b[vV][fF][dD][pP][xX][aA]\b|\b[pP][xX][aA]\b/

describeInBrowser('plain words', (suite) => {
  const coordinator = demoCoordinatorSession(suite)

  /** A new report from a finder who asked for credit by name without giving the wording. */
  async function freshReport(title: string) {
    const token = `follow-up-${title.replace(/\W+/g, '-')}`
    const report = await makeReport(suite.server.database.db, { title, followUpToken: token })
    return { id: report.id, token }
  }

  async function openReport(page: Page, id: string, title: string) {
    await page.goto(`/reports/${id}`)
    await expectPage(page, title)
  }

  test('the ledger reads as sentences of who did what, without codes or template names', async () => {
    const page = await coordinator()
    await openCaseTab(page, DEMO_CASE, 'ledger')
    await expectPage(page, DEMO_CASE_TITLE)
    const entries = page.getByRole('list', { name: 'Ledger entries, newest first' }).getByRole('listitem')
    await expect.poll(() => entries.count()).toBeGreaterThan(20)
    // The ledger comes a page at a time: the older pages, down to the first entry.
    const older = page.getByRole('button', { name: 'Show older entries' })
    while ((await older.count()) > 0) {
      const shown = await entries.count()
      await older.click()
      await expect.poll(() => entries.count()).toBeGreaterThan(shown)
    }
    expect(await entries.last().textContent()).toContain(`Casey Coordinator opened case ${DEMO_CASE}`)
    expect(await entries.filter({ hasText: /notified Red Hat( again)? \(\d+ recipients?\)/ }).count()).toBeGreaterThan(
      0,
    )
    const text = (await entries.allTextContents()).join('\n')
    for (const code of [...ledgerKinds, ...templateCodes]) expect(text, code).not.toContain(code)
    await expectAccessible(page)
  })

  test('the admin mail list names each kind of mail in words, never by its template', async () => {
    const admin = demoSignIns.find((s) => s.email === 'admin@lockstep.demo')!
    const context = await suite.newContext()
    await signInWithApi(context, admin.email, DEMO_PASSWORD, admin.totpSecret)
    const page = await context.newPage()
    await page.goto('/admin/mail')
    await expectPage(page, 'Mail')
    const outbox = page.getByRole('region', { name: 'Outgoing mail' }).first()
    await page.getByText(/^Showing 1–\d+ of \d+ messages$/).waitFor()
    const text = (await outbox.textContent()) ?? ''
    expect(text).toMatch(
      /Notice of|Notice to a vendor|Receipt for|Pre-notice to|Announcement of|News of the embargo|Alert to an owner/,
    )
    for (const code of templateCodes) expect(text, code).not.toContain(code)
  })

  test('a participant’s part of the case status is said in words, not Vultron letters', async () => {
    const page = await coordinator()
    await openCaseTab(page, DEMO_CASE, 'vendors')
    await expectPage(page, DEMO_CASE_TITLE)
    const participants = page.getByRole('region', { name: 'Participants' })
    const consortium = participants
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'Sendmail Consortium' }) })
    await expect.poll(() => consortium.getByRole('listitem').count()).toBe(3)
    const facts = await consortium.getByRole('listitem').allInnerTexts()
    expect(facts[0]).toMatch(/Vendor aware: (yes|not yet)$/)
    expect(facts[1]).toMatch(/Fix ready: (yes|not yet)$/)
    expect(facts[2]).toMatch(/Fix deployed: (yes|not yet)$/)
    expect(await participants.innerText()).not.toMatch(vultronVector)
    await showCaseTab(page, 'summary')
    const status = page.getByRole('region', { name: 'Case status' })
    expect(await status.innerText()).not.toMatch(vultronVector)
    expect(await status.getByText(/not public yet|Public aware since/i).count()).toBe(1)
  })

  test('the CVSS calculator builds the vector from metrics in words and scores it as it goes', async () => {
    const title = 'Calculator: unauthenticated heap overflow'
    const { id } = await freshReport(title)
    const page = await coordinator()
    await openReport(page, id, title)
    const scores = page.getByRole('region', { name: 'Scores' })
    const live = scores.getByTestId('cvss-live')
    expect(await live.textContent()).toContain('Choose the base metrics')
    const picks: [string, string][] = [
      ['Attack Vector', 'Network (N)'],
      ['Attack Complexity', 'Low (L)'],
      ['Privileges Required', 'None (N)'],
      ['User Interaction', 'None (N)'],
      ['Scope', 'Unchanged (U)'],
      ['Confidentiality Impact', 'High (H)'],
      ['Integrity Impact', 'High (H)'],
    ]
    for (const [metric, value] of picks) await scores.getByLabel(metric, { exact: true }).selectOption({ label: value })
    expect(await live.textContent()).toContain('Still to choose: Availability Impact')
    await scores.getByLabel('Availability Impact', { exact: true }).selectOption({ label: 'High (H)' })
    const vector = scores.getByLabel('CVSS vector')
    expect(await vector.inputValue()).toBe('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')
    await live.getByText('9.8').waitFor()
    expect(await live.textContent()).toContain('Critical')

    // The vector stays editable, and the pickers follow what is typed.
    await vector.fill('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N')
    await live.getByText('7.5').waitFor()
    expect(await scores.getByLabel('Integrity Impact', { exact: true }).inputValue()).toBe('N')

    // CVSS 4.0: its own metrics, scored the same way.
    await scores.getByRole('button', { name: 'CVSS 4.0' }).click()
    expect(await vector.inputValue()).toBe('CVSS:4.0/')
    for (const metric of ['Attack Vector', 'Attack Complexity', 'Attack Requirements', 'Privileges Required'])
      await scores.getByLabel(metric, { exact: true }).selectOption({ index: 1 })
    await scores.getByLabel('User Interaction', { exact: true }).selectOption({ index: 1 })
    for (const system of ['Vulnerable System', 'Subsequent System'])
      for (const impact of ['Confidentiality', 'Integrity', 'Availability'])
        await scores.getByLabel(`${system} ${impact}`, { exact: true }).selectOption({ label: 'High (H)' })
    await live.getByText('10.0').waitFor()
    expect(await vector.inputValue()).toBe('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H')
    await page.getByRole('button', { name: 'Save scores' }).click()
    await scores.getByText('Scores saved.').waitFor()
    expect(await scores.getByTestId('cvss-result').textContent()).toBe('10.0 Critical')
    await expectAccessible(page)
  })

  test('SSVC shows the path it took and why a 9.8 report is declined', async () => {
    const title = 'SSVC: credible critical report, vendor not contacted'
    const { id } = await freshReport(title)
    const page = await coordinator()
    await openReport(page, id, title)
    const scores = page.getByRole('region', { name: 'Scores' })
    await scores.getByLabel('CVSS vector').fill('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')
    const inputs = {
      'Report public': 'no',
      'Supplier contacted': 'no',
      'Report credibility': 'credible',
      'Supplier cardinality': 'one',
      'Supplier engagement': 'active',
      Utility: 'efficient',
      'Public safety impact': 'significant',
    }
    for (const [label, value] of Object.entries(inputs))
      await scores.getByLabel(label, { exact: true }).selectOption(value)
    await page.getByRole('button', { name: 'Save scores' }).click()
    await scores.getByText('Scores saved.').waitFor()
    const decision = scores.getByTestId('ssvc-path')
    expect(await decision.locator('p').first().textContent()).toBe(
      'Decline because Supplier contacted is no (had it been yes: Track).',
    )
    expect(await decision.getByRole('note').textContent()).toContain(
      'scores CVSS 9.8 Critical, yet the triage table says Decline',
    )
    const path = decision.getByRole('list', { name: 'Decision path' }).getByRole('listitem')
    expect(await path.allTextContents()).toEqual([
      'Report public: no',
      'Supplier contacted: no (decided the outcome)',
      'Report credibility: credible',
      'Supplier cardinality: one',
      'Supplier engagement: active',
      'Utility: efficient',
      'Public safety impact: significant',
    ])
    await expectAccessible(page)
  })

  test('after validating, opening a case is the one primary next step, and accepting alone is explained', async () => {
    const title = 'Next step: remote crash in the queue runner'
    const { id } = await freshReport(title)
    const page = await coordinator()
    await openReport(page, id, title)
    expect(await page.getByRole('region', { name: /open a case/i }).count()).toBe(0)
    const state = page.getByRole('region', { name: 'State' })
    await state.getByRole('button', { name: 'Validate', exact: true }).click()
    await state.getByText('Now: Confirmed as valid. Next step: open a case.').waitFor()

    const next = page.getByRole('region', { name: 'Next step: open a case' })
    expect(await next.textContent()).toContain('Opening a case accepts it for coordination')
    expect(await next.locator('.button.primary').allTextContents()).toEqual(['Open the case'])
    expect(await state.locator('.button.primary').count()).toBe(0)
    expect(await state.getByRole('button').allTextContents()).toEqual(['Accept without a case', 'Defer'])
    expect(await state.getByText('Opening a case accepts the report too').count()).toBe(1)
    await expectAccessible(page)
  })

  test('the finder’s credit shows the wording given or “not given”, never the placeholder “Your name”', async () => {
    const title = 'Credit: overflow in the alias expander'
    const { id, token } = await freshReport(title)
    const page = await coordinator()
    await openReport(page, id, title)
    const sent = page.getByRole('region', { name: 'What the reporter sent' })
    const credit = sent.locator('dt', { hasText: 'Credit' }).locator('xpath=following-sibling::dd')
    expect(await credit.textContent()).toBe('By name: not given')

    const finder = await suite.newPage()
    await finder.goto(`/follow-up/${token}`)
    await expectPage(finder, 'Your report')
    const facts = finder.locator('.report-facts')
    const finderCredit = facts.locator('dt', { hasText: 'Credit' }).locator('xpath=following-sibling::dd')
    expect(await finderCredit.textContent()).toContain('By name: not given')
    expect(await facts.textContent()).not.toContain('Your name')
    // The status in plain words, with what happens next.
    expect(await facts.getByText('A coordinator will read and check your report.').count()).toBe(1)
    await expectAccessible(finder)
  })
})
