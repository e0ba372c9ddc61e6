// Files and unread messages between a finder and the coordinators: the finder sends the report
// form with two files, sees them go up, adds a message through the follow-up link; the coordinator
// sees the unread badge in the queue, reads the message marked New, downloads the finder's file
// (the same bytes) and sends one back, which the finder downloads through the link. A file past
// the server's limit is refused with the limit in words.
import { createHash } from 'node:crypto'
import { expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { demoSignIns } from '../../src/seed/demo.js'
import { DEMO_PASSWORD, describeInBrowser, downloadBy, expectAccessible, expectPage, signInWithApi } from './support.js'

const TITLE = 'sendmail crackaddr() overflow: proof of concept attached'
const DESCRIPTION =
  'A crafted From: header overflows the static buffer in crackaddr(); the attached proof of concept triggers it.'
const POC = Buffer.from(
  '#!/bin/sh\n# proof of concept for crackaddr()\nprintf "From: <><><><><><>\\n" | sendmail -bt\n',
)
const TRACE = Buffer.from('Program received signal SIGSEGV, Segmentation fault.\n0x0804f2a1 in crackaddr ()\n')
const PATCH = Buffer.from(
  '--- headers.c\n+++ headers.c\n@@ -1 +1 @@\n-static char buf[MAXNAME];\n+static char buf[MAXNAME + 1];\n',
)
const FINDER_MESSAGE = 'The backtrace from my test host is attached as well.'
const COORDINATOR_MESSAGE = 'Thank you: here is the vendor’s first patch to try.'

const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex')

const fileRow = (page: Page, table: string, name: string) =>
  page
    .getByRole('region', { name: table })
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name }) })

