// Owners, as an owner and the coordinator click through them. The demo's critical owner sees on
// Home, then reads, its TLP:AMBER pre-notice of the demo case's release, counting down. An owner
// uploads its mail relay's SBOM (one failing the CycloneDX schema is refused and nothing stored;
// then sendmail 8.12.6 and left-pad added, then sendmail moved to 8.12.7) and reads the asset's
// components and uploads; a purl list with a bad line, dropped on Home's upload form, becomes a
// second asset (Home's figures follow), removed after a confirmation. The coordinator flags the
// owner as critical infrastructure, records the Sendmail Consortium's statement that 8.12.8 fixes
// it and releases a fresh copy of the sendmail case's advisory at once; its adoption block says no
// component is patched yet and lists the owner as exposed. The owner's Home shows the alert open
// (Critical, TLP:CLEAR, released, sendmail on the mail relay fixed in 8.12.8, one asset exposed);
// the owner opens it and marks it patched, and Home no longer counts it open. The coordinator's
// chart and its words move (0% to 100% of this owner's item; the demo's own owners, also running
// sendmail, count in the totals). The tests run in order and tell one story.
import { beforeAll, expect, test } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { makeMember, makeOrganization, PASSWORD } from '../support/factories.js'
import {
  DEMO_PASSWORD,
  demoCoordinatorSession,
  describeInBrowser,
  expectAccessible,
  expectPage,
  openCaseTab,
  openFreshSendmailCase,
  showCaseTab,
  signInWithForm,
} from './support.js'

const OWNER = 'Northwind Mail Hosting'
const OWNER_MEMBER = 'Nora Northwind'
const ASSET = 'mail relay'
const CASE_TITLE = 'Remote root in sendmail header processing'

/** A CycloneDX 1.5 SBOM of the mail relay with sendmail at `version` and an unrelated package. */
function sbom(version: string): Buffer {
  const doc = {
    bomFormat: 'CycloneDX',
    specVersion: '1.5',
    version: 1,
    metadata: { component: { type: 'application', name: ASSET } },
    components: [
      { type: 'application', name: 'sendmail', version, purl: `pkg:generic/sendmail@${version}` },
      { type: 'library', name: 'left-pad', version: '1.3.0', purl: 'pkg:npm/left-pad@1.3.0' },
    ],
  }
  return Buffer.from(JSON.stringify(doc, null, 2))
}

/** Fails CycloneDX 1.5's schema: a component needs a name. */
const INVALID_SBOM = Buffer.from(
  JSON.stringify({
    bomFormat: 'CycloneDX',
    specVersion: '1.5',
    version: 1,
    components: [{ type: 'library', version: '1.0' }],
  }),
)

/** A valid SBOM that lists nothing: a broken export, as far as an asset with components knows. */
const EMPTY_SBOM = Buffer.from(
  JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.5', version: 1, components: [] }),
)

