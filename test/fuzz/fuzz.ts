// How the fuzzers run: each target is one fast-check property, run a modest number of times in
// `npm test` and LOCKSTEP_FUZZ_RUNS times under `npm run fuzz`, which also collects each target's
// run count and failures (LOCKSTEP_FUZZ_REPORT, one JSON line per target) to print them at the end.
import fs from 'node:fs'
import fc from 'fast-check'

/** The modest count of the cheapest targets; a costlier target asks for fewer and gets its share. */
const REFERENCE_RUNS = 2_000

/**
 * Runs per target: its modest default in `npm test`; under LOCKSTEP_FUZZ_RUNS=N, N for the cheapest
 * targets and each costlier one in proportion to its default (a route costs a request and two
 * counts of the database, an SBOM a schema check), so one N sets a long run's length.
 */
export function fuzzRuns(modest: number): number {
  const asked = Number(process.env.LOCKSTEP_FUZZ_RUNS)
  if (!Number.isInteger(asked) || asked <= 0) return modest
  return Math.max(modest, Math.round((asked * modest) / REFERENCE_RUNS))
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
  const details = await fc.check(property as fc.IAsyncProperty<T>, {
    numRuns,
    endOnFailure: !!process.env.LOCKSTEP_FUZZ_RUNS,
  })
  const error = details.errorInstance instanceof Error ? `\n${details.errorInstance.message}` : ''
  const failure = details.failed ? `${fc.defaultReportMessage(details) ?? 'failed'}${error}` : null
  record(target, details.numRuns, failure)
  if (failure) throw new Error(`${target}: ${failure}`)
}
