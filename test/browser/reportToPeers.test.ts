// A coordinator sends a report in triage on to another coordinator's instance from the report's
// page: ticks the confirmed peer, keeps the label, sends it, and later reads that the peer found it
// valid there (onward notification; the API's own checks are in federationReports.test.ts).
import { afterAll, beforeAll, expect, test } from 'vitest'
import { ensureFederationKey } from '../../src/store/federation/key.js'
import { makeReport, makeUser, PASSWORD } from '../support/factories.js'
import { eventually, startInstance, type Instance } from '../support/federatedInstances.js'
import { describeInBrowser, expectPage, signInWithApi } from './support.js'

describeInBrowser(
  'reports sent on to other instances',
  (suite) => {
    let peer: Instance
    beforeAll(async () => {
      peer = await startInstance('pglite', 'CERT-B')
      // Both admins confirmed each other's fingerprint already (peers.test.ts clicks through that).
      const pin = async (db: Instance['database']['db'], other: { url: string; name: string; db: typeof db }) => {
        const key = await ensureFederationKey(other.db)
        await db
          .insertInto('federation_peers')
          .values({
            base_url: other.url,
            name: other.name,
            inbox_url: `${other.url}/federation/inbox`,
            key_id: key.keyId,
            public_key_pem: key.publicKeyPem,
            state: 'pinned',
          })
          .execute()
      }
      const here = suite.server.database.db
      await pin(here, { url: peer.url, name: 'CERT-B', db: peer.database.db })
      await pin(peer.database.db, { url: suite.baseUrl, name: 'CERT-A', db: here })
    })
    afterAll(async () => {
      await peer?.close()
    })

    test('a coordinator sends a report to a peer and reads its ruling', async () => {
      const db = suite.server.database.db
      const report = await makeReport(db, { title: 'Overflow reported across' })
      const coordinator = await makeUser(db, { instanceRole: 'coordinator' })
      const context = await suite.newContext()
      await signInWithApi(context, coordinator.email, PASSWORD, coordinator.totp_secret)
      const page = await context.newPage()
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
