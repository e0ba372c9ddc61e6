// A demo instance says so on every page, before and after signing in; a real instance shows no
// banner, no demo accounts and no authenticator codes.
import { expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { makeUser, PASSWORD } from '../support/factories.js'
import { describeInBrowser, expectPage, signInWithApi } from './support.js'

function banner(page: Page) {
  return page.getByRole('region', { name: 'Demo instance' })
}

describeInBrowser('the demo banner on a demo instance', (suite) => {
  test('is on the sign-in page, the report form and the pages after signing in, saying the accounts are public', async () => {
    const page = await suite.newPage()
    await page.goto('/sign-in')
    await expectPage(page, 'Sign in to Lockstep')
    expect(await banner(page).textContent()).toBe(
      'Demo instance. Its accounts and passwords are public: anyone who reaches it can sign in as its admin. Do not put real vulnerability reports here.',
    )
    expect(await page.getByRole('heading', { name: 'Demo accounts' }).isVisible()).toBe(true)

    await page.goto('/report')
    await expectPage(page, 'Report a vulnerability')
    expect(await banner(page).isVisible()).toBe(true)

    await signInWithApi(page.context(), 'consortium@lockstep.demo', 'sendmail-8.12.8')
    await page.goto('/')
    await expectPage(page, 'Welcome, Vic Vendor')
    expect(await banner(page).isVisible()).toBe(true)
    await page.goto('/cases')
    await expectPage(page, 'Cases')
    expect(await banner(page).isVisible()).toBe(true)
  })
})

describeInBrowser(
  'a real (non-demo) instance',
  (suite) => {
    test('shows no banner, no demo accounts and serves no demo authenticator code', async () => {
      const page = await suite.newPage()
      await page.goto('/sign-in')
      await expectPage(page, 'Sign in to Lockstep')
      expect(await banner(page).count()).toBe(0)
      expect(await page.getByRole('heading', { name: 'Demo accounts' }).count()).toBe(0)
      const code = await page.request.post('/api/v1/demo/totp-code', { data: { email: 'admin@lockstep.demo' } })
      expect(code.status()).toBe(404)

      const user = await makeUser(suite.server.database.db, { name: 'Rita Real' })
      await signInWithApi(page.context(), user.email, PASSWORD)
      await page.goto('/')
      await expectPage(page, 'Welcome, Rita Real')
      expect(await banner(page).count()).toBe(0)
    })
  },
  { demo: false },
)
