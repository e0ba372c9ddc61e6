// Administration of users: paging through them, changing an instance role, disabling an account
// (which can then no longer sign in) and handing out a password reset link.
import { expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { makeUser, PASSWORD } from '../support/factories.js'
import { describeInBrowser, expectPage, signInWithApi, signInWithForm } from './support.js'

const NEW_PASSWORD = 'a brand new passphrase for lockstep'

describeInBrowser('administering users', (suite) => {
  async function adminPage(): Promise<Page> {
    const admin = await makeUser(suite.server.database.db, { instanceRole: 'admin' })
    const context = await suite.newContext()
    await signInWithApi(context, admin.email, PASSWORD, admin.totp_secret)
    return context.newPage()
  }

  test('an admin pages through users, makes one a coordinator and disables another, who can then no longer sign in', async () => {
    for (let i = 1; i <= 20; i++)
      await makeUser(suite.server.database.db, {
        name: `Pager ${String(i).padStart(2, '0')}`,
        email: `pager-${i}@example.test`,
      })
    const promoted = await makeUser(suite.server.database.db, { name: 'Pat Promoted', email: 'pat@example.test' })
    const disabled = await makeUser(suite.server.database.db, { name: 'Dee Disabled', email: 'dee@example.test' })
    const page = await adminPage()
    await page.goto('/admin/users')
    await expectPage(page, 'Users')
    const users = page.getByRole('region', { name: 'Users' })

    const total = await page.getByText(/^Showing 1–20 of \d+ users$/).textContent()
    const count = Number(/of (\d+)/.exec(total ?? '')?.[1])
    expect(count).toBeGreaterThan(20)
    expect(await users.getByRole('row').count()).toBe(21)
    await page.getByRole('button', { name: 'Next page' }).click()
    await page.getByText(`Showing 21–${Math.min(40, count)} of ${count} users`).waitFor()
    expect(await page.getByRole('button', { name: 'Previous page' }).isEnabled()).toBe(true)

    await page.getByLabel('Search users').fill('example.test')
    await page.getByRole('button', { name: 'Search', exact: true }).click()
    await page.getByText(/^Showing 1–20 of 2\d users$/).waitFor()

    await page.getByLabel('Search users').fill(promoted.email)
    await page.getByRole('button', { name: 'Search', exact: true }).click()
    await page.getByText('Showing 1–1 of 1 users').waitFor()
    await page.getByLabel('Instance role of Pat Promoted').selectOption({ label: 'Coordinator' })
    await page.getByRole('button', { name: 'Save the role of Pat Promoted' }).click()
    await users
      .getByRole('row', { name: /Pat Promoted/ })
      .getByRole('cell', { name: 'Coordinator', exact: true })
      .waitFor()

    await page.getByLabel('Search users').fill(disabled.email)
    await page.getByRole('button', { name: 'Search', exact: true }).click()
    await page.getByText('Showing 1–1 of 1 users').waitFor()
    const row = users.getByRole('row', { name: /Dee Disabled/ })
    await row.getByRole('button', { name: 'Disable Dee Disabled' }).click()
    await row.getByRole('button', { name: 'Yes, disable' }).click()
    await row.getByText('Disabled', { exact: true }).waitFor()
    expect(await row.getByRole('button', { name: 'Enable Dee Disabled' }).count()).toBe(1)

    const refused = await suite.newPage()
    await signInWithForm(refused, disabled.email, PASSWORD)
    await refused
      .locator('form')
      .getByRole('alert')
      .getByText('The e-mail address or the password is not right.')
      .waitFor()
  })

  test('an admin hands out a reset link, and the user chooses a new password with it', async () => {
    const locked = await makeUser(suite.server.database.db, { name: 'Lou Lockedout' })
    const page = await adminPage()
    await page.goto('/admin/users')
    await expectPage(page, 'Users')
    await page.getByLabel('Search users').fill(locked.email)
    await page.getByRole('button', { name: 'Search', exact: true }).click()
    await expect.poll(() => page.getByText('Showing 1–1 of 1 users').count()).toBe(1)
    await page.getByRole('button', { name: 'Issue a password reset link for Lou Lockedout' }).click()
    const link = await page.getByRole('textbox', { name: 'Password reset link' }).inputValue()

    const user = await suite.newPage()
    await user.goto(link)
    await expectPage(user, 'Choose a new password')
    await user.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD)
    await user.getByLabel('New password again').fill(NEW_PASSWORD)
    await user.getByRole('button', { name: 'Set the new password' }).click()
    await user.getByText('Your password is changed.').waitFor()
    await user.getByRole('main').getByRole('link', { name: 'Sign in' }).click()
    await expectPage(user, 'Sign in to Lockstep')
    await signInWithForm(user, locked.email, NEW_PASSWORD)
    await expectPage(user, 'Welcome, Lou Lockedout')
  })
})
