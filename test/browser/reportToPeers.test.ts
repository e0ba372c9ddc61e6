// A coordinator sends a report in triage on to another coordinator's instance from the report's
// page: ticks the confirmed peer, keeps the label, sends it, and later reads that the peer found it
// valid there (onward notification; the API's own checks are in federationReports.test.ts).
import { expect, test } from 'vitest'
import { makeReport } from '../support/factories.js'
import { eventually } from '../support/federatedInstances.js'
import { peerInstance } from './peerInstance.js'
import { describeInBrowser, expectPage, pageOfNewUser } from './support.js'

describeInBrowser(
  'reports sent on to other instances',
  (suite) => {
    const peer = peerInstance(suite, { pinned: true })

    test('a coordinator sends a report to a peer and reads its ruling', async () => {
      const report = await makeReport(suite.server.database.db, { title: 'Overflow reported across' })
      const page = await pageOfNewUser(suite, 'coordinator')
      await page.goto(`/reports/${report.id}`)
      await page.getByRole('heading', { name: 'Other coordinators' }).waitFor()
      await page.getByLabel(`CERT-B (${peer.url})`).check()
      await page.getByRole('button', { name: 'Send to peers' }).click()
      await page.getByText(/The report is on its way to each of them/).waitFor()
      await page.getByText(/CERT-B: told .*TLP:AMBER/).waitFor()
      await expectPage(page, 'Overflow reported across')

      const atPeer = await eventually(
        async () => (await peer.admin.get('/api/v1/reports?view=all')).json().items as { id: string; title: string }[],
        (items) => items.some((r) => r.title === 'Overflow reported across'),
      )
      const id = atPeer.find((r) => r.title === 'Overflow reported across')!.id
      expect((await peer.admin.post(`/api/v1/reports/${id}/transitions`, { event: 'validate' })).statusCode).toBe(200)
      await expect
        .poll(
          async () => {
            await page.reload()
            await page.getByRole('heading', { name: 'Other coordinators' }).waitFor()
            return page.getByText(/CERT-B: told .*found valid/).count()
          },
          { timeout: 20_000, interval: 500 },
        )
        .toBe(1)
    })
  },
  { demo: false },
)
