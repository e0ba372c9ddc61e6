#!/usr/bin/env node
// `npm run fuzz`: the fuzzers of test/fuzz/ (every parser, every API route on both databases) with
// many runs: LOCKSTEP_FUZZ_RUNS for the cheapest targets (100,000 unless set), the costlier ones in
// proportion (see test/fuzz/fuzz.ts). Prints each target's runs and failures; fails if any failed.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'

const runs = process.env.LOCKSTEP_FUZZ_RUNS ?? '100000'
fs.mkdirSync('test-results', { recursive: true })
const report = 'test-results/fuzz.jsonl'
fs.rmSync(report, { force: true })
const started = Date.now()
const vitest = spawnSync('npx', ['vitest', 'run', '--project', 'fuzz', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, LOCKSTEP_FUZZ_RUNS: runs, LOCKSTEP_FUZZ_REPORT: report },
})
const rows = fs.existsSync(report)
  ? fs
      .readFileSync(report, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line))
  : []
process.stdout.write(`\n== fuzz (LOCKSTEP_FUZZ_RUNS=${runs}, ${Math.round((Date.now() - started) / 1000)} s)\n`)
for (const r of rows)
  process.stdout.write(
    `  ${r.target.padEnd(24)} ${String(r.runs).padStart(9)} runs  ${String(r.failures).padStart(3)} failed\n`,
  )
const total = rows.reduce((a, r) => ({ runs: a.runs + r.runs, failures: a.failures + r.failures }), {
  runs: 0,
  failures: 0,
})
process.stdout.write(
  `  ${'total'.padEnd(24)} ${String(total.runs).padStart(9)} runs  ${String(total.failures).padStart(3)} failed\n`,
)
for (const r of rows.filter((r) => r.failure)) process.stdout.write(`\n${r.target}:\n${r.failure}\n`)
process.exit(vitest.status === 0 && total.failures === 0 ? 0 : 1)
