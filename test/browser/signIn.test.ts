// Signing in as the demo's people: a vendor straight to their home page, the admin through the
// authenticator step, a wrong password, the keyboard alone, and the guards around it all.
import { expect, test } from 'vitest'
import { makeUser, PASSWORD } from '../support/factories.js'
import {
  DEMO_PASSWORD,
  describeInBrowser,
  expectAccessible,
  expectPage,
  fieldErrorOf,
  focusIsVisible,
  signInWithForm,
  tabTo,
} from './support.js'

describeInBrowser('signing in', (suite) => {
  test('a demo vendor picks their account on the sign-in page and sees their organization at home', async () => {
    const page = await suite.newPage()
    // The front page is the public face (advisories, how to report); signing in is one link away.
    await page.goto('/')
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sign in', exact: true }).click()
    await expectPage(page, 'Sign in to Lockstep')
    expect(new URL(page.url()).pathname).toBe('/sign-in')

    await page.getByRole('button', { name: 'Use Vic Vendor' }).click()
    await expect.poll(() => page.getByLabel('E-mail address').inputValue()).toBe('consortium@lockstep.demo')
    await page.getByRole('button', { name: 'Sign in' }).click()

    await expectPage(page, 'Welcome, Vic Vendor')
    const organizations = page.getByRole('region', { name: 'Your organizations' })
    await expect
      .poll(() => organizations.getByRole('link', { name: 'Sendmail Consortium', exact: true }).count())
      .toBe(1)
    // The demo case, where the Sendmail Consortium is a vendor, is the one case they see.
    const cases = page.getByRole('region', { name: 'Your cases', exact: true }).last()
    await cases.waitFor()
    expect(await cases.textContent()).toContain('Remote root in sendmail header processing')
    const header = page.getByRole('banner')
    expect(await header.getByLabel('Organization').locator('option:checked').textContent()).toBe('Sendmail Consortium')
    expect(await header.getByText('Vic Vendor').isVisible()).toBe(true)
    // A vendor is not staff: no way into administration.
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).count()).toBe(0)
  })

  test('the demo admin passes the authenticator step with the code the page shows, then opens users and organizations', async () => {
    const page = await suite.newPage()
    await page.goto('/sign-in')
    await page.getByRole('button', { name: 'Use Ada Admin' }).click()
    await page.getByRole('button', { name: 'Sign in' }).click()

    await expectPage(page, 'Confirm it’s you')
    const shown = page.getByText(/Demo: the current code is/)
    await shown.waitFor()
    const code = /(\d{6})/.exec((await shown.textContent()) ?? '')?.[1]
    expect(code).toMatch(/^\d{6}$/)
    await page.getByRole('button', { name: 'Fill in the demo code' }).click()
    await expect.poll(() => page.getByLabel('Code from your authenticator app').inputValue()).toBe(code)
    await page.getByRole('button', { name: 'Verify code' }).click()

    await expectPage(page, 'Welcome, Ada Admin')
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click()
    await expectPage(page, 'Users')
    const users = page.getByRole('region', { name: 'Users' })
    expect(await users.getByRole('rowheader', { name: 'Casey Coordinator' }).count()).toBe(1)
    expect(await page.getByText('Showing 1–7 of 7 users').count()).toBe(1)

    await page.getByLabel('Search users').fill('sgi')
    await page.getByRole('button', { name: 'Search', exact: true }).click()
    await expect.poll(() => page.getByText('Showing 1–1 of 1 users').count()).toBe(1)
    expect(await users.getByRole('rowheader').allTextContents()).toEqual(['Sam Graphics'])

    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Organizations' }).click()
    await expectPage(page, 'Organizations')
    const organizations = page.getByRole('region', { name: 'Organizations' })
    expect(await organizations.getByRole('link', { name: 'Red Hat' }).count()).toBe(1)
    await page.getByLabel('Filter by kind').selectOption({ label: 'Owner' })
    await expect
      .poll(() => organizations.getByRole('rowheader').allTextContents())
      .toEqual(['Example Power & Light', 'Harbour Hosting', 'Riverside University'])

    // At 200% zoom (half the width) nothing spills sideways out of the page.
    await page.setViewportSize({ width: 640, height: 450 })
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth),
    ).toBe(true)
    await expectAccessible(page)
  })

  test('a wrong password is refused with a message inside the sign-in form', async () => {
    const page = await suite.newPage()
    await signInWithForm(page, 'redhat@lockstep.demo', 'not the password')
    const alert = page.locator('form').getByRole('alert')
    await alert.waitFor()
    expect(await alert.textContent()).toContain('The e-mail address or the password is not right.')
    expect(new URL(page.url()).pathname).toBe('/sign-in')
    await expectPage(page, 'Sign in to Lockstep')
  })

  test('a wrong authenticator code is named at its field, and five of them send the person back to their password', async () => {
    const staff = await makeUser(suite.server.database.db, { instanceRole: 'coordinator' })
    const page = await suite.newPage()
    await signInWithForm(page, staff.email, PASSWORD)
    await expectPage(page, 'Confirm it’s you')
    const code = page.getByLabel('Code from your authenticator app')
    await code.fill('000000')
    await page.getByRole('button', { name: 'Verify code' }).click()
    expect(await fieldErrorOf(code)).toContain('is not the current code of your authenticator app')
    await expectAccessible(page)

    for (let attempt = 2; attempt <= 5; attempt++) {
      const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/session/totp'))
      await page.getByRole('button', { name: 'Verify code' }).click()
      await answered
    }
    await expectPage(page, 'Sign in to Lockstep')
    await page.getByRole('alert').getByText('Too many wrong codes: sign in again with your password.').waitFor()
  })

  test('a person using only the keyboard signs in and out', async () => {
    const page = await suite.newPage()
    await page.goto('/sign-in')
    await expectPage(page, 'Sign in to Lockstep')

    await tabTo(page, (f) => f.label === 'Skip to main content')
    expect(await focusIsVisible(page)).toBe(true)
    await tabTo(page, (f) => f.label === 'E-mail address')
    expect(await focusIsVisible(page)).toBe(true)
    await page.keyboard.type('owner@lockstep.demo')
    await page.keyboard.press('Tab')
    await page.keyboard.type(DEMO_PASSWORD)
    await page.keyboard.press('Enter')
    await expectPage(page, 'Welcome, Olive Owner')

    await tabTo(page, (f) => f.tag === 'button' && f.label === 'Sign out')
    expect(await focusIsVisible(page)).toBe(true)
    await page.keyboard.press('Enter')
    await expectPage(page, 'Sign in to Lockstep')
  })

  test('a protected page asks a visitor to sign in, then returns to it', async () => {
    const page = await suite.newPage()
    await page.goto('/account')
    await expectPage(page, 'Sign in to Lockstep')
    expect(new URL(page.url()).search).toBe('?next=%2Faccount')
    await page.getByLabel('E-mail address').fill('finder@lockstep.demo')
    await page.getByLabel('Password').fill(DEMO_PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expectPage(page, 'Your account')
    expect(new URL(page.url()).pathname).toBe('/account')
  })

  test('an unknown address shows a page that says so', async () => {
    const page = await suite.newPage()
    await page.goto('/no/such/page')
    await expectPage(page, 'Page not found')
    expect(await page.getByText('There is no page at /no/such/page').count()).toBe(1)
    await page.getByRole('link', { name: 'Go to the front page' }).click()
    await expectPage(page, 'Coordinated vulnerability disclosure')
  })
})
