#!/usr/bin/env node
// `npm test`: typecheck, lint and format checks (two at a time), build the web UI when a source changed, then every vitest suite (unit, integration on
// PGlite and on PostgreSQL, the fuzzers with a modest number of runs, browser), and a summary that
// says plainly what ran and what was skipped.
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const started = Date.now()
const elapsed = (since) => `${Math.round((Date.now() - since) / 1000)} s`

// The static checks are single-threaded, so two at a time use both cores of a small CI machine;
// each one's output is held and printed whole, so they do not interleave.
const checks = [
  ['typecheck', 'npm', ['run', '--silent', 'typecheck']],
  ['lint', 'npx', ['eslint', '.']],
  ['format', 'npx', ['prettier', '--check', '.']],
]

function runHeld([name, cmd, args]) {
  return new Promise((resolve) => {
    const since = Date.now()
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (out += d))
    child.on('close', (status) => resolve({ name, status, out, took: elapsed(since) }))
  })
}

async function runChecks() {
  const queue = [...checks]
  const results = []
  const lane = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) results.push(await runHeld(next))
  }
  await Promise.all([lane(), lane()])
  let failed = false
  for (const r of results) {
    process.stdout.write(`\n== ${r.name} (${r.took})\n${r.out}`)
    if (r.status !== 0) {
      process.stdout.write(`\n${r.name} failed\n`)
      failed = true
    }
  }
  if (failed) {
    process.stdout.write('0 passed, 1 failed\n')
    process.exit(1)
  }
}

/** Newest modification time under a path (files only), skipping folders that are not sources. */
function newest(p) {
  const st = fs.statSync(p, { throwIfNoEntry: false })
  if (!st) return 0
  if (!st.isDirectory()) return st.mtimeMs
  let max = 0
  for (const e of fs.readdirSync(p)) if (e !== 'node_modules') max = Math.max(max, newest(path.join(p, e)))
  return max
}

// `npm ci` / `npm install` already built dist/ (the prepare script); build again only when a
// source is newer than what was built, so CI does not build twice.
function buildIsCurrent() {
  const built = ['dist/web/index.html', 'dist/server/adapters/cli/main.js'].map(
    (f) => fs.statSync(f, { throwIfNoEntry: false })?.mtimeMs ?? 0,
  )
  const sources = Math.max(...['src', 'web', 'package.json', 'package-lock.json', 'tsconfig.json'].map(newest))
  return Math.min(...built) > sources
}

await runChecks()
if (buildIsCurrent()) process.stdout.write('\n== build: dist/ is newer than every source, not built again\n')
else {
  const since = Date.now()
  process.stdout.write('\n== build\n')
  const r = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' })
  if (r.status !== 0) {
    process.stdout.write('\nbuild failed\n0 passed, 1 failed\n')
    process.exit(1)
  }
  process.stdout.write(`(build: ${elapsed(since)})\n`)
}

process.stdout.write('\n== tests (unit, integration on both databases, browser)\n')
fs.mkdirSync('test-results', { recursive: true })
const resultFile = 'test-results/vitest.json'
fs.rmSync(resultFile, { force: true })
const vitest = spawnSync(
  'npx',
  [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${resultFile}`,
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit' },
)

if (!fs.existsSync(resultFile)) {
  process.stdout.write('vitest wrote no results\n0 passed, 1 failed\n')
  process.exit(1)
}
const report = JSON.parse(fs.readFileSync(resultFile, 'utf8'))
const suites = new Map()
const bump = (key, status) => {
  const s = suites.get(key) ?? { passed: 0, failed: 0, skipped: 0 }
  s[status === 'passed' ? 'passed' : status === 'failed' ? 'failed' : 'skipped']++
  suites.set(key, s)
}
for (const file of report.testResults) {
  const project = file.name.includes('/test/browser/')
    ? 'browser'
    : file.name.includes('/test/integration/')
      ? 'integration'
      : file.name.includes('/test/fuzz/')
        ? 'fuzz'
        : 'unit'
  for (const t of file.assertionResults) {
    const backend = /\[(pglite|postgres)\]/.exec(t.ancestorTitles.join(' ') + ' ' + t.title)?.[1]
    bump(backend ? `${project} on ${backend}` : project, t.status)
  }
}
process.stdout.write('\n== summary\n')
const labels = { integration: 'integration (CLI, server)' }
for (const key of [
  'unit',
  'integration on pglite',
  'integration on postgres',
  'integration',
  'fuzz',
  'fuzz on pglite',
  'fuzz on postgres',
  'browser',
]) {
  const s = suites.get(key)
  if (!s) continue
  process.stdout.write(
    `  ${(labels[key] ?? key).padEnd(26)} ${String(s.passed).padStart(4)} passed  ${String(s.failed).padStart(3)} failed  ${String(s.skipped).padStart(3)} skipped\n`,
  )
}
const skippedSuites = []
if (suites.has('integration on pglite') && !suites.has('integration on postgres'))
  skippedSuites.push('integration on PostgreSQL (no server reachable; see the message above)')
const browser = suites.get('browser')
if (!browser) skippedSuites.push('browser (no browser test ran)')
else if (!browser.passed && browser.skipped)
  skippedSuites.push('browser (Chromium not available at /usr/bin/chromium; see the message above)')
for (const s of skippedSuites) process.stdout.write(`  SKIPPED: ${s}\n`)

const total = [...suites.values()].reduce(
  (a, s) => ({ passed: a.passed + s.passed, failed: a.failed + s.failed, skipped: a.skipped + s.skipped }),
  { passed: 0, failed: 0, skipped: 0 },
)
process.stdout.write(`\nnpm test took ${elapsed(started)} in all\n`)
process.stdout.write(`\n${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped\n`)
if (skippedSuites.length && process.env.LOCKSTEP_REQUIRE_ALL_SUITES === '1') {
  process.stdout.write('LOCKSTEP_REQUIRE_ALL_SUITES=1: a skipped suite is a failure here\n')
  process.exit(1)
}
process.exit(vitest.status === 0 && total.failed === 0 ? 0 : 1)
