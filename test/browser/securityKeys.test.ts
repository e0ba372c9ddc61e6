// Security keys, with Chromium's virtual authenticator standing in for a real one: register a
// key on the account page, sign out, and sign in again with password and key.
import { expect, test } from 'vitest'
import { makeUser, PASSWORD } from '../support/factories.js'
import { describeInBrowser, expectPage, signInWithApi, signInWithForm } from './support.js'

describeInBrowser('security keys', (suite) => {
  test('a key registered on the account page confirms the next sign-in', async () => {
    const user = await makeUser(suite.server.database.db, { name: 'Kim Keyholder' })
    const context = await suite.newContext()
    const page = await context.newPage()
    const cdp = await context.newCDPSession(page)
    await cdp.send('WebAuthn.enable')
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
      },
    })

    await signInWithApi(context, user.email, PASSWORD)
    await page.goto('/account')
    await expectPage(page, 'Your account')
    const keys = page.getByRole('region', { name: 'Security keys' })
    await keys.getByText('No security keys yet.').waitFor()
    await keys.getByLabel('Name for the key').fill('Laptop key')
    await keys.getByRole('button', { name: 'Add security key' }).click()
    await keys.getByText('Security key “Laptop key” is added.').waitFor()
    expect(
      await keys
        .getByRole('listitem')
        .filter({ hasText: 'Laptop key' })
        .getByText(/last used never/)
        .count(),
    ).toBe(1)

    await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click()
    await expectPage(page, 'Sign in to Lockstep')
    await signInWithForm(page, user.email, PASSWORD)
    await expectPage(page, 'Confirm it’s you')
    // This account has no authenticator app: the key is the only way on.
    expect(await page.getByLabel('Code from your authenticator app').count()).toBe(0)
    await page.getByRole('button', { name: 'Use a security key' }).click()
    await expectPage(page, 'Welcome, Kim Keyholder')

    await page.goto('/account')
    await expectPage(page, 'Your account')
    expect(await keys.getByText(/last used never/).count()).toBe(0)
  })
})