describeInBrowser('owners: inventory, alerts at release, adoption', (suite) => {
  let CASE = ''
  let caseId = ''
  let vendorId = ''
  let ownerId = ''
  let ownerEmail = ''
  /** The coordinator's chart before the owner patched: each point's share. */
  let sharesBefore: string[] = []
  /** How many components the advisory affects, over every owner. */
  let affected = 0

  beforeAll(async () => {
    CASE = await openFreshSendmailCase(suite)
    const db = suite.server.database.db
    caseId = (await db.selectFrom('cases').select('id').where('case_number', '=', CASE).executeTakeFirstOrThrow()).id
    // The demo's maker of sendmail: the advisory's fixed versions are those its statement names.
    vendorId = (
      await db
        .selectFrom('organizations')
        .select('id')
        .where('slug', '=', 'sendmail-consortium')
        .executeTakeFirstOrThrow()
    ).id
    const organization = await makeOrganization(db, { name: OWNER, kind: 'owner' })
    ownerId = organization.id
    ownerEmail = (await makeMember(db, organization, 'admin', { name: OWNER_MEMBER })).email
  })

  const coordinatorPage = demoCoordinatorSession(suite)

  async function ownerPage(): Promise<Page> {
    const page = await (await suite.newContext()).newPage()
    await signInWithForm(page, ownerEmail, PASSWORD)
    await expectPage(page, `Welcome, ${OWNER_MEMBER}`)
    return page
  }

  async function upload(page: Page, file: { name: string; buffer: Buffer }): Promise<void> {
    const form = page.getByRole('form', { name: 'Upload an inventory' })
    await form.getByLabel('Asset', { exact: true }).fill(ASSET)
    await form.getByLabel('Inventory file').setInputFiles({ ...file, mimeType: 'application/json' })
    await form.getByText(`${file.name} will be read as CycloneDX JSON.`).waitFor()
    await form.getByRole('button', { name: 'Upload' }).click()
  }

  /** Calls the API with the page's session, as the UI does (CSRF header on writes). */
  async function apiCall<T>(page: Page, method: 'GET' | 'POST', path: string, data?: unknown): Promise<T> {
    const { csrfToken } = (await (await page.request.get('/api/v1/session')).json()) as { csrfToken: string }
    const response =
      method === 'GET'
        ? await page.request.get(`/api/v1${path}`)
        : await page.request.post(`/api/v1${path}`, { data, headers: { 'x-csrf-token': csrfToken } })
    expect(response.ok(), await response.text()).toBe(true)
    return (response.status() === 204 ? undefined : await response.json()) as T
  }

  /** An owner organization's block on Home. */
  const ownerHome = (page: Page, organization = OWNER) =>
    page.getByRole('region', { name: `${organization}: your assets and alerts` })
  /** Its exposure figures as shown, label → number. */
  const exposureOf = (home: Locator) =>
    home
      .locator('dl.exposure-figures > div')
      .evaluateAll((figures) =>
        Object.fromEntries(
          figures.map((f) => [f.querySelector('dt')?.textContent ?? '', f.querySelector('dd')?.textContent ?? '']),
        ),
      )

  const adoptionOf = (page: Page) => page.getByRole('region', { name: 'Adoption', exact: true })
  const sharesOf = (adoption: Locator) =>
    adoption
      .locator('circle.adoption-point')
      .evaluateAll((points) => points.map((p) => p.getAttribute('data-share') ?? ''))

  test('the demo’s critical owner reads its TLP:AMBER pre-notice before the demo case’s release', async () => {
    const page = await (await suite.newContext()).newPage()
    await signInWithForm(page, 'owner@lockstep.demo', DEMO_PASSWORD)
    await expectPage(page, 'Welcome, Olive Owner')
    // The pre-notice goes out as the server starts (the demo's release is minutes away).
    const home = ownerHome(page, 'Example Power & Light')
    const preNotice = home.locator('.owner-alert').filter({ hasText: 'TLP:AMBER' })
    await expect.poll(async () => (await preNotice.count()) || (await page.reload(), 0), { timeout: 20_000 }).toBe(1)
    // First on Home, with the release instant counting down and what to update.
    expect(await home.locator('.owner-alert').first().textContent()).toContain('TLP:AMBER')
    const facts = preNotice.locator('.owner-alert-facts')
    expect(await facts.textContent()).toMatch(/TLP:AMBER Pre-notice: public \d+ \w+ \d{4}, \d\d:\d\d/)
    expect(await facts.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-/)
    await facts.getByRole('timer').waitFor()
    expect(await preNotice.locator('.open-items li').allTextContents()).toContain(
      'Control-centre mail relay — pkg:generic/sendmail@8.11.6 → fixed in 8.12.8',
    )
    await expectAccessible(page)
    const link = home.getByRole('link', { name: 'Alerts of Example Power & Light' })
    await link.click()
    await expectPage(page, 'Alerts')
    const row = page.getByRole('row').filter({ hasText: 'TLP:AMBER' })
    expect(await row.textContent()).toContain('Pre-notice: public')
    await row.getByRole('rowheader').getByRole('link').click()
    await expectPage(page, /^Advance notice/)
    const notice = page.getByRole('note', { name: 'Pre-notice' })
    expect(await notice.textContent()).toContain('Pre-notice: not public yet.')
    expect(await notice.textContent()).toContain('not beyond until the release')
    await notice.getByRole('timer').waitFor()
    await page.getByRole('region', { name: 'What to prepare' }).waitFor()
    await page
      .getByRole('region', { name: 'Control-centre mail relay' })
      .getByText('pkg:generic/sendmail@8.11.6')
      .first()
      .waitFor()
  })

  test('the owner uploads its SBOM: a file failing its schema is refused and nothing stored, then what each upload changed', async () => {
    const page = await ownerPage()
    // Home invites to upload, the form open since there is nothing yet.
    await ownerHome(page).getByText('No assets yet.').waitFor()
    expect(await ownerHome(page).getByRole('form', { name: 'Upload an inventory' }).isVisible()).toBe(true)
    await page.getByRole('link', { name: OWNER, exact: true }).click()
    await expectPage(page, OWNER)
    await page.getByRole('region', { name: 'Inventory and alerts' }).getByRole('link', { name: 'Inventory' }).click()
    await expectPage(page, 'Inventory')
    await page.getByText('No assets yet.').waitFor()

    await upload(page, { name: 'mail-relay.cdx.json', buffer: INVALID_SBOM })
    const refused = page.getByRole('alert').filter({ hasText: 'The file was refused; nothing was stored.' })
    await refused.waitFor()
    expect(await refused.locator('li').count()).toBeGreaterThan(0)
    await expectAccessible(page)
    await page.getByText('No assets yet.').waitFor()

    await upload(page, { name: 'mail-relay.cdx.json', buffer: sbom('8.12.6') })
    const changes = page.locator('.upload-changes')
    await changes.getByRole('heading', { name: `Uploaded ${ASSET}: 2 components (CycloneDX 1.5)` }).waitFor()
    expect(await changes.getByRole('list', { name: 'Added (2)' }).locator('li').allTextContents()).toEqual(
      expect.arrayContaining(['pkg:generic/sendmail', 'pkg:npm/left-pad']),
    )
    const row = page
      .getByRole('region', { name: `Assets of ${OWNER}` })
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: ASSET }) })
    await row.getByRole('cell', { name: 'CycloneDX 1.5' }).waitFor()

    // The relay is upgraded to 8.12.7: the same asset, its version changed.
    await upload(page, { name: 'mail-relay.cdx.json', buffer: sbom('8.12.7') })
    await changes
      .getByRole('list', { name: 'Version changed (1)' })
      .getByText('pkg:generic/sendmail: 8.12.6 → 8.12.7')
      .waitFor()
    expect(await changes.getByRole('list', { name: /^Added/ }).count()).toBe(0)
    await row.getByRole('cell', { name: '2', exact: true }).nth(1).waitFor()
    await expectAccessible(page)

    // An export that lists nothing would empty the asset: the form asks, and Cancel keeps it.
    await upload(page, { name: 'mail-relay.cdx.json', buffer: EMPTY_SBOM })
    const asks = page.getByRole('alert').filter({ hasText: 'mail-relay.cdx.json lists no component.' })
    await asks.getByText(/would remove all 2 components of “?"?mail relay/).waitFor()
    await expectAccessible(page)
    await asks.getByRole('button', { name: 'Empty the asset' }).click()
    await asks.getByRole('button', { name: 'Cancel' }).click()
    await row.getByRole('cell', { name: '2', exact: true }).nth(1).waitFor()

    await row.getByRole('link', { name: ASSET }).click()
    await expectPage(page, ASSET)
    const components = page.getByRole('region', { name: `Components of ${ASSET}` })
    await components
      .getByRole('row')
      .filter({ hasText: 'pkg:generic/sendmail@8.12.7' })
      .getByRole('cell', { name: '8.12.7', exact: true })
      .waitFor()
    await page.getByText('Showing 1–2 of 2 components').waitFor()
    expect(
      await page
        .getByRole('region', { name: `Uploads of ${ASSET}` })
        .getByRole('row')
        .count(),
    ).toBe(3)
  })

  test('a purl list dropped on Home is read as such and kept as a second asset, which is removed after a confirmation', async () => {
    const page = await ownerPage()
    const home = ownerHome(page)
    await home.getByText(/^No advisory affects your assets so far\./).waitFor()
    expect(await exposureOf(home)).toEqual({
      Assets: '1',
      Components: '2',
      'Assets exposed': '0',
      'Open components': '0',
    })
    // With assets kept, the form is folded away; a file dragged over the block opens it.
    const form = home.getByRole('form', { name: 'Upload an inventory' })
    expect(await form.isVisible()).toBe(false)
    const dataTransfer = await page.evaluateHandle(
      ([name, text]) => {
        const transfer = new DataTransfer()
        transfer.items.add(new File([text], name, { type: 'text/plain' }))
        return transfer
      },
      ['spare-mx.txt', 'pkg:generic/postfix@3.8.1\nnot a purl\n'] as const,
    )
    await home.dispatchEvent('dragenter', { dataTransfer })
    await form.waitFor()
    await form.dispatchEvent('dragover', { dataTransfer })
    await form.getByText('Drop an SBOM or purl list here').waitFor()
    await form.dispatchEvent('drop', { dataTransfer })
    await form.getByText('spare-mx.txt will be read as a list of package URLs, one per line.').waitFor()
    expect(await form.getByText('Drop an SBOM or purl list here').count()).toBe(0)
    // The asset's name is guessed from the file's.
    expect(await form.getByLabel('Asset', { exact: true }).inputValue()).toBe('spare-mx')
    await form.getByRole('button', { name: 'Upload' }).click()
    const changes = page.locator('.upload-changes')
    await changes.getByRole('heading', { name: 'Uploaded spare-mx: 1 component (Package URL list)' }).waitFor()
    expect(await changes.textContent()).toContain('1 entry could not be read')
    expect(await changes.getByText('line 2', { exact: true }).count()).toBe(1)
    // Home's figures follow the upload.
    await expect
      .poll(() => exposureOf(home))
      .toEqual({ Assets: '2', Components: '3', 'Assets exposed': '0', 'Open components': '0' })
    await expectAccessible(page)

    await home.getByRole('link', { name: `Inventory of ${OWNER}` }).click()
    await expectPage(page, 'Inventory')
    const assets = page.getByRole('region', { name: `Assets of ${OWNER}` })
    await assets.getByRole('button', { name: 'Remove the asset spare-mx' }).click()
    await assets.getByRole('button', { name: 'Yes, remove' }).click()
    await expect.poll(() => assets.getByRole('rowheader').allTextContents()).toEqual([ASSET])
  })

  test('the coordinator flags the owner as critical infrastructure and releases the sendmail advisory at once', async () => {
    const page = await coordinatorPage()
    await page.goto(`/organizations/${ownerId}/inventory`)
    await expectPage(page, 'Inventory')
    await page.getByRole('button', { name: 'Flag as critical infrastructure' }).click()
    await page.getByText(`${OWNER} is flagged as critical infrastructure.`).waitFor()

    // The vendor's statement that 8.12.8 fixes it, recorded for it and approved through the API
    // (the statement forms have their own tests): the owners' fixed version comes from it.
    await apiCall(page, 'POST', `/cases/${caseId}/vendors/notify`, { organizationIds: [vendorId] })
    const detail = await apiCall<{
      participants: { id: string; organizationId: string | null }[]
      vulnerabilities: { id: string }[]
    }>(page, 'GET', `/cases/${caseId}`)
    const participantId = detail.participants.find((p) => p.organizationId === vendorId)!.id
    const statement = await apiCall<{ id: string }>(
      page,
      'POST',
      `/cases/${caseId}/vulnerabilities/${detail.vulnerabilities[0]!.id}/statements`,
      { participantId, status: 'fixed', fixedVersions: ['8.12.8'], remediation: 'Upgrade to 8.12.8.', shareable: true },
    )
    await apiCall(page, 'POST', `/cases/${caseId}/statements/${statement.id}/approve`)

    await openCaseTab(page, CASE, 'advisory')
    await expectPage(page, CASE_TITLE)
    const advisory = page.getByRole('region', { name: 'Advisory', exact: true })
    await advisory.getByText(/Draft, version 1\./).waitFor()
    expect(await adoptionOf(page).count()).toBe(0)
    await advisory.getByRole('button', { name: 'Release now…' }).click()
    const release = advisory.getByRole('form', { name: 'Release now' })
    await release.getByLabel('Reason').fill('Exploited in the wild: owners must patch now.')
    await release.getByRole('button', { name: 'Yes, release now' }).click()
    await advisory.getByText(/Released \d/).waitFor()

    // Demo owners may run sendmail too: the figures count every owner's affected components.
    await showCaseTab(page, 'owners')
    const adoption = adoptionOf(page)
    const words = adoption.locator('.adoption-words')
    await expect
      .poll(() => words.textContent())
      .toMatch(/^0 of \d+ affected components? patched \(0%\); \d+ owners? still exposed\.$/)
    affected = Number(/^0 of (\d+)/.exec((await words.textContent()) ?? '')![1])
    const exposed = adoption.getByRole('region', { name: 'Still exposed' }).getByRole('row').filter({ hasText: OWNER })
    expect(await exposed.textContent()).toContain('Critical infrastructure')
    expect(await exposed.textContent()).toContain(ASSET)
    expect(await exposed.textContent()).toContain('pkg:generic/sendmail@8.12.7')
    sharesBefore = await sharesOf(adoption)
    expect(sharesBefore.at(-1)).toBe('0.0000')
    await expectAccessible(page)
  })

  test('the owner finds the alert open on Home, Critical, TLP:CLEAR and released, and marks sendmail 8.12.7 patched', async () => {
    const db = suite.server.database.db
    const { public_id: advisoryId } = await db
      .selectFrom('advisories')
      .select('public_id')
      .where('case_id', '=', caseId)
      .where('public_id', 'is not', null)
      .executeTakeFirstOrThrow()
    const page = await ownerPage()
    const home = ownerHome(page)
    // Flagged critical, the owner is also pre-noticed of the demo case by the scheduler's next
    // sweep (or alerted, once it is released): both affect sendmail on the relay.
    const cards = home.locator('.owner-alert')
    await expect
      .poll(async () => (await cards.count()) === 2 || (await page.reload(), false), { timeout: 20_000 })
      .toBe(true)
    // The figures are read again beside the list when an alert arrives live: awaited, not raced.
    await expect
      .poll(() => exposureOf(home))
      .toEqual({
        Assets: '1',
        Components: '2',
        'Assets exposed': '1',
        'Open components': '2',
      })
    expect(await home.getByRole('img', { name: /^Affected components:/ }).getAttribute('aria-label')).toBe(
      'Affected components: 2 open.',
    )
    const alert = cards.filter({ hasText: advisoryId! })
    // The fresh sendmail case is scored CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H.
    expect(await alert.locator('.severity').textContent()).toBe('Critical (CVSS 9.8)')
    expect(await alert.locator('.owner-alert-facts').textContent()).toMatch(
      /TLP:CLEAR Released \d+ \w+ \d{4}, \d\d:\d\d/,
    )
    expect(await alert.locator('.owner-alert-reach').textContent()).toBe('1 open component on 1 asset:')
    expect(await alert.locator('.open-items li').allTextContents()).toEqual([
      `${ASSET} — pkg:generic/sendmail@8.12.7 → fixed in 8.12.8`,
    ])
    expect(await alert.getByRole('link', { name: /^and \d+ more/ }).count()).toBe(0)
    await expectAccessible(page)
    const title = (await alert.getByRole('heading').getByRole('link').textContent()) ?? ''
    await alert.getByRole('heading').getByRole('link').click()
    await expectPage(page, title)
    await page.getByText(/The advisory is public/).waitFor()

    const relay = page.getByRole('region', { name: ASSET })
    const item = relay.getByRole('listitem').filter({ hasText: '8.12.7' })
    expect(await item.getByRole('heading').textContent()).toMatch(/sendmail/)
    expect(await item.locator('.item-facts div').filter({ hasText: 'Fixed in' }).textContent()).toBe('Fixed in8.12.8')
    await item.getByRole('radio', { name: 'Patched' }).check()
    await item.getByLabel('Note').fill('Upgraded to 8.12.8 on the relay.')
    await item.getByRole('button', { name: 'Save the status' }).click()
    await item
      .getByRole('status')
      .getByText(/is patched\.$/)
      .waitFor()
    await page.getByText('Affected components in Northwind Mail Hosting’s assets: 1 patched.').waitFor()
    await expectAccessible(page)

    // Back on Home the alert is no longer among the open ones but a line leading to all of them,
    // and the relay is exposed by the demo case alone.
    await page.getByRole('link', { name: 'Home', exact: true }).click()
    await expectPage(page, `Welcome, ${OWNER_MEMBER}`)
    await expect
      .poll(() => exposureOf(home))
      .toEqual({ Assets: '1', Components: '2', 'Assets exposed': '1', 'Open components': '1' })
    expect(await cards.count()).toBe(1)
    expect(await alert.count()).toBe(0)
    expect(await home.getByRole('img', { name: /^Affected components:/ }).getAttribute('aria-label')).toBe(
      'Affected components: 1 open, 1 patched.',
    )
    await home.getByText('1 more alert, all dealt with — see all alerts').waitFor()
    await home.getByRole('link', { name: 'see all alerts' }).click()
    await expectPage(page, 'Alerts')
    const row = page
      .getByRole('region', { name: `Alerts of ${OWNER}` })
      .getByRole('row')
      .filter({ hasText: advisoryId! })
    expect(await row.textContent()).toContain('TLP:CLEAR')
    expect(await row.textContent()).toContain('1 patched')
  })

  test('the coordinator’s adoption chart and its words move with the owner’s patched component', async () => {
    const page = await coordinatorPage()
    await openCaseTab(page, CASE, 'owners')
    await expectPage(page, CASE_TITLE)
    const adoption = adoptionOf(page)
    const words = `1 of ${affected} affected component${affected === 1 ? '' : 's'} patched (${Math.round(100 / affected)}%)`
    await adoption.locator('.adoption-words').getByText(words, { exact: false }).waitFor()
    expect(
      await adoption.getByRole('region', { name: 'Still exposed' }).getByRole('row').filter({ hasText: OWNER }).count(),
    ).toBe(0)
    const sharesAfter = await sharesOf(adoption)
    expect(sharesAfter).not.toEqual(sharesBefore)
    expect(sharesAfter.at(-1)).toBe((1 / affected).toFixed(4))
    expect(await adoption.getByRole('img').getAttribute('aria-label')).toContain(words)
  })
})
