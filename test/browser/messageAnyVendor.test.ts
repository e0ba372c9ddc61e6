// A staff "Message" to any vendor of a large case opens its private thread, wherever the vendor
// comes in the participants table: here the 60th of a case with 60 vendors, on the table's second
// page, with nothing said to it yet (so no thread list lists it). It once answered "Thread not
// found", as the page looked for the thread among the first 50 participants only.
import { expect, test } from 'vitest'
import {
  demoCoordinatorSession,
  describeInBrowser,
  expectAccessible,
  expectPage,
  openCaseTab,
  openFreshSendmailCase,
} from './support.js'

describeInBrowser('messaging any vendor of a large case', (suite) => {
  const coordinatorPage = demoCoordinatorSession(suite)

  test('the 60th vendor’s Message opens its private thread, ready for the first message', async () => {
    const caseNumber = await openFreshSendmailCase(suite)
    const db = suite.server.database.db
    const c = await db.selectFrom('cases').select('id').where('case_number', '=', caseNumber).executeTakeFirstOrThrow()
    const orgs = await db
      .insertInto('organizations')
      .values(
        Array.from({ length: 60 }, (_, i) => ({
          name: `Bulk Vendor ${String(i + 1).padStart(2, '0')}`,
          slug: `bulk-vendor-${i + 1}`,
          kind: 'vendor' as const,
        })),
      )
      .returning('id')
      .execute()
    await db
      .insertInto('participants')
      .values(
        orgs.map((o) => ({ case_id: c.id, organization_id: o.id, roles: ['vendor'], rm_state: 'received' as const })),
      )
      .execute()

    const page = await coordinatorPage()
    await openCaseTab(page, caseNumber, 'vendors')
    await expectPage(page, /Remote root/)
    const participants = page.getByRole('region', { name: 'Participants', exact: true })
    await participants.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Next page' }).click()
    await participants.getByRole('link', { name: 'Message Bulk Vendor 60' }).click()
    await page.waitForURL(/\/threads\?thread=/)

    const thread = page.getByRole('region', { name: 'Coordinator and Bulk Vendor 60' })
    await thread.getByRole('heading', { name: 'Coordinator and Bulk Vendor 60' }).waitFor()
    expect(await page.getByText('Thread not found').count()).toBe(0)
    await thread.getByLabel('Message in this private thread').fill('Are you affected by the crackaddr() overflow?')
    await thread.getByRole('button', { name: /Send/ }).click()
    await thread.getByText('Are you affected by the crackaddr() overflow?').waitFor()
    await expectAccessible(page)
  })
})
