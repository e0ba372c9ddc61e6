// An instance admin federates with another Lockstep instance: adds it by its address, sees its
// fingerprint, is refused a wrong one, confirms the right one (the key is pinned) and sends it a
// note, which the page then shows delivered.
import { expect, test } from 'vitest'
import { trustPeer } from '../support/federatedInstances.js'
import { peerInstance } from './peerInstance.js'
import { describeInBrowser, expectPage, pageOfNewUser } from './support.js'

describeInBrowser(
  'peer instances',
  (suite) => {
    const peer = peerInstance(suite, { pinned: false })

    test('an admin adds a peer, confirms its fingerprint and sends it a note that is delivered', async () => {
      // The other side already trusts this instance (its admin confirmed our fingerprint there).
      await trustPeer(peer.database.db, { url: suite.baseUrl, name: 'This instance', db: suite.server.database.db })
      const fingerprint = (
        (await (await fetch(`${peer.url}/.well-known/lockstep-peer`)).json()) as { fingerprint: string }
      ).fingerprint

      const page = await pageOfNewUser(suite, 'admin')
      await page.goto('/admin/peers')
      await expectPage(page, 'Peer instances')
      await page.getByText('No peer instances yet.').waitFor()
      await page.getByText(/This instance’s fingerprint, to read to the other admin/).waitFor()

      await page.getByLabel('Its address').fill(peer.url)
      await page.getByRole('button', { name: 'Add', exact: true }).click()
      const row = page.getByRole('row', { name: /CERT-B/ })
      await row.getByText('Waiting for its fingerprint to be confirmed').waitFor()
      expect(await row.getByText(fingerprint).count()).toBe(1)

      const field = page.getByLabel('Fingerprint of CERT-B, as its admin told you')
      await field.fill('0000 0000')
      await page.getByRole('button', { name: 'Confirm and pin its key' }).click()
      await page
        .getByText(/is not the fingerprint of the key this peer published/)
        .first()
        .waitFor()
      await field.fill(fingerprint)
      await page.getByRole('button', { name: 'Confirm and pin its key' }).click()
      await row.getByText('Confirmed').waitFor()

      await page.getByLabel('A note to CERT-B').fill('Hello from the browser')
      await page.getByRole('button', { name: 'Send', exact: true }).click()
      await page.getByText(/The note is on its way/).waitFor()
      // The page shows what the outbox did once it is read again.
      await expect
        .poll(
          async () => {
            await page.reload()
            await page.getByRole('heading', { name: 'Peer instances' }).waitFor()
            return page.getByRole('row', { name: /Sent.*A note.*Delivered/ }).count()
          },
          { timeout: 20_000, interval: 500 },
        )
        .toBe(1)
      await expectPage(page, 'Peer instances')
    })
  },
  { demo: false },
)
