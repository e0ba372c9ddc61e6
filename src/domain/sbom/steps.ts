// Reading a large inventory is long work (a 200,000-component SBOM is 20 MB of JSON): done in one
// go it would hold the server's only thread for seconds, and /healthz with it. The readers are
// therefore generators that yield between chunks of work; the domain decides where a chunk ends,
// the caller decides what to do at each yield (the HTTP adapter lets the event loop run, a test
// or a script simply goes on). No timer here: the domain stays free of I/O.
export type Steps<T> = Generator<void, T, void>

/** How many entries (components, packages, lines) are handled between two yields. */
export const chunkSize = 1_000

/** Runs the steps at once, without yielding: for small inputs, tests and scripts. */
export function runAtOnce<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next()
    if (next.done) return next.value
  }
}

/** Runs the steps, awaiting `pause` at every yield (the HTTP adapter passes setImmediate). */
export async function runPausing<T>(steps: Steps<T>, pause: () => Promise<void>): Promise<T> {
  for (;;) {
    const next = steps.next()
    if (next.done) return next.value
    await pause()
  }
}
