// The fallback ordering for schemes Lockstep does not know, so that a range in an unknown scheme
// can still be evaluated (and callers say the answer is approximate: see schemeFor's fellBack).
//
// The rule (documented here because no upstream defines it): split the version into runs of
// digits and runs of letters, dropping every other character as a separator. Compare run by run:
// two digit runs numerically (any length), two letter runs case-insensitively by code unit, and a
// digit run sorts after a letter run (so 1.0 > 1.0rc, as most ecosystems agree). When one version
// runs out of runs first, a following letter run makes the longer one smaller (1.0 > 1.0beta) and
// a following digit run makes it larger (1.0.1 > 1.0), trailing zero runs included (1.0.0 > 1.0).
// A leading "v" before a digit is dropped (v1.2 == 1.2), since tags often carry it.
// It is close to rpmvercmp and to the vers "generic" scheme's intent, without their separators.

import { compareDigits, compareStrings, type VersionScheme } from './scheme.js'

const RUN = /\d+|[a-z]+/gi

function runs(version: string): string[] {
  return version.replace(/^v(?=\d)/i, '').match(RUN) ?? []
}

export function compareGeneric(a: string, b: string): number {
  const x = runs(a)
  const y = runs(b)
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const p = x[i]
    const q = y[i]
    if (p === undefined) return /^\d/.test(q!) ? -1 : 1
    if (q === undefined) return /^\d/.test(p) ? 1 : -1
    const pNum = /^\d/.test(p)
    const qNum = /^\d/.test(q)
    if (pNum !== qNum) return pNum ? 1 : -1
    const c = pNum ? compareDigits(p, q) : compareStrings(p.toLowerCase(), q.toLowerCase())
    if (c !== 0) return c
  }
  return 0
}

export const generic: VersionScheme = {
  name: 'generic',
  valid: (v) => (runs(v).length > 0 ? true : 'has no digits or letters to compare'),
  compare: compareGeneric,
}
