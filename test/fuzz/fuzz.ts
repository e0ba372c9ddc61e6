// How the fuzzers run: each target is one fast-check property, run a modest number of times in
// `npm test` and LOCKSTEP_FUZZ_RUNS times under `npm run fuzz`, which also collects each target's
// run count and failures (LOCKSTEP_FUZZ_REPORT, one JSON line per target) to print them at the end.
import fs from 'node:fs'
import fc from 'fast-check'

/** Runs per target: the given modest default, or LOCKSTEP_FUZZ_RUNS when set. */
export function fuzzRuns(modest: number): number {
  const asked = Number(process.env.LOCKSTEP_FUZZ_RUNS)
  return Number.isInteger(asked) && asked > 0 ? asked : modest
}

function record(target: string, runs: number, failure: string | null): void {
  const file = process.env.LOCKSTEP_FUZZ_REPORT
  if (file) fs.appendFileSync(file, JSON.stringify({ target, runs, failures: failure ? 1 : 0, failure }) + '\n')
}

/** Checks a property, records what ran, and fails the test with fast-check's counterexample. */
export async function fuzz<T>(
  target: string,
  property: fc.IAsyncPropertyWithHooks<T> | fc.IPropertyWithHooks<T>,
  modestRuns: number,
): Promise<void> {
  const numRuns = fuzzRuns(modestRuns)
  const details = await fc.check(property as fc.IAsyncProperty<T>, { numRuns, endOnFailure: !!process.env.LOCKSTEP_FUZZ_RUNS })
  const error = details.errorInstance instanceof Error ? `\n${details.errorInstance.message}` : ''
  const failure = details.failed ? `${fc.defaultReportMessage(details) ?? 'failed'}${error}` : null
  record(target, details.numRuns, failure)
  if (failure) throw new Error(`${target}: ${failure}`)
}