describeInBrowser('files and unread messages on a report', (suite) => {
  test('a finder sends files with a report; the coordinator sees the unread message, downloads the file and sends one back', async () => {
    // The finder, without an account: the form with two files.
    const finder = await suite.newPage()
    await finder.goto('/report')
    await expectPage(finder, 'Report a vulnerability')
    await finder.getByRole('status').getByText('Ready to send.').waitFor({ timeout: 15_000 })
    await finder.getByLabel('Your e-mail address').fill('finder@example.test')
    await finder.getByLabel('Vendor', { exact: true }).fill('Sendmail Consortium')
    await finder.getByLabel('Product', { exact: true }).fill('sendmail')
    await finder.getByLabel('Title').fill(TITLE)
    await finder.getByLabel('Description').fill(DESCRIPTION)
    await finder.getByLabel('Files').setInputFiles([
      { name: 'poc.sh', mimeType: 'application/x-sh', buffer: POC },
      { name: 'backtrace.txt', mimeType: 'text/plain', buffer: TRACE },
    ])
    await finder.getByRole('button', { name: 'Send report' }).click()

    // The confirmation: the files go up one after the other, each with its hash.
    await expectPage(finder, 'Report sent')
    await finder.getByRole('status').getByText('All 2 files are uploaded.').waitFor()
    const sent = finder.getByRole('list', { name: 'Files sent with the report' }).getByRole('listitem')
    expect(await sent.allTextContents()).toEqual([
      expect.stringMatching(
        new RegExp(`^poc\\.sh \\(${POC.length} bytes\\)Uploaded · SHA-256 ${sha256(POC).slice(0, 12)}…$`),
      ),
      expect.stringMatching(/^backtrace\.txt .+Uploaded/),
    ])
    expect(await finder.getByRole('alert').count()).toBe(0)
    await expectAccessible(finder)
    const trackingId = (await finder.locator('.tracking-id').textContent()) ?? ''
    const link = await finder.getByRole('textbox', { name: 'Follow-up link' }).inputValue()

    // The follow-up page lists them; the finder writes to the coordinators.
    await finder.goto(link)
    await expectPage(finder, 'Your report')
    const ownFiles = finder.getByRole('region', { name: 'Files on your report' })
    expect(await ownFiles.getByRole('rowheader').allTextContents()).toEqual(['poc.sh', 'backtrace.txt'])
    const pocRow = fileRow(finder, 'Files on your report', 'poc.sh')
    expect(await pocRow.locator('code').getAttribute('title')).toBe(sha256(POC))
    expect(await pocRow.textContent()).toContain('Reporter')
    await finder.getByLabel('Your reply').fill(FINDER_MESSAGE)
    await finder.getByRole('button', { name: 'Send message' }).click()
    await finder.getByRole('status').getByText('Message sent.').waitFor()

    // Too large a file is refused, the limit in words; the report is untouched.
    await finder.getByLabel('File to add').setInputFiles({
      name: 'core.dump',
      mimeType: 'application/octet-stream',
      buffer: Buffer.alloc(10 * 1024 * 1024 + 1),
    })
    await finder.getByRole('button', { name: 'Add the file' }).click()
    await finder
      .getByRole('form', { name: 'Add a file' })
      .getByRole('alert')
      .getByText('core.dump is too large. The request body is larger than this endpoint accepts (at most 10 MB).')
      .waitFor()
    expect(await ownFiles.getByRole('row').count()).toBe(3)

    // The coordinator: the queue shows the finder's unread message.
    const coordinator = demoSignIns.find((s) => s.email === 'coordinator@lockstep.demo')!
    const context = await suite.newContext()
    await signInWithApi(context, coordinator.email, DEMO_PASSWORD, coordinator.totpSecret)
    const page = await context.newPage()
    await page.goto('/triage')
    await expectPage(page, 'Triage')
    const queueRow = page
      .getByRole('region', { name: 'Triage queue' })
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: trackingId }) })
    expect(await queueRow.locator('.badge-unread').textContent()).toBe('1 unread message')
    await queueRow.getByRole('link', { name: trackingId }).click()
    await expectPage(page, TITLE)

    // The message is marked New, in words too; the files are there to download.
    const messages = page.getByRole('region', { name: 'Messages with the reporter' })
    const fresh = messages.getByRole('listitem').filter({ hasText: FINDER_MESSAGE })
    // "New" to the eye, and "New message, not read before" to a screen reader.
    expect(await fresh.locator('.badge-new').textContent()).toBe('New message, not read before')
    const got = await downloadBy(page.getByRole('link', { name: 'Download poc.sh' }))
    expect(got.name).toBe('poc.sh')
    expect(got.content.equals(POC)).toBe(true)

    // A file back to the finder, labelled GREEN.
    const send = page.getByRole('form', { name: 'Send the reporter a file' })
    await send
      .getByLabel('File to send')
      .setInputFiles({ name: 'headers.c.patch', mimeType: 'text/x-diff', buffer: PATCH })
    await send.getByLabel('File TLP').selectOption('GREEN')
    await send.getByRole('button', { name: 'Send the file' }).click()
    await send.getByRole('status').getByText('Added headers.c.patch.').waitFor()
    const patchRow = fileRow(page, 'Files on the report', 'headers.c.patch')
    expect(await patchRow.locator('.tlp-badge').textContent()).toBe('TLP:GREEN')
    expect(await patchRow.textContent()).toContain('Casey Coordinator')
    await page.getByLabel('Message to the reporter').fill(COORDINATOR_MESSAGE)
    await page.getByRole('button', { name: 'Send message' }).click()
    await messages.getByText('vendor’s first patch').waitFor()
    // Still New while the page is open, though the server now counts it read.
    expect(await fresh.locator('.badge-new').count()).toBe(1)
    await expectAccessible(page)

    // Read now: the queue's badge is gone.
    await page.goto('/triage')
    await expectPage(page, 'Triage')
    await queueRow.waitFor()
    expect(await queueRow.locator('.badge-unread').count()).toBe(0)

    // The finder's open page: the coordinator's message arrives without a reload, marked New, and
    // the patch downloads through the link.
    const reply = finder
      .getByRole('list', { name: 'Messages' })
      .getByRole('listitem')
      .filter({ hasText: COORDINATOR_MESSAGE })
    await reply.waitFor()
    expect(await reply.locator('.badge-new').textContent()).toBe('New message, not read before')
    expect(await finder.getByRole('list', { name: 'Messages' }).locator('.badge-new').count()).toBe(1)
    const patch = await downloadBy(finder.getByRole('button', { name: 'Download headers.c.patch' }))
    expect(patch.name).toBe('headers.c.patch')
    expect(patch.content.equals(PATCH)).toBe(true)
    await expectAccessible(finder)
  })
})
