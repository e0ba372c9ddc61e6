// Finders report without an account: the form by keyboard and mouse, the tracking ID and private
// follow-up link, the follow-up page in a fresh browser, bad fields named beside them without a
// second send, the anonymous switch, and a signed-in reporter whose account fills the contact.
import { expect, test } from 'vitest'
import type { Page, Request } from 'playwright-core'
import { makeUser, PASSWORD } from '../support/factories.js'
import { describeInBrowser, expectAccessible, expectPage, fieldErrorOf, signInWithApi } from './support.js'

const TITLE = 'Remote root in sendmail header processing'
const DESCRIPTION =
  'A buffer overflow in crackaddr() lets a remote attacker run code as root with a crafted address header.'

const isReportPost = (request: Request) =>
  request.method() === 'POST' && new URL(request.url()).pathname === '/api/v1/reports'

/** Every report the page sends, as it sends them. */
function recordReports(page: Page): Record<string, unknown>[] {
  const sent: Record<string, unknown>[] = []
  page.on('request', (request) => {
    if (isReportPost(request)) sent.push(request.postDataJSON() as Record<string, unknown>)
  })
  return sent
}

async function focusedLabel(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null
    return (el?.labels?.[0]?.textContent ?? el?.textContent ?? '').trim()
  })
}

