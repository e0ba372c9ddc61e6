// How a test starts `lockstep` as a child process: `node <args>` for process.execPath. The built
// dist/ when it is current (as bin/lockstep.js runs it; a start is then a plain Node start), else
// the sources through tsx, which compiles every module at every start (seconds of CPU each).
//
// dist/ must be the code of this checkout. `npm test` (test/run.mjs) rebuilds it before vitest
// when a source is newer, so there it is always current. A developer running one file alone after
// an edit may have a stale dist/: then the sources run through tsx, slower but right. Rebuilding
// here instead was the other choice, but two test files starting at once would both write dist/
// under each other (and a file would spend 20 s of tsc before its first test); tsx has neither
// problem.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))
const builtEntry = path.join(root, 'dist/server/adapters/cli/main.js')
const sourceEntry = path.join(root, 'src/adapters/cli/main.ts')

/** Every source tsc compiles to a .js under `dir` (not tests, not declarations), with its modification time. */
function sources(dir: string, found: { file: string; mtimeMs: number }[] = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, e.name)
    if (e.isDirectory()) sources(file, found)
    else if (e.name.endsWith('.ts') && !/\.(test|d)\.ts$/.test(e.name))
      found.push({ file, mtimeMs: fs.statSync(file).mtimeMs })
  }
  return found
}

/**
 * Whether every source has its output in dist/server, written after it, and after the build's
 * own settings. Per file rather than newest-against-one-output: tsc writes its outputs one by one,
 * and a build stopped halfway leaves some old.
 */
function builtIsCurrent(): boolean {
  const settings = ['tsconfig.json', 'package.json', 'package-lock.json'].map(
    (f) => fs.statSync(path.join(root, f), { throwIfNoEntry: false })?.mtimeMs ?? Infinity,
  )
  const since = Math.max(...settings)
  return sources(path.join(root, 'src')).every(({ file, mtimeMs }) => {
    const out = path.join(root, 'dist/server', path.relative(path.join(root, 'src'), file)).replace(/\.ts$/, '.js')
    const built = fs.statSync(out, { throwIfNoEntry: false })?.mtimeMs ?? 0
    return built >= mtimeMs && built >= since
  })
}

// Decided once per test file: the sources do not change under a running test.
// LOCKSTEP_TEST_FROM_SOURCES=1 runs the sources anyway (to compare the two, or to debug with tsx).
const fromBuilt = process.env.LOCKSTEP_TEST_FROM_SOURCES !== '1' && builtIsCurrent()

/** The arguments for `node` that run `lockstep <args>` from this checkout. */
export function lockstepArgv(args: string[]): string[] {
  return fromBuilt ? [builtEntry, ...args] : ['--import', 'tsx', sourceEntry, ...args]
}
