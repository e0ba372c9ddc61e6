// Browser tests against a real Lockstep: one server (a demo instance unless asked otherwise, with
// its own copy of the migrated database) and one Chromium per test file. Every page is watched:
// console errors, uncaught exceptions, Content Security Policy violations and failing assets fail
// the test that caused them, and `expectPage` runs axe (WCAG 2 A and AA) on each page a test looks at.
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'
import { chromium, type Browser, type BrowserContext, type Download, type Locator, type Page } from 'playwright-core'
import { AxeBuilder } from '@axe-core/playwright'
import { loadConfig } from '../../src/config.js'
import { startServer, webRoot, type RunningServer } from '../../src/server.js'
import { currentTotp } from '../../src/security/totp.js'

import { DEMO_PASSWORD } from '../../src/seed/demo.js'
import { demoActor, openSendmailCase } from '../../src/seed/demoCase.js'
import { notifyVendors } from '../../src/commands/vendors/notify.js'
import { findOrganizationBySlug } from '../../src/store/organizations.js'
import { makeUser, PASSWORD } from '../support/factories.js'

export { DEMO_PASSWORD }

export const CHROMIUM = '/usr/bin/chromium'
const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export interface BrowserSuite {
  server: RunningServer
  /** http://localhost:<port>: the instance's public URL, so WebAuthn's relying party matches. */
  baseUrl: string
  browser: Browser
  /** A fresh browser context (its own cookies), watched for problems; optionally in a time zone. */
  newContext(options?: { timezoneId?: string }): Promise<BrowserContext>
  /** A page in a fresh context. */
  newPage(): Promise<Page>
}

async function freePort(): Promise<number> {
  const probe = net.createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const address = probe.address()
  await new Promise<void>((resolve) => probe.close(() => resolve()))
  if (!address || typeof address === 'string') throw new Error('could not find a free port')
  return address.port
}

