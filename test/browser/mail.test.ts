// Mail in the web UI: the demo admin reads what the built-in catcher kept (the finder's notice
// about the demo case, its headers and text); a person gives their OpenPGP key (a private key is
// refused beside the box); the report form offers the intake address and the instance key; an
// organization's admin adds a mail contact; and a reply by e-mail to an encrypted notification
// lands in the case thread marked "by e-mail", in the ledger and in the admin's incoming mail.
import { beforeAll, expect, test } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { generateInstanceKey } from '../../src/mail/pgp.js'
import { setOwnKey } from '../../src/commands/pgpKeys.js'
import { demoSignIns } from '../../src/seed/demo.js'
import { makeUser, PASSWORD } from '../support/factories.js'
import { sendMail } from '../support/mail.js'
import {
  DEMO_PASSWORD,
  describeInBrowser,
  expectAccessible,
  expectPage,
  fieldErrorOf,
  signInWithApi,
  openCaseTab,
  openFreshSendmailCase,
} from './support.js'

/** A fresh copy of the demo case (the demo's own has moved on): opened before the first test. */
let DEMO_CASE = ''
const DEMO_CASE_TITLE = 'Remote root in sendmail header processing'

const grouped = (fingerprint: string) => fingerprint.replace(/(.{4})(?=.)/g, '$1 ')

/**
 * Mail is delivered (to the catcher) a second or two after it is written: reloads the page until
 * `row` shows, as a person would press reload, for at most 20 seconds.
 */
async function reloadUntil(page: Page, heading: string, row: Locator): Promise<void> {
  const until = Date.now() + 20_000
  for (;;) {
    if ((await row.count()) > 0) return
    if (Date.now() > until) throw new Error(`timed out reloading ${page.url()} for the row`)
    await page.waitForTimeout(500)
    await page.reload()
    await expectPage(page, heading)
  }
}

