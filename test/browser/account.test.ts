// The account page: an API token shown once, used and revoked; the time zone every time is shown
// in; a wrong current password; staff keeping their authenticator; signing out everywhere.
import { expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { makeUser, PASSWORD } from '../support/factories.js'
import { describeInBrowser, expectAccessible, expectPage, fieldErrorOf, signInWithApi } from './support.js'

describeInBrowser('the account page', (suite) => {
  async function accountPage(o: Parameters<typeof makeUser>[1] = {}): Promise<Page> {
    const user = await makeUser(suite.server.database.db, o)
    const context = await suite.newContext()
    await signInWithApi(context, user.email, PASSWORD, user.totp_secret)
    const page = await context.newPage()
    await page.goto('/account')
    await expectPage(page, 'Your account')
    return page
  }

  const me = (token: string) => fetch(`${suite.baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })

  test('an API token is shown once, works against the API, and stops working when revoked', async () => {
    const page = await accountPage({ email: 'script.owner@example.test' })
    const tokens = page.getByRole('region', { name: 'API tokens' })
    await tokens.getByText('No API tokens yet.').waitFor()
    await tokens.getByLabel('Token name').fill('SBOM upload from CI')
    await tokens.getByLabel('Expires after (days) (optional)').fill('30')
    await tokens.getByRole('button', { name: 'Create token' }).click()

    const secretField = tokens.getByRole('textbox', { name: 'New API token' })
    await secretField.waitFor()
    const token = await secretField.inputValue()
    expect(await secretField.getAttribute('readonly')).not.toBeNull()
    expect(await tokens.getByText('This is the only time Lockstep shows it').count()).toBe(1)
    await expectAccessible(page)

    const answer = await me(token)
    expect(answer.status).toBe(200)
    expect(((await answer.json()) as { email: string }).email).toBe('script.owner@example.test')

    await tokens.getByRole('button', { name: 'I have copied it' }).click()
    await secretField.waitFor({ state: 'detached' })
    const row = tokens.getByRole('row', { name: /SBOM upload from CI/ })
    expect(await row.getByText(token.slice(0, 8)).count()).toBe(1)
    expect(await row.getByText('Active').count()).toBe(1)
    // Only a prefix is ever shown again, never the secret.
    expect(await page.content()).not.toContain(token)

    await row.getByRole('button', { name: 'Revoke token SBOM upload from CI' }).click()
    await row.getByRole('button', { name: 'Yes, revoke' }).click()
    await row.getByText(/Revoked/).waitFor()
    expect(await row.getByRole('button', { name: /Revoke/ }).count()).toBe(0)
    expect((await me(token)).status).toBe(401)
  })

  test('times are shown in the time zone chosen in the profile, with its name', async () => {
    const page = await accountPage()
    const sessions = page.getByRole('region', { name: 'Signed-in browsers' })
    await sessions.getByText('(UTC)').first().waitFor()
    const profile = page.getByRole('region', { name: 'Profile' })
    await profile.getByLabel('Time zone').selectOption('Asia/Tokyo')
    await profile.getByRole('button', { name: 'Save profile' }).click()
    await profile.getByText('Your profile is saved.').waitFor()
    await sessions.getByText('(Asia/Tokyo)').first().waitFor()
    expect(await sessions.getByText('(UTC)').count()).toBe(0)
  })

  test('a wrong current password is named next to its field', async () => {
    const page = await accountPage()
    const password = page.getByRole('region', { name: 'Password' })
    await password.getByLabel('Current password').fill('this is not it at all')
    await password.getByLabel('New password', { exact: true }).fill('another long passphrase here')
    await password.getByLabel('New password again').fill('another long passphrase here')
    await password.getByRole('button', { name: 'Change password' }).click()
    expect(await fieldErrorOf(password.getByLabel('Current password'))).toContain('is not your current password')
    await expectAccessible(page)
  })

  test('staff are not offered to remove their authenticator app, and are told whom to ask', async () => {
    const page = await accountPage({ instanceRole: 'coordinator' })
    const authenticator = page.getByRole('region', { name: 'Authenticator app' })
    expect(await authenticator.getByText('Set up', { exact: true }).count()).toBe(1)
    await authenticator.getByText('an instance admin can reset it for you').waitFor()
    expect(await authenticator.getByRole('button', { name: 'Remove the authenticator app' }).count()).toBe(0)
  })

  test('signing out everywhere ends this browser’s session too', async () => {
    const page = await accountPage()
    const sessions = page.getByRole('region', { name: 'Signed-in browsers' })
    await sessions.getByText('This browser').waitFor()
    await sessions.getByRole('button', { name: 'Sign out everywhere' }).click()
    await sessions.getByRole('button', { name: 'Yes, sign out everywhere' }).click()
    await expectPage(page, 'Sign in to Lockstep')
    await page.goto('/account')
    await expectPage(page, 'Sign in to Lockstep')
  })

  test('when the session ends elsewhere, the next action leads to sign-in, keeping the page to return to', async () => {
    const page = await accountPage()
    // Another browser signs this account out everywhere (the API call shares this page's cookie).
    const { csrfToken } = (await (await page.request.get('/api/v1/session')).json()) as { csrfToken: string }
    expect((await page.request.delete('/api/v1/sessions', { headers: { 'x-csrf-token': csrfToken } })).status()).toBe(
      200,
    )
    const tokens = page.getByRole('region', { name: 'API tokens' })
    await tokens.getByLabel('Token name').fill('Too late')
    await tokens.getByRole('button', { name: 'Create token' }).click()
    await expectPage(page, 'Sign in to Lockstep')
    expect(new URL(page.url()).search).toBe('?next=%2Faccount')
    expect(await page.getByRole('alert').textContent()).toContain('Your session has ended')
  })
})
