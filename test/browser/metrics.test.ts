// The metrics page in Chromium on the demo, with a small CERT/CC archive of 2003 imported beside
// the demo's live cases: a coordinator reads each chart's figures in words, narrows to a year and
// to one vendor and sees the figures follow, and downloads a chart's numbers as CSV; a vendor's
// member sees its own organization's figures and no one else's.
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { importCertccArchive } from '../../src/commands/imports/certcc.js'
import { system } from '../../src/domain/actor.js'
import { writeGeneratedArchive } from '../support/certccArchive.js'
import { demoCoordinatorSession, describeInBrowser, downloadBy, expectPage, redHatToldOfFreshCase } from './support.js'

/** A chart's section: its heading names it; its drawing is one image named by its figures in words. */
const chart = (page: Page, title: string) => page.getByRole('region', { name: title })
const summaryOf = async (page: Page, title: string) =>
  (await chart(page, title).locator('p').first().textContent()) ?? ''
const wordsOf = async (page: Page, title: string) =>
  (await chart(page, title).getByRole('img').getAttribute('aria-label')) ?? ''

/** The CSV's lines, without the final line break. */
const csvLines = (content: Buffer) => content.toString('utf8').trimEnd().split('\r\n')

// Twelve notes of January 2003 with 18 vendor records (3 never answered); note 1's only vendor, Vendor 0007
// Corporation, answered a day after it was told.
const ARCHIVE_VENDOR = 'Vendor 0007 Corporation'
let archive = ''
afterAll(async () => {
  if (archive) await rm(archive, { recursive: true, force: true })
})

describeInBrowser('metrics', (suite) => {
  const coordinator = demoCoordinatorSession(suite)

  beforeAll(async () => {
    archive = await mkdtemp(path.join(os.tmpdir(), 'lockstep-metrics-archive-'))
    await writeGeneratedArchive(archive, { notes: 12 })
    const summary = await importCertccArchive(suite.server.database.db, archive, { actor: system })
    expect(summary.imported).toBe(12)
  })

  test('a coordinator reads the charts in words, narrows them by year and by vendor, and downloads their numbers', async () => {
    const page = await coordinator()
    await page.getByRole('link', { name: 'Metrics' }).first().click()
    await expectPage(page, 'Metrics')

    // Every chart is a named section whose drawing says its figures in words.
    for (const [title, words] of [
      ['Time to first answer', /^Days to first answer per vendor: .+/],
      ['Vendors that never answered', /^Share of notifications never answered, per vendor: .+/],
      ['Days from report to publication', /^Cases by days from report to publication: .+: \d+/],
      ['How embargoes ended', /^Embargoes by how they ended: Released at the agreed time: \d+/],
      ['Events in the hoped-for order', /^Share of cases achieving each hoped-for ordering: .+/],
    ] as const) {
      await chart(page, title).getByRole('heading', { name: title }).waitFor()
      expect(await wordsOf(page, title)).toMatch(words)
      await chart(page, title).getByRole('link', { name: 'Download the numbers (CSV)' }).waitFor()
    }
    const allYears = await summaryOf(page, 'Vendors that never answered')

    // The year the archive's notes were opened: only they are counted (18 vendors told, 3 silent;
    // 8 of the 12 notes published), not the demo's live cases.
    await page.getByLabel('Year the case was opened').selectOption('2003')
    await expect
      .poll(() => summaryOf(page, 'Vendors that never answered'))
      .toBe('17% of the vendors notified never answered (3 of 18).')
    expect(allYears).not.toBe('17% of the vendors notified never answered (3 of 18).')
    expect(await summaryOf(page, 'Days from report to publication')).toMatch(
      /^8 cases published; half within \d+ days?/,
    )
    // The demo's vendors were told of live cases, not of 2003's.
    expect(await wordsOf(page, 'Time to first answer')).not.toContain('Red Hat')

    // One vendor: its single notification, answered in a day.
    await page.getByLabel('Vendor', { exact: true }).selectOption({ label: ARCHIVE_VENDOR })
    await expect
      .poll(() => summaryOf(page, 'Time to first answer'))
      .toBe('1 notification; half were answered within 1 day, nine in ten within 1 day.')
    expect(await wordsOf(page, 'Time to first answer')).toBe(
      `Days to first answer per vendor: ${ARCHIVE_VENDOR}: median 1 day, 90th percentile 1 day.`,
    )
    expect(await summaryOf(page, 'Vendors that never answered')).toBe(
      '0% of the vendors notified never answered (0 of 1).',
    )

    // The chart's numbers as the page shows them, for a spreadsheet.
    const file = await downloadBy(
      chart(page, 'Time to first answer').getByRole('link', { name: 'Download the numbers (CSV)' }),
    )
    expect(file.name).toBe('lockstep-metrics-2003-response-times.csv')
    expect(csvLines(file.content)).toEqual([
      'vendor,notified,answered,median_days_to_first_answer,p90_days_to_first_answer',
      `${ARCHIVE_VENDOR},1,1,1,1`,
    ])
  })

  test("a vendor's member sees its own organization's figures only", async () => {
    const { page } = await redHatToldOfFreshCase(suite)
    await page.goto('/metrics')
    await expectPage(page, 'Metrics')
    await page.getByText('How Red Hat answered the cases it was told about, and how those cases went.').waitFor()
    // No choice of vendor: the figures are Red Hat's.
    expect(await page.getByLabel('Vendor', { exact: true }).count()).toBe(0)
    await chart(page, 'Time to first answer').getByRole('img').waitFor()
    const words = await wordsOf(page, 'Time to first answer')
    expect(words).toMatch(/^Days to first answer per vendor: Red Hat: /)
    expect(words).not.toContain(ARCHIVE_VENDOR)
    expect(words.split('; ')).toHaveLength(1)

    const file = await downloadBy(
      chart(page, 'Vendors that never answered').getByRole('link', { name: 'Download the numbers (CSV)' }),
    )
    const [header, ...rows] = csvLines(file.content)
    expect(header).toBe('vendor,notified,never_answered,share_never_answered')
    expect(rows.length).toBe(1)
    expect(rows[0]).toMatch(/^Red Hat,\d+,\d+,[\d.]+$/)
  })
})
