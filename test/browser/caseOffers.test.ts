// A coordinator shares a case with another coordinator's instance from the case's summary: picks
// the confirmed peer, says whether the finder agreed to be named, offers it, and later reads that it
// was accepted there, and on the ledger tab that the peer's signed ledger head came and checks out.
// Cases offered by the peer wait on Home, where a coordinator accepts one and is shown the shared
// case opened here.
import { expect, test } from 'vitest'
import { makeCase } from '../support/factories.js'
import { eventually } from '../support/federatedInstances.js'
import { peerInstance } from './peerInstance.js'
import { describeInBrowser, expectPage, pageOfNewUser } from './support.js'

describeInBrowser(
  'cases shared with other instances',
  (suite) => {
    const peer = peerInstance(suite, { pinned: true })

    test('a coordinator offers a case to a peer and sees it accepted; an offer from the peer is accepted on Home', async () => {
      const db = suite.server.database.db
      const c = await makeCase({ db }, { title: 'Overflow offered across' })
      const page = await pageOfNewUser(suite, 'coordinator')
      await page.goto(`/cases/${c.case_number}`)
      await page.getByRole('heading', { name: 'Other coordinators' }).waitFor()
      await page.getByLabel('Offer this case to').selectOption({ label: `CERT-B (${peer.url})` })
      await page.getByLabel('The finder agreed to be named to them').check()
      await page.getByRole('button', { name: 'Offer the case' }).click()
      await page.getByText(/The offer is on its way/).waitFor()
      await page.getByText(/Offered to CERT-B .*Waiting for an answer/).waitFor()
      await expectPage(page, 'Overflow offered across')

      const offers = await eventually(
        async () => (await peer.admin.get('/api/v1/federation/offers')).json() as { id: string }[],
        (o) => o.length === 1,
      )
      expect((await peer.admin.post(`/api/v1/federation/offers/${offers[0]!.id}/accept`, {})).statusCode).toBe(200)
      await expect
        .poll(
          async () => {
            await page.reload()
            await page.getByRole('heading', { name: 'Other coordinators' }).waitFor()
            return page.getByText(/Offered to CERT-B .*Accepted: the case is shared/).count()
          },
          { timeout: 20_000, interval: 500 },
        )
        .toBe(1)

      // CERT-B writes in the shared case: its message carries its signed ledger head, which the
      // ledger tab here shows, checked against CERT-B's ledger key.
      const sharedAtB = await peer.database.db
        .selectFrom('cases')
        .select('id')
        .where('title', '=', 'Overflow offered across')
        .executeTakeFirstOrThrow()
      const note = { body: 'Written on CERT-B.', tlp: 'GREEN' }
      expect((await peer.admin.post(`/api/v1/cases/${sharedAtB.id}/threads/case/messages`, note)).statusCode).toBe(201)
      await expect
        .poll(
          async () => {
            await page.goto(`/cases/${c.case_number}/ledger`)
            await page.getByRole('heading', { name: 'Signed ledger heads' }).waitFor()
            return page.getByText(/CERT-B: their signed head for entry \d+, received .*, signature checked/).count()
          },
          { timeout: 20_000, interval: 500 },
        )
        .toBeGreaterThan(0)
      await page.getByRole('heading', { name: 'Ledgers of the instances sharing this case' }).waitFor()
      expect(await page.getByText(/Disagreement found/).count()).toBe(0)

      // The other way: CERT-B offers one of its cases here; it waits on Home.
      const theirs = await makeCase({ db: peer.database.db }, { title: 'Offered by CERT-B' })
      const aAtB = (await peer.admin.get('/api/v1/federation/peers')).json()[0].id as string
      expect((await peer.admin.post(`/api/v1/cases/${theirs.id}/peer-offers`, { peerId: aAtB })).statusCode).toBe(202)
      await expect
        .poll(
          async () => {
            await page.goto('/')
            await page.getByRole('heading', { name: /Cases/ }).first().waitFor()
            return page.getByRole('heading', { name: 'Offered by CERT-B' }).count()
          },
          { timeout: 20_000, interval: 500 },
        )
        .toBe(1)
      await expectPage(page, /^Welcome/)
      await page.getByRole('button', { name: 'Accept and share the case' }).click()
      await page.getByText(/Offered by CERT-B from CERT-B: Accepted: the case is shared as/).waitFor()
    })
  },
  { demo: false },
)