describeInBrowser('reporting a vulnerability', (suite) => {
  async function openForm(page: Page): Promise<void> {
    await page.goto('/report')
    await expectPage(page, 'Report a vulnerability')
  }

  /** The form's needed fields, filled the quick way. */
  async function fillRequired(page: Page, overrides: { description?: string; purl?: string } = {}): Promise<void> {
    await page.getByLabel('Your e-mail address').fill('finder@example.test')
    await page.getByLabel('Vendor', { exact: true }).fill('Sendmail Consortium')
    await page.getByLabel('Product', { exact: true }).fill('sendmail')
    if (overrides.purl) await page.getByLabel('Package URL').fill(overrides.purl)
    await page.getByLabel('Title').fill(TITLE)
    await page.getByLabel('Description').fill(overrides.description ?? DESCRIPTION)
  }

  test('a visitor without an account reports by keyboard and mouse, gets a tracking ID and a private link, and follows up through it', async () => {
    const page = await suite.newPage()
    const sent = recordReports(page)
    await page.goto('/sign-in')
    await expectPage(page, 'Sign in to Lockstep')
    await page.getByRole('banner').getByRole('link', { name: 'Report a vulnerability' }).click()
    await expectPage(page, 'Report a vulnerability')
    // The proof of work is done before the person is.
    await page.getByRole('status').getByText('Ready to send.').waitFor({ timeout: 15_000 })

    // The keyboard: type, Tab to the next field, type.
    await page.getByLabel('Your name').click()
    await page.keyboard.type('Mark Dowd')
    await page.keyboard.press('Tab')
    await page.keyboard.type('ISS X-Force')
    await page.keyboard.press('Tab')
    await page.keyboard.type('xforce@iss.example')
    await page.keyboard.press('Tab')
    expect(await focusedLabel(page)).toContain('Your PGP public key')
    await page.keyboard.press('Tab')
    await page.keyboard.type('Sendmail Consortium')
    await page.keyboard.press('Tab')
    await page.keyboard.type('sendmail')
    await page.keyboard.press('Tab')
    await page.keyboard.type('8.12.0 to 8.12.7')
    await page.keyboard.press('Tab')
    await page.keyboard.type('pkg:generic/sendmail@8.12.7')

    // The mouse: a second product, whose first field takes the focus.
    await page.getByRole('button', { name: 'Add another product' }).click()
    expect(await page.getByRole('group', { name: 'Product 2' }).count()).toBe(1)
    expect(await focusedLabel(page)).toBe('Vendor')
    await page.keyboard.type('Debian')
    await page.keyboard.press('Tab')
    await page.keyboard.type('sendmail')
    await page
      .getByRole('group', { name: 'Product 2' })
      .getByLabel('Package URL')
      .fill('pkg:deb/debian/sendmail@8.12.3')
    // A third row, removed again.
    await page.getByRole('button', { name: 'Add another product' }).click()
    await page.getByRole('button', { name: 'Remove product 3' }).click()
    expect(await page.getByRole('group', { name: /^Product \d$/ }).count()).toBe(2)

    await page.getByLabel('Title').fill(TITLE)
    await page.getByLabel('Description').fill(DESCRIPTION)
    await page.getByLabel('Impact').fill('Remote root on every mail server running sendmail.')
    expect(await page.getByLabel('Where it is public').count()).toBe(0)
    await page.getByLabel('It is already public').check()
    await page.getByLabel('Where it is public').fill('https://example.test/advisory\n\nhttps://example.test/talk')
    await page.getByLabel('I have contacted the vendor').check()
    await page.getByLabel('When you contacted them').fill('2003-02-01')
    await page.getByLabel('Credit', { exact: true }).selectOption({ label: 'Credit my organization' })
    await page.getByLabel('Credit wording').click()
    await page.keyboard.type('ISS X-Force')
    // Then the files (none here); the spam trap is out of the Tab order, so next comes the button.
    await page.keyboard.press('Tab')
    expect(await focusedLabel(page)).toBe('Files (optional)')
    await page.keyboard.press('Tab')
    expect(await focusedLabel(page)).toBe('Send report')
    await page.keyboard.press('Enter')

    await expectPage(page, 'Report sent')
    const trackingId = (await page.locator('.tracking-id').textContent()) ?? ''
    expect(trackingId).toMatch(/^LSR-\d{4}-\d{4}$/)
    expect(trackingId.slice(4, 8)).toBe(String(new Date().getUTCFullYear()))
    const link = await page.getByRole('textbox', { name: 'Follow-up link' }).inputValue()
    expect(link).toMatch(new RegExp(`^${suite.baseUrl}/follow-up/\\S{20,}$`))
    expect(await page.getByText('Whoever has it can read your report’s status').count()).toBe(1)

    // What went out: empty optional text left out, the spam trap untouched, the proof solved.
    expect(sent).toHaveLength(1)
    const body = sent[0]!
    expect(body).toMatchObject({
      anonymous: false,
      reporter: { name: 'Mark Dowd', organization: 'ISS X-Force', email: 'xforce@iss.example' },
      title: TITLE,
      affected: [
        {
          vendor: 'Sendmail Consortium',
          product: 'sendmail',
          versions: '8.12.0 to 8.12.7',
          purl: 'pkg:generic/sendmail@8.12.7',
        },
        { vendor: 'Debian', product: 'sendmail', purl: 'pkg:deb/debian/sendmail@8.12.3' },
      ],
      publicAlready: true,
      publicReferences: ['https://example.test/advisory', 'https://example.test/talk'],
      vendorContact: { contacted: true, when: '2003-02-01' },
      credit: { preference: 'organization', text: 'ISS X-Force' },
    })
    expect(JSON.stringify(body)).not.toContain('""')
    expect(body).not.toHaveProperty('website')
    expect(body.proof).toMatchObject({ challenge: expect.any(String), nonce: expect.any(String) })

    // The link, opened in a browser that knows nothing of the report.
    const elsewhere = await suite.newPage()
    await elsewhere.goto(link)
    await expectPage(elsewhere, 'Your report')
    const facts = elsewhere.locator('.report-facts')
    await facts.getByText(trackingId).waitFor()
    expect(await facts.getByText(TITLE).count()).toBe(1)
    expect(await facts.getByText('Received', { exact: true }).count()).toBe(1)
    expect(await elsewhere.getByText('No messages yet').count()).toBe(1)
  })

  test('a bad package URL and a too-short description are named beside their fields, and a double click sends once', async () => {
    const page = await suite.newPage()
    const sent = recordReports(page)
    await openForm(page)
    await fillRequired(page, { description: 'Too short.', purl: 'sendmail 8.12' })
    await page.getByRole('button', { name: 'Send report' }).dblclick()

    const alert = page.getByRole('alert')
    await alert.getByText('The report was not sent.').waitFor()
    // The summary takes the focus, so the person starts from the list of what to correct.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert')
    expect(await fieldErrorOf(page.getByLabel('Package URL'))).toContain('is not a valid package URL')
    expect(await fieldErrorOf(page.getByLabel('Description'))).toContain('must be at least 20 characters')
    expect(await alert.textContent()).toContain('Product 1: package URL')
    expect(sent).toHaveLength(1)
    await expectAccessible(page)

    // Put right, it goes once more and arrives.
    await page.getByLabel('Package URL').fill('pkg:deb/debian/sendmail@8.12.3')
    await page.getByLabel('Description').fill(DESCRIPTION)
    await page.getByRole('button', { name: 'Send report' }).click()
    await expectPage(page, 'Report sent')
    expect(sent).toHaveLength(2)
  })

  test('"Report anonymously" hides the contact fields and sends no reporter', async () => {
    const page = await suite.newPage()
    const sent = recordReports(page)
    await openForm(page)
    await page.getByLabel('Report anonymously').check()
    for (const label of ['Your name', 'Your organization', 'Your e-mail address', 'Your PGP public key'])
      expect(await page.getByLabel(label).count()).toBe(0)
    await page.getByLabel('Report anonymously').uncheck()
    expect(await page.getByLabel('Your e-mail address').isVisible()).toBe(true)
    await page.getByLabel('Your name').fill('Someone')
    await page.getByLabel('Report anonymously').check()

    await page.getByLabel('Vendor', { exact: true }).fill('Sendmail Consortium')
    await page.getByLabel('Product', { exact: true }).fill('sendmail')
    await page.getByLabel('Title').fill(TITLE)
    await page.getByLabel('Description').fill(DESCRIPTION)
    await page.getByRole('button', { name: 'Send report' }).click()
    await expectPage(page, 'Report sent')
    expect(sent[0]).toMatchObject({ anonymous: true })
    expect(sent[0]).not.toHaveProperty('reporter')
  })

  test('without an e-mail address or the anonymous switch, the e-mail field says it is needed', async () => {
    const page = await suite.newPage()
    await openForm(page)
    await fillRequired(page)
    await page.getByLabel('Your e-mail address').fill('')
    await page.getByRole('button', { name: 'Send report' }).click()
    expect(await fieldErrorOf(page.getByLabel('Your e-mail address'))).toContain(
      'is required unless you report anonymously',
    )
  })

  test('a signed-in reporter may leave the contact fields empty: the account is used', async () => {
    const user = await makeUser(suite.server.database.db, { name: 'Fran Finder' })
    const context = await suite.newContext()
    await signInWithApi(context, user.email, PASSWORD, user.totp_secret)
    const page = await context.newPage()
    await page.goto('/')
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Report a vulnerability' }).click()
    await expectPage(page, 'Report a vulnerability')
    expect(await page.getByText(`You are signed in as Fran Finder (${user.email})`).count()).toBe(1)
    await fillRequired(page)
    await page.getByLabel('Your e-mail address').fill('')
    await page.getByRole('button', { name: 'Send report' }).click()
    await expectPage(page, 'Report sent')
  })

  test('a follow-up link that is not valid says so', async () => {
    const page = await suite.newPage()
    await page.goto('/follow-up/not-a-real-token')
    await expectPage(page, 'This link is not valid')
    expect(await page.getByText('mistyped').count()).toBe(1)
  })
})
