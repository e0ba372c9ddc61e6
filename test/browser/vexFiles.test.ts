// A vendor gives its statements as a file: Red Hat, told of a fresh copy of the sendmail case,
// uploads an OpenVEX document on the vendors tab, reads which statements were taken and which not
// (an unknown vulnerability) and why, sees the taken one among its statements waiting for
// approval, and downloads its statements back as OpenVEX.
import { expect, test } from 'vitest'
import {
  describeInBrowser,
  downloadBy,
  expectAccessible,
  expectPage,
  openCaseTab,
  redHatToldOfFreshCase,
} from './support.js'

describeInBrowser('VEX files', (suite) => {
  test('a vendor uploads its OpenVEX file, reads what was taken and what not, and downloads its statements', async () => {
    const { caseNumber, page } = await redHatToldOfFreshCase(suite)
    await openCaseTab(page, caseNumber, 'vendors')
    await expectPage(page, /sendmail/i)
    const section = page.getByRole('region', { name: 'Statements as files' })
    await section.waitFor()

    const document = {
      '@context': 'https://openvex.dev/ns/v0.2.0',
      '@id': 'https://redhat.example/vex/sendmail',
      author: 'Red Hat Product Security',
      timestamp: '2003-02-28T12:00:00Z',
      version: 1,
      statements: [
        { vulnerability: { name: caseNumber }, status: 'under_investigation' },
        { vulnerability: { name: 'CVE-2099-0001' }, status: 'under_investigation' },
      ],
    }
    await section.getByLabel('File').setInputFiles({
      name: 'redhat-sendmail.openvex.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(document)),
    })
    await section.getByRole('button', { name: 'Upload statements' }).click()

    const taken = section.getByRole('list', { name: 'Statements taken' })
    await taken.waitFor()
    expect(await taken.textContent()).toContain('Under investigation')
    const refused = section.getByRole('list', { name: 'Statements not taken' })
    expect(await refused.textContent()).toContain('CVE-2099-0001: not taken, unknown vulnerability')

    const statements = page.getByRole('region', { name: 'Statement list' })
    await expect.poll(() => statements.textContent()).toContain('Under investigation')
    expect(await statements.textContent()).toContain('(yours)')

    const file = await downloadBy(section.getByRole('link', { name: 'Download as OpenVEX' }))
    expect(file.name).toBe(`${caseNumber.toLowerCase()}-vex.openvex.json`)
    const downloaded = JSON.parse(file.content.toString('utf8')) as { statements: { status: string }[] }
    expect(downloaded.statements.map((s) => s.status)).toEqual(['under_investigation'])
    await expectAccessible(page)
  })
})
