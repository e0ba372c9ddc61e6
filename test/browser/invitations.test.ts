// Bringing people in: an admin creates an organization and invites someone who joins through the
// link; invited staff set up their authenticator first; an organization admin who is not staff
// runs their own organization from home.
import { expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { currentTotp } from '../../src/security/totp.js'
import { findOrganizationBySlug } from '../../src/store/organizations.js'
import { makeUser, PASSWORD } from '../support/factories.js'
import { DEMO_PASSWORD, describeInBrowser, expectPage, fieldErrorOf, signInWithApi } from './support.js'

const NEW_PASSWORD = 'a brand new passphrase for lockstep'

describeInBrowser('invitations', (suite) => {
  /** A fresh instance admin (with a known authenticator secret), signed in on a new page. */
  async function adminPage(): Promise<Page> {
    const admin = await makeUser(suite.server.database.db, { instanceRole: 'admin' })
    const context = await suite.newContext()
    await signInWithApi(context, admin.email, PASSWORD, admin.totp_secret)
    return context.newPage()
  }

  async function copiedValue(page: Page, label: string): Promise<string> {
    const field = page.getByRole('textbox', { name: label, exact: true })
    await field.waitFor()
    return field.inputValue()
  }

  /** The invitation link, for tests about what the invitee sees. */
  async function inviteWithApi(page: Page, invitation: Record<string, string>): Promise<string> {
    const { csrfToken } = (await (await page.request.get('/api/v1/session')).json()) as { csrfToken: string }
    const reply = await page.request.post('/api/v1/invitations', {
      data: invitation,
      headers: { 'x-csrf-token': csrfToken },
    })
    expect(reply.status()).toBe(201)
    return ((await reply.json()) as { url: string }).url
  }

  test('an admin creates an organization and invites someone, who opens the link and lands at home in it', async () => {
    const page = await adminPage()
    await page.goto('/admin/organizations')
    await expectPage(page, 'Organizations')
    const createForm = page.getByRole('region', { name: 'Create an organization' })
    await createForm.getByLabel('Name').fill('Example Mail Systems')
    await createForm.getByLabel('Kind').selectOption({ label: 'Vendor' })
    await createForm.getByRole('button', { name: 'Create organization' }).click()
    await createForm.getByRole('status').getByText('Example Mail Systems is created.').waitFor()
    await page
      .getByRole('region', { name: 'Organizations' })
      .getByRole('link', { name: 'Example Mail Systems' })
      .waitFor()

    await createForm.getByRole('link', { name: 'Invite its members' }).click()
    await expectPage(page, 'Example Mail Systems')
    await page.getByLabel('E-mail address').fill('mia.mailer@example.test')
    await page.getByRole('button', { name: 'Invite to Example Mail Systems' }).click()
    const link = await copiedValue(page, 'Invitation link for mia.mailer@example.test')
    expect(link).toMatch(new RegExp(`^${suite.baseUrl}/invite/.+`))
    const invitations = page.getByRole('region', { name: 'Invitations to Example Mail Systems' })
    await invitations.getByRole('rowheader', { name: 'mia.mailer@example.test' }).waitFor()
    expect(await invitations.getByText('Pending').count()).toBe(1)

    const invitee = await suite.newPage()
    await invitee.goto(link)
    await expectPage(invitee, 'Your invitation')
    expect(await invitee.getByText('mia.mailer@example.test is invited to join Example Mail Systems.').count()).toBe(1)
    await invitee.getByLabel('Your name').fill('Mia Mailer')
    await invitee.getByLabel('Password', { exact: true }).fill(NEW_PASSWORD)
    await invitee.getByLabel('Password again').fill(NEW_PASSWORD)
    await invitee.getByRole('button', { name: 'Create account and join' }).click()
    await expectPage(invitee, 'Welcome, Mia Mailer')
    expect(
      await invitee
        .getByRole('region', { name: 'Your organizations' })
        .getByRole('link', { name: 'Example Mail Systems', exact: true })
        .count(),
    ).toBe(1)

    // The admin sees the new member, and the invitation as accepted.
    await page.reload()
    await expectPage(page, 'Example Mail Systems')
    expect(
      await page.getByRole('region', { name: 'Members' }).getByRole('rowheader', { name: 'Mia Mailer' }).count(),
    ).toBe(1)
    expect(await invitations.getByText('Accepted').count()).toBe(1)
  })

  test('two different passwords on the invitation form are caught next to the field', async () => {
    const page = await adminPage()
    const sgi = await findOrganizationBySlug(suite.server.database.db, 'sgi')
    const url = await inviteWithApi(page, { email: 'typo@example.test', organizationId: sgi!.id })
    const invitee = await suite.newPage()
    await invitee.goto(url)
    await expectPage(invitee, 'Your invitation')
    await invitee.getByLabel('Your name').fill('Tim Typo')
    await invitee.getByLabel('Password', { exact: true }).fill(NEW_PASSWORD)
    await invitee.getByLabel('Password again').fill(`${NEW_PASSWORD}!`)
    await invitee.getByRole('button', { name: 'Create account and join' }).click()
    expect(await fieldErrorOf(invitee.getByLabel('Password again'))).toContain('does not match the password')
    expect(await invitee.getByRole('alert').textContent()).toContain('The two passwords differ.')
  })

  test('invited staff must set up an authenticator app before anything else', async () => {
    const page = await adminPage()
    await page.goto('/admin/invitations')
    await expectPage(page, 'Invitations')
    const staffForm = page.getByRole('region', { name: 'Invite staff' })
    await staffForm.getByLabel('E-mail address').fill('cody.coordinator@example.test')
    await staffForm.getByLabel('Role').selectOption({ label: 'Coordinator' })
    await staffForm.getByRole('button', { name: 'Invite staff member' }).click()
    const link = await copiedValue(page, 'Invitation link for cody.coordinator@example.test')

    const invitee = await suite.newPage()
    await invitee.goto(link)
    await expectPage(invitee, 'Your invitation')
    await invitee.getByLabel('Your name').fill('Cody Coordinator')
    await invitee.getByLabel('Password', { exact: true }).fill(NEW_PASSWORD)
    await invitee.getByLabel('Password again').fill(NEW_PASSWORD)
    await invitee.getByRole('button', { name: 'Create account and join' }).click()

    await expectPage(invitee, 'Set up your authenticator app')
    // Home is out of reach until it is done.
    await invitee.goto('/')
    await expectPage(invitee, 'Set up your authenticator app')
    await invitee.getByRole('button', { name: 'Set up an authenticator app' }).click()
    const secret = await copiedValue(invitee, 'Key')
    expect(await invitee.getByLabel('Setup link (otpauth URI)').inputValue()).toMatch(/^otpauth:\/\/totp\//)
    await expectPage(invitee, 'Set up your authenticator app')
    await invitee.getByLabel('Code shown by the app').fill(currentTotp(secret))
    await invitee.getByRole('button', { name: 'Confirm' }).click()
    await expectPage(invitee, 'Welcome, Cody Coordinator')
    expect(await invitee.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).count()).toBe(1)
  })

  test('an organization admin who is not staff reaches their organization from home and invites a colleague', async () => {
    const context = await suite.newContext()
    await signInWithApi(context, 'redhat@lockstep.demo', DEMO_PASSWORD)
    const page = await context.newPage()
    await page.goto('/')
    await expectPage(page, 'Welcome, Rae Hat')
    await page.getByRole('link', { name: 'Members and invitations of Red Hat' }).click()
    await expectPage(page, 'Red Hat')
    expect(
      await page
        .getByRole('region', { name: 'Members' })
        .getByRole('rowheader', { name: /Rae Hat/ })
        .count(),
    ).toBe(1)
    await page.getByLabel('E-mail address').fill('colleague@redhat.example')
    await page.getByLabel('Role', { exact: true }).selectOption({ label: 'Member' })
    await page.getByRole('button', { name: 'Invite to Red Hat' }).click()
    expect(await copiedValue(page, 'Invitation link for colleague@redhat.example')).toContain('/invite/')
  })
})