async function startTestServer(demo: boolean): Promise<{ server: RunningServer; dataDir: string; baseUrl: string }> {
  if (!fs.existsSync(path.join(webRoot, 'index.html'))) {
    throw new Error(
      `The web UI is not built (${path.join(webRoot, 'index.html')} is missing): run \`npm run build:web\` before the browser tests.`,
    )
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-browser-'))
  fs.cpSync(inject('pgliteTemplate'), dataDir, { recursive: true })
  // The port must be known before start: the public URL (and so WebAuthn's origin) contains it.
  const port = await freePort()
  const baseUrl = `http://localhost:${port}`
  const config = loadConfig({
    PORT: String(port),
    LOCKSTEP_HOST: '127.0.0.1',
    LOCKSTEP_DATA: dataDir,
    LOG_LEVEL: 'silent',
    LOCKSTEP_PUBLIC_URL: baseUrl,
    LOCKSTEP_SMTP_PORT: '0',
    // The demo releases 5 minutes after its start by default; a browser file on a busy machine
    // can outlast that, and the tests that watch a release make their own or release at once.
    LOCKSTEP_DEMO_RELEASE_MINUTES: '30',
  })
  const server = await startServer({ config, demo, logger: false })
  return { server, dataDir, baseUrl }
}

/** What went wrong on the pages of one test; reported (and failed) after it. */
const problemsOf = new WeakMap<BrowserContext, string[]>()

function watch(context: BrowserContext, page: Page): void {
  const problems = problemsOf.get(context)!
  page.on('console', (message) => {
    const text = message.text()
    if (/Content Security Policy/i.test(text)) problems.push(`CSP: ${text}`)
    // An API answering 4xx is logged by Chromium as a failed resource; the UI shows those to the
    // person, and failing assets are caught below by their status.
    else if (message.type() === 'error' && !text.startsWith('Failed to load resource'))
      problems.push(`console error: ${text}`)
  })
  page.on('pageerror', (error) => problems.push(`uncaught exception: ${error.message}`))
  page.on('response', (response) => {
    const url = response.url()
    const status = response.status()
    if (status >= 500 || (status >= 400 && !new URL(url).pathname.startsWith('/api/')))
      problems.push(`HTTP ${status} for ${url}`)
  })
}

/**
 * Registers the suite, or skips it plainly when there is no Chromium (fails instead in CI). Its
 * server is a demo instance (seeded with `--demo`) unless `demo: false` asks for a real one.
 */
export function describeInBrowser(
  title: string,
  body: (suite: BrowserSuite) => void,
  options: { demo?: boolean } = {},
): void {
  if (!fs.existsSync(CHROMIUM)) {
    const why = `Browser suite "${title}" SKIPPED: no Chromium at ${CHROMIUM} (install Debian's chromium package).`
    if (process.env.LOCKSTEP_REQUIRE_ALL_SUITES === '1') {
      describe(title, () => it('needs Chromium', () => expect.fail(why)))
      return
    }
    console.warn(why)
    describe.skip(title, () => body({} as BrowserSuite))
    return
  }

  describe(title, () => {
    const suite = {} as BrowserSuite
    let dataDir = ''
    let openContexts: BrowserContext[] = []

    beforeAll(async () => {
      const started = await startTestServer(options.demo ?? true)
      dataDir = started.dataDir
      suite.server = started.server
      suite.baseUrl = started.baseUrl
      suite.browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
      suite.newContext = async (options = {}) => {
        const context = await suite.browser.newContext({
          baseURL: suite.baseUrl,
          viewport: { width: 1280, height: 900 },
          ...options,
        })
        problemsOf.set(context, [])
        openContexts.push(context)
        // Runs before the app's own scripts, whatever the page's CSP says.
        await context.addInitScript(() => {
          document.addEventListener('securitypolicyviolation', (e) =>
            console.error(
              `Content Security Policy violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline code'}`,
            ),
          )
        })
        context.on('page', (page) => watch(context, page))
        return context
      }
      suite.newPage = async () => (await suite.newContext()).newPage()
    })

    afterEach(async () => {
      const contexts = openContexts
      openContexts = []
      const problems = contexts.flatMap((c) => problemsOf.get(c) ?? [])
      await Promise.all(contexts.map((c) => c.close().catch(() => undefined)))
      if (problems.length) throw new Error(`The browser reported problems:\n  ${problems.join('\n  ')}`)
    })

    afterAll(async () => {
      await suite.browser?.close()
      await suite.server?.stop()
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
    })

    body(suite)
  })
}

/**
 * The demo coordinator's home page in a fresh context, signed in through the form the first time
 * and with the same session cookies after that: a TOTP code is accepted once.
 */
export function demoCoordinatorSession(suite: BrowserSuite): () => Promise<Page> {
  let cookies: Awaited<ReturnType<BrowserContext['cookies']>> = []
  return async () => {
    const context = await suite.newContext()
    await context.addCookies(cookies)
    const page = await context.newPage()
    if (cookies.length === 0) {
      await signInAsDemoCoordinator(page)
      cookies = await context.cookies()
      return page
    }
    await page.goto('/')
    await expectPage(page, 'Welcome, Casey Coordinator')
    return page
  }
}

/**
 * The demo case as it was on its first day (the finder's report opened as a case, no vendor
 * yet), opened again as a case of its own: for tests that tell the story from its start, while
 * the demo case itself has moved on. Returns its number (LS-YYYY-NNNN).
 */
export async function openFreshSendmailCase(suite: BrowserSuite): Promise<string> {
  const db = suite.server.database.db
  const casey = await demoActor(db, 'coordinator@lockstep.demo')
  if (!casey) throw new Error('the demo coordinator is missing')
  return (await openSendmailCase(db, casey)).caseNumber
}

/** Fails on every serious or critical WCAG 2 A/AA violation axe finds on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa'])
    .options({ resultTypes: ['violations'] })
    .analyze()
  const severe = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  if (severe.length === 0) return
  const report = severe
    .map(
      (v) =>
        `${v.impact}: ${v.id} (${v.help})\n${v.nodes.map((n) => `      ${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('\n')}`,
    )
    .join('\n  ')
  console.error(`Accessibility violations on ${page.url()}:\n  ${report}`)
  throw new Error(
    `${severe.length} serious or critical accessibility violation(s) on ${page.url()}: ${severe.map((v) => v.id).join(', ')}`,
  )
}

/** Pages already checked by axe in this test file: each is checked on its first visit. */
const checkedPages = new Set<string>()

/**
 * Waits until the page with this main heading has loaded its data, then checks it with axe (the
 * first time this file meets it: axe takes a second or two). Call expectAccessible to check a
 * page again in another state.
 */
export async function expectPage(page: Page, heading: string | RegExp): Promise<void> {
  const title = page.getByRole('heading', { level: 1, name: heading })
  await title.waitFor()
  await expect.poll(() => page.locator('.loading').count(), { timeout: 10_000 }).toBe(0)
  const path = new URL(page.url()).pathname
    .replace(/\/[0-9a-f-]{36}/g, '/:id')
    .replace(/^\/(invite|reset)\/.+/, '/$1/:token')
  const key = `${path} ${await title.textContent()}`
  if (checkedPages.has(key)) return
  await expectAccessible(page)
  checkedPages.add(key)
}

/** Signs in through the form (the demo account buttons are tested separately). */
export async function signInWithForm(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/sign-in')
  await expectPage(page, 'Sign in to Lockstep')
  await page.getByLabel('E-mail address').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
}

/** The demo coordinator through the sign-in form and the demo's second-factor helper. */
export async function signInAsDemoCoordinator(page: Page): Promise<void> {
  await signInWithForm(page, 'coordinator@lockstep.demo', DEMO_PASSWORD)
  await expectPage(page, 'Confirm it’s you')
  await page.getByText(/Demo: the current code is/).waitFor()
  await page.getByRole('button', { name: 'Fill in the demo code' }).click()
  await page.getByRole('button', { name: 'Verify code' }).click()
  await expectPage(page, 'Welcome, Casey Coordinator')
}

/**
 * Signs a browser context in through the API, for tests about what comes after signing in. With
 * a TOTP secret the second factor is passed too.
 */
export async function signInWithApi(
  context: BrowserContext,
  email: string,
  password: string,
  totpSecret?: string | null,
): Promise<void> {
  const response = await context.request.post('/api/v1/session', { data: { email, password } })
  if (!response.ok()) throw new Error(`sign-in of ${email} failed: ${response.status()} ${await response.text()}`)
  const state = (await response.json()) as { stage: string; csrfToken: string }
  if (state.stage !== 'second_factor') return
  if (!totpSecret) throw new Error(`${email} needs a second factor`)
  const second = await context.request.post('/api/v1/session/totp', {
    data: { code: currentTotp(totpSecret) },
    headers: { 'x-csrf-token': state.csrfToken },
  })
  if (!second.ok()) throw new Error(`second factor of ${email} failed: ${second.status()} ${await second.text()}`)
}

/** A page signed in (through the API) as a new user of the suite's instance with the staff role given. */
export async function pageOfNewUser(suite: BrowserSuite, instanceRole: 'coordinator' | 'admin'): Promise<Page> {
  const user = await makeUser(suite.server.database.db, { instanceRole })
  const context = await suite.newContext()
  await signInWithApi(context, user.email, PASSWORD, user.totp_secret)
  return context.newPage()
}

/**
 * A fresh copy of the demo case (openFreshSendmailCase) with Red Hat told of it by the demo
 * coordinator, and a page signed in as Red Hat's Rae Hat: for what a vendor sees once told.
 */
export async function redHatToldOfFreshCase(
  suite: BrowserSuite,
): Promise<{ caseNumber: string; casey: NonNullable<Awaited<ReturnType<typeof demoActor>>>; page: Page }> {
  const db = suite.server.database.db
  const caseNumber = await openFreshSendmailCase(suite)
  const casey = (await demoActor(db, 'coordinator@lockstep.demo'))!
  const redHat = (await findOrganizationBySlug(db, 'red-hat'))!
  await notifyVendors(db, casey, caseNumber, [redHat.id])
  const context = await suite.newContext()
  await signInWithApi(context, 'redhat@lockstep.demo', DEMO_PASSWORD)
  return { caseNumber, casey, page: await context.newPage() }
}

/** The error message tied to a form field (the last element its aria-describedby names). */
export async function fieldErrorOf(field: Locator): Promise<string> {
  await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true')
  const errorId = ((await field.getAttribute('aria-describedby')) ?? '').split(' ').at(-1)
  return (await field.page().locator(`[id="${errorId}"]`).textContent()) ?? ''
}

/** Presses Tab until the focused element matches, as a keyboard user would; fails after `limit`. */
export async function tabTo(
  page: Page,
  isTarget: (focused: { tag: string; label: string; type: string }) => boolean,
  limit = 30,
): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab')
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null
      const labelled = el && 'labels' in el ? (el as HTMLInputElement).labels?.[0]?.textContent : null
      return {
        tag: el?.tagName.toLowerCase() ?? '',
        label: (labelled ?? el?.textContent ?? '').trim(),
        type: el?.getAttribute('type') ?? '',
      }
    })
    if (isTarget(focused)) return
  }
  throw new Error(`Tab did not reach the element within ${limit} presses`)
}