describeInBrowser('mail and OpenPGP', (suite) => {
  beforeAll(async () => {
    DEMO_CASE = await openFreshSendmailCase(suite)
  })

  test('the demo admin reads the notice the catcher kept for the finder, with its headers and text', async () => {
    const admin = demoSignIns.find((s) => s.email === 'admin@lockstep.demo')!
    const context = await suite.newContext()
    await signInWithApi(context, admin.email, DEMO_PASSWORD, admin.totpSecret)
    const page = await context.newPage()
    await page.goto('/')
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click()
    await expectPage(page, 'Users')
    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Mail' }).click()
    await expectPage(page, 'Mail')
    expect(await page.getByRole('note').getByText('No mail relay is configured.').count()).toBe(1)

    const outbox = page.getByRole('region', { name: 'Outgoing mail' })
    const toFinder = outbox
      .getByRole('row')
      .filter({ hasText: 'finder@lockstep.demo' })
      .filter({ hasText: 'Caught (kept here)' })
      // The finder is also told of their report's progress in plain words; this is the case's notice.
      .filter({ hasText: 'Notice to sign in' })
    await reloadUntil(page, 'Mail', toFinder)
    const row = toFinder.first()
    expect(await row.textContent()).toContain('Notice to sign in')
    expect(await row.locator('.tlp-badge').textContent()).toBe('TLP:AMBER')
    await page.getByText(/^Showing 1–\d+ of \d+ messages$/).waitFor()

    // The status filter: nothing has failed, and the caught ones are all there.
    await page.getByLabel('Show').selectOption({ label: 'Failed' })
    await page.getByText('No messages with the status “Failed”.').waitFor()
    await page.getByLabel('Show').selectOption({ label: 'Caught (kept here)' })
    await expect
      .poll(async () => [...new Set(await outbox.locator('tbody .badge').allTextContents())])
      .toEqual(['Caught (kept here)'])
    expect(await toFinder.count()).toBeGreaterThan(0)

    const subject = `[${DEMO_CASE}] You were added`
    await row.getByRole('link', { name: subject }).click()
    await expectPage(page, subject)
    const headers = page.getByRole('region', { name: 'Headers' })
    const header = (name: string) =>
      headers
        .locator('div')
        .filter({ has: page.locator('dt', { hasText: new RegExp(`^${name}$`) }) })
        .locator('dd')
    expect(await header('To').textContent()).toBe('Fran Finder <finder@lockstep.demo>')
    expect(await header('Subject').textContent()).toBe(subject)
    expect(await header('Auto-Submitted').textContent()).toBe('auto-generated')
    // The text part, decoded from quoted-printable: no soft line breaks left in it.
    const body = (await page.getByRole('region', { name: 'Body' }).locator('pre').textContent()) ?? ''
    expect(body).toContain(`You were added to case ${DEMO_CASE}.`)
    expect(body).toContain('The details are not sent by e-mail without encryption.')
    expect(body).not.toMatch(/=\n|=3D/)
    await page.getByRole('link', { name: 'All outgoing mail' }).click()
    await expectPage(page, 'Mail')

    // Incoming: nothing has come in yet, and no address is failing.
    await page.getByRole('navigation', { name: 'Mail' }).getByRole('link', { name: 'Incoming' }).click()
    await page.getByText('No mail has come in yet.').waitFor()
    expect(await page.getByText('No address is failing.').count()).toBe(1)
    await expectAccessible(page)
  })

  test('a person gives their OpenPGP public key: a private key is refused beside the box, the public one is saved and its fingerprint shown', async () => {
    const user = await makeUser(suite.server.database.db, { name: 'Kim Keyholder' })
    const key = await generateInstanceKey('Kim Keyholder', user.email)
    const context = await suite.newContext()
    await signInWithApi(context, user.email, PASSWORD)
    const page = await context.newPage()
    await page.goto('/account')
    await expectPage(page, 'Your account')
    const section = page.getByRole('region', { name: 'OpenPGP key' })
    await section.getByText('Lockstep has no OpenPGP key for you.').waitFor()
    expect(
      await section.getByText(/reach you by e-mail encrypted to your OpenPGP key only if you give one here/).count(),
    ).toBe(1)

    const box = section.getByLabel('Public key (ASCII-armored)')
    await box.fill(key.armoredPrivateKey)
    await section.getByRole('button', { name: 'Save key' }).click()
    expect(await fieldErrorOf(box)).toContain('The key is a private key: upload only the public key')
    await section.getByText('Lockstep has no OpenPGP key for you.').waitFor()

    await box.fill(key.armoredPublicKey)
    await section.getByRole('button', { name: 'Save key' }).click()
    await section
      .getByRole('status')
      .getByText(/is saved: notifications now reach you encrypted/)
      .waitFor()
    const facts = section.locator('.key-facts')
    expect(await facts.getByText(grouped(key.fingerprint), { exact: true }).count()).toBe(1)
    expect(await facts.getByText(user.email, { exact: true }).count()).toBe(1)
    expect(await facts.getByText('Never', { exact: true }).count()).toBe(1)
    expect(await box.getAttribute('aria-invalid')).toBeNull()
    await expectAccessible(page)

    // Still there after a reload; then removed.
    await page.reload()
    await expectPage(page, 'Your account')
    await facts.getByText(grouped(key.fingerprint), { exact: true }).waitFor()
    await section.getByRole('button', { name: 'Remove your OpenPGP key' }).click()
    await section.getByRole('button', { name: 'Yes, remove it' }).click()
    await section.getByText('Lockstep has no OpenPGP key for you.').waitFor()
  })

  test('the report form offers the intake address and the instance key, whose fingerprint every page’s footer shows', async () => {
    const page = await suite.newPage()
    const instance = (await (await page.request.get(`${suite.baseUrl}/api/v1/instance/pgp-key`)).json()) as {
      fingerprint: string
      intakeAddress: string
      armored: string
    }
    expect(instance.fingerprint).toMatch(/^[0-9A-F]{40}$/)
    await page.goto('/report')
    await expectPage(page, 'Report a vulnerability')
    const note = page.getByRole('note', { name: 'Reporting by e-mail' })
    await note.waitFor()
    expect(await note.textContent()).toContain(
      `Prefer e-mail? Write to ${instance.intakeAddress}, encrypted to our OpenPGP key (fingerprint ${grouped(instance.fingerprint)}`,
    )
    expect(await note.getByRole('link', { name: instance.intakeAddress }).getAttribute('href')).toBe(
      `mailto:${instance.intakeAddress}`,
    )
    const download = note.getByRole('link', { name: 'download the key' })
    expect(await download.getAttribute('href')).toBe('/.well-known/lockstep.asc')
    const served = await page.request.get(`${suite.baseUrl}/.well-known/lockstep.asc`)
    expect(await served.text()).toBe(instance.armored)

    const footer = page.getByRole('contentinfo')
    expect(await footer.textContent()).toContain(`This instance’s OpenPGP key: ${grouped(instance.fingerprint)}`)
  })

  test('an organization’s admin adds and removes a mail contact; a member sees the contacts without changing them', async () => {
    const context = await suite.newContext()
    await signInWithApi(context, 'consortium@lockstep.demo', DEMO_PASSWORD)
    const page = await context.newPage()
    await page.goto('/')
    await expectPage(page, 'Welcome, Vic Vendor')
    await page.getByRole('link', { name: 'Sendmail Consortium', exact: true }).click()
    await expectPage(page, 'Sendmail Consortium')
    const contacts = page.getByRole('region', { name: 'Contacts' })
    // The demo directory gives the Consortium its security contact.
    await contacts.getByRole('row', { name: /sendmail-security@sendmail\.example/ }).waitFor()
    await contacts.getByRole('button', { name: 'Add contact' }).click()
    expect(await fieldErrorOf(contacts.getByLabel('Contact’s e-mail'))).not.toBe('')
    await contacts.getByLabel('Contact’s e-mail').fill('security@sendmail.example')
    await contacts.getByLabel('Contact’s name').fill('Sendmail Security')
    await contacts.getByRole('button', { name: 'Add contact' }).click()
    await contacts
      .getByRole('status')
      .getByText('security@sendmail.example is now a contact of Sendmail Consortium.')
      .waitFor()
    const row = contacts.getByRole('row', { name: /^security@sendmail\.example/ })
    expect(await row.textContent()).toContain('Sendmail Security')
    expect(await row.textContent()).toContain('Primary')
    const keys = page.getByRole('region', { name: 'OpenPGP keys' })
    await keys.getByText('No OpenPGP keys yet.').waitFor()
    await keys.getByLabel('The organization’s public key (ASCII-armored)').fill('not a key')
    await keys.getByRole('button', { name: 'Add key' }).click()
    expect(await fieldErrorOf(keys.getByLabel('The organization’s public key (ASCII-armored)'))).toContain(
      'The key is not an OpenPGP public key block',
    )
    await expectAccessible(page)

    // A member of another vendor with no say over its contacts: the lists, no forms.
    const member = await suite.newContext()
    await signInWithApi(member, 'sgi@lockstep.demo', DEMO_PASSWORD)
    const memberPage = await member.newPage()
    await memberPage.goto('/')
    await expectPage(memberPage, 'Welcome, Sam Graphics')
    await memberPage.getByRole('heading', { level: 3 }).getByRole('link', { name: 'SGI' }).click()
    await expectPage(memberPage, 'SGI')
    await memberPage
      .getByRole('region', { name: 'Contacts' })
      .getByRole('row', { name: /security-alert@sgi\.example/ })
      .waitFor()
    expect(await memberPage.getByRole('button', { name: 'Add contact' }).count()).toBe(0)
    expect(await memberPage.getByRole('button', { name: 'Add key' }).count()).toBe(0)

    await row.getByRole('button', { name: 'Remove the contact security@sendmail.example' }).click()
    await row.getByRole('button', { name: 'Yes, remove' }).click()
    await expect.poll(() => contacts.getByRole('row', { name: /^security@sendmail\.example/ }).count()).toBe(0)
    expect(await contacts.getByRole('row', { name: /sendmail-security@sendmail\.example/ }).count()).toBe(1)
  })

  test('the finder answers an encrypted notification by e-mail: the reply shows in the thread marked "by e-mail", in the ledger and in incoming mail', async () => {
    const db = suite.server.database.db
    // The finder has a key, so the notification carries the details (encrypted) and a reply address.
    const finder = await db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'finder@lockstep.demo')
      .executeTakeFirstOrThrow()
    await setOwnKey(db, finder.id, (await generateInstanceKey('Fran Finder', 'finder@lockstep.demo')).armoredPublicKey)
    const admin = await makeUser(db, { instanceRole: 'admin', name: 'Mo Mailadmin' })
    const context = await suite.newContext()
    await signInWithApi(context, admin.email, PASSWORD, admin.totp_secret)
    const page = await context.newPage()

    await page.goto(`/cases/${DEMO_CASE}?thread=case`)
    await expectPage(page, DEMO_CASE_TITLE)
    const caseWide = page.getByRole('region', { name: 'Everyone in the case' })
    await caseWide.getByLabel('Message to everyone in the case').fill('Can you test the patch for 8.12.8 this week?')
    await caseWide.getByRole('button', { name: 'Send message' }).click()
    await caseWide.getByRole('status').getByText('Message sent.').waitFor()

    // The notification, as the catcher kept it: encrypted, so its body is the armored block.
    await page.goto('/admin/mail')
    await expectPage(page, 'Mail')
    const notification = page
      .getByRole('region', { name: 'Outgoing mail' })
      .getByRole('row')
      .filter({ hasText: 'finder@lockstep.demo' })
      .filter({ hasText: 'Encrypted to their key' })
    await reloadUntil(page, 'Mail', notification)
    await notification.first().getByRole('link').click()
    await expectPage(page, /New message/)
    const body = page.getByRole('region', { name: 'Body' })
    expect(await body.getByText('The body is encrypted to the recipient’s OpenPGP key').count()).toBe(1)
    expect(await body.locator('pre').textContent()).toMatch(
      /^-----BEGIN PGP MESSAGE-----[\s\S]+-----END PGP MESSAGE-----$/,
    )
    expect(await body.textContent()).not.toContain('Can you test the patch')
    const headers = page.getByRole('region', { name: 'Headers' })
    const replyTo =
      (await headers
        .locator('div')
        .filter({ has: page.locator('dt', { hasText: /^Reply-To$/ }) })
        .locator('dd')
        .textContent()) ?? ''
    expect(replyTo).toMatch(/^reply\+[\w-]+@/)
    await expectAccessible(page)

    const answer = await sendMail(suite.server.mail.smtp!.port, {
      from: '"Fran Finder" <finder@lockstep.demo>',
      to: replyTo,
      subject: `Re: [${DEMO_CASE}] New message`,
      text: 'Yes: I will test it on Thursday.\n\nOn Monday, Lockstep wrote:\n> Can you test the patch for 8.12.8 this week?\n',
    })
    expect(answer.response).toMatch(/^250/)

    // The thread: the reply, marked as having come by e-mail; the staff's own message is not.
    await page.goto(`/cases/${DEMO_CASE}?thread=case`)
    await expectPage(page, DEMO_CASE_TITLE)
    const messages = page
      .getByRole('region', { name: 'Everyone in the case' })
      .getByRole('list', { name: 'Messages' })
      .getByRole('listitem')
    const reply = messages.filter({ hasText: 'Yes: I will test it on Thursday.' })
    await reloadUntil(page, DEMO_CASE_TITLE, reply)
    expect(await reply.getByText('by e-mail', { exact: true }).count()).toBe(1)
    expect(await reply.textContent()).toContain('Fran Finder')
    expect(await reply.textContent()).not.toContain('On Monday, Lockstep wrote')
    expect(
      await messages.filter({ hasText: 'Can you test the patch' }).getByText('by e-mail', { exact: true }).count(),
    ).toBe(0)
    // The ledger, on its own tab.
    await openCaseTab(page, DEMO_CASE, 'ledger')
    await expectPage(page, DEMO_CASE_TITLE)
    const ledger = page.getByRole('list', { name: 'Ledger entries, newest first' })
    // The ledger loads apart from the thread: wait for it rather than count what is there yet.
    await expect
      .poll(
        () =>
          ledger
            .getByRole('listitem')
            .filter({ hasText: /replied by e-mail in “/ })
            .count(),
        { timeout: 15_000 },
      )
      .toBe(1)
    await expect
      .poll(
        () =>
          ledger
            .getByRole('listitem')
            .filter({
              hasText:
                'Lockstep mailed finder@lockstep.demo: notice of a new message in a case thread (encrypted to their key',
            })
            .count(),
        { timeout: 15_000 },
      )
      .toBe(1)
    await expectAccessible(page)

    // Incoming mail: processed into a thread post, with the note.
    await page.goto('/admin/mail?box=incoming')
    await expectPage(page, 'Mail')
    const incoming = page
      .getByRole('region', { name: 'Incoming mail' })
      .getByRole('row')
      .filter({ hasText: 'finder@lockstep.demo' })
    await incoming.first().waitFor()
    expect(await incoming.first().textContent()).toContain('Processed')
    expect(await incoming.first().textContent()).toContain('Posted in a case thread')
    expect(await incoming.first().textContent()).toContain('posted to “Everyone in the case”')
    await expectAccessible(page)
  })
})
