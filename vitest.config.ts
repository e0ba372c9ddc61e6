// Four suites: pure units beside the code, integration against both databases, the fuzzers (every
// parser and every API route with generated hostile input; LOCKSTEP_FUZZ_RUNS sets how many runs,
// `npm run fuzz`), and the browser.
import os from 'node:os'
import { defineConfig } from 'vitest/config'

// Integration files that start Lockstep as child processes (the CLI, servers killed and started
// again): a group of their own, one at a time, after the rest rather than beside the other
// integration files. A start runs the built dist/ (test/support/lockstepCommand.ts), or, when dist/
// is stale, compiles the sources with tsx: seconds of CPU, which beside other files hit hang guards.
const childProcessFiles = [
  'cases',
  'certccCli',
  'cli',
  'cliPortable',
  'crash',
  'demoInstance',
  'demoPeer',
  'demoReset',
  'durability',
  'ledgerAnchors',
  'peersCli',
].map((name) => `test/integration/${name}.test.ts`)

export default defineConfig({
  test: {
    // Vitest's default is one worker less than the cores: on a 2-core CI machine, one file at a
    // time. Most integration files spend much of their time waiting (deliveries between
    // instances, an embargo's instant, mail on loopback, the PostgreSQL server), so two at a time
    // use the machine. The browser files run after the rest, one at a time (below).
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/policy/**/*.test.ts', 'test/architecture/**/*.test.ts'],
          environment: 'node',
          // Only a guard against a hang: several units read whole conformance sets (1,058 CVSS
          // vectors, every OSV export, real SBOMs) and take seconds on a busy machine.
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          exclude: childProcessFiles,
          environment: 'node',
          globalSetup: ['test/support/globalSetup.ts'],
          // Only a guard against a hang: two files share the machine, which others share too.
          testTimeout: 60_000,
          hookTimeout: 90_000,
        },
      },
      {
        test: {
          name: 'integration-processes',
          include: childProcessFiles,
          environment: 'node',
          globalSetup: ['test/support/globalSetup.ts'],
          // One at a time, after the rest. Generous hang guards: a child's start is seconds of CPU.
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'fuzz',
          include: ['test/fuzz/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/support/globalSetup.ts'],
          // Only a guard against a hang: `npm run fuzz` runs hundreds of thousands of cases.
          testTimeout: 0,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/support/globalSetup.ts'],
          // Only a guard against a hang: a story step drives several pages, and on a shared,
          // busy machine one took over a minute.
          testTimeout: 180_000,
          hookTimeout: 180_000,
          // One file at a time, after the other suites: two at a time was faster, but a page's
          // scroll position and live reloads raced on a loaded machine (caseWorkspace, livePages).
          fileParallelism: false,
        },
      },
    ],
  },
})