/** Whether the focused element shows a focus indicator (an outline or a box shadow). */
export async function focusIsVisible(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const el = document.activeElement
    if (!el) return false
    const style = getComputedStyle(el)
    return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none'
  })
}

/** Clicks a download control (a link or a button) and answers the saved file's name and bytes. */
export async function downloadBy(control: Locator): Promise<{ name: string; content: Buffer }> {
  const [file] = (await Promise.all([control.page().waitForEvent('download'), control.click()])) as [Download, void]
  return { name: file.suggestedFilename(), content: fs.readFileSync(await file.path()) }
}

/** Opens one tab of a case's workspace at its own address (/cases/:caseNumber/<tab>). */
export async function openCaseTab(
  page: Page,
  caseNumber: string,
  tab: 'summary' | 'vendors' | 'threads' | 'embargo' | 'advisory' | 'owners' | 'ledger',
): Promise<void> {
  await page.goto(`/cases/${caseNumber}/${tab}`)
}

/** Clicks a tab of the open case page (its header, and what it said, stay), and waits for its address. */
export async function showCaseTab(
  page: Page,
  tab: 'summary' | 'vendors' | 'threads' | 'embargo' | 'advisory' | 'owners' | 'ledger',
): Promise<void> {
  const name = tab.charAt(0).toUpperCase() + tab.slice(1)
  await page.getByRole('navigation', { name: 'Case sections' }).getByRole('link', { name, exact: true }).click()
  await page.waitForURL((url) => url.pathname.endsWith(`/${tab}`))
}
