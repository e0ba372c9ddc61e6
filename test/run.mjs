#!/usr/bin/env node
// `npm test`: typecheck, lint, build the web UI, then every vitest suite (unit, integration on
// PGlite and on PostgreSQL, the fuzzers with a modest number of runs, browser), and a summary that
// says plainly what ran and what was skipped.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'

const steps = [
  ['typecheck', 'npm', ['run', '--silent', 'typecheck']],
  ['lint', 'npx', ['eslint', '.']],
  ['format', 'npx', ['prettier', '--check', '.']],
  ['build', 'npm', ['run', '--silent', 'build']],
]

for (const [name, cmd, args] of steps) {
  process.stdout.write(`\n== ${name}\n`)
  const r = spawnSync(cmd, args, { stdio: 'inherit' })
  if (r.status !== 0) {
    process.stdout.write(`\n${name} failed\n0 passed, 1 failed\n`)
    process.exit(1)
  }
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
process.stdout.write(`\n${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped\n`)
if (skippedSuites.length && process.env.LOCKSTEP_REQUIRE_ALL_SUITES === '1') {
  process.stdout.write('LOCKSTEP_REQUIRE_ALL_SUITES=1: a skipped suite is a failure here\n')
  process.exit(1)
}
process.exit(vitest.status === 0 && total.failed === 0 ? 0 : 1)
