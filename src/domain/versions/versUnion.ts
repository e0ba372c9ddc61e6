// The union of a native range's alternatives ("a || b") as one list of vers constraints. Each
// alternative is a list read as vers reads one (versContains: `=` versions inside, `!=` versions
// outside, the other bounds alternating into intervals). Listing the alternatives side by side is
// right only while they neither overlap nor touch: ">=1.0 <2.0 || >=1.5 <3.0" side by side is two
// lower bounds in a row, which vers refuses, and the ranges real advisories give overlap often
// enough. So each alternative becomes intervals, the intervals are merged, and the union is
// written back: a single version left out between two intervals as `!=`, one alone as `=`.
import type { VersConstraint } from '../vers.js'
import type { VersionScheme } from './scheme.js'

interface Bound {
  version: string
  inclusive: boolean
}
/** null ends: no bound on that side. */
interface Interval {
  lower: Bound | null
  upper: Bound | null
}

const isLower = (c: string) => c === '>' || c === '>='
const isUpper = (c: string) => c === '<' || c === '<='

/** One alternative's versions as intervals, or null when its bounds do not alternate (vers would refuse it). */
function intervalsOf(constraints: readonly VersConstraint[], scheme: VersionScheme): Interval[] | null {
  if (constraints.some((c) => c.comparator === '*')) return [{ lower: null, upper: null }]
  const points = constraints.filter((c) => c.comparator === '=').map((c) => c.version)
  const excluded = constraints.filter((c) => c.comparator === '!=').map((c) => c.version)
  const bounds = constraints
    .filter((c) => isLower(c.comparator) || isUpper(c.comparator))
    .sort((a, b) => scheme.compare(a.version, b.version))
  let base: Interval[] = []
  if (bounds.length === 0) {
    if (excluded.length > 0 && points.length === 0) base = [{ lower: null, upper: null }]
  } else {
    let open: Bound | null | undefined = isUpper(bounds[0]!.comparator) ? null : undefined
    for (const b of bounds) {
      const bound = { version: b.version, inclusive: b.comparator.endsWith('=') }
      if (isLower(b.comparator)) {
        if (open !== undefined) return null
        open = bound
      } else {
        if (open === undefined) return null
        base.push({ lower: open, upper: bound })
        open = undefined
      }
    }
    if (open !== undefined) base.push({ lower: open, upper: null })
  }
  for (const v of excluded) base = base.flatMap((i) => (contains(i, v, scheme) ? splitAt(i, v) : [i]))
  const single = (v: string): Interval => ({
    lower: { version: v, inclusive: true },
    upper: { version: v, inclusive: true },
  })
  return [...base.filter((i) => !isEmpty(i, scheme)), ...points.map(single)]
}

function contains(i: Interval, v: string, scheme: VersionScheme): boolean {
  if (i.lower) {
    const c = scheme.compare(v, i.lower.version)
    if (c < 0 || (c === 0 && !i.lower.inclusive)) return false
  }
  if (i.upper) {
    const c = scheme.compare(v, i.upper.version)
    if (c > 0 || (c === 0 && !i.upper.inclusive)) return false
  }
  return true
}

function splitAt(i: Interval, v: string): Interval[] {
  return [
    { lower: i.lower, upper: { version: v, inclusive: false } },
    { lower: { version: v, inclusive: false }, upper: i.upper },
  ]
}

function isEmpty(i: Interval, scheme: VersionScheme): boolean {
  if (!i.lower || !i.upper) return false
  const c = scheme.compare(i.lower.version, i.upper.version)
  return c > 0 || (c === 0 && !(i.lower.inclusive && i.upper.inclusive))
}

/** Lower ends in order: none first, then by version, an inclusive one before an exclusive one. */
function byLower(a: Interval, b: Interval, scheme: VersionScheme): number {
  if (!a.lower || !b.lower) return a.lower ? 1 : b.lower ? -1 : 0
  return scheme.compare(a.lower.version, b.lower.version) || Number(b.lower.inclusive) - Number(a.lower.inclusive)
}

/** Whether `next` (starting at or after `last`'s start) overlaps or touches `last`. */
function joins(last: Interval, next: Interval, scheme: VersionScheme): boolean {
  if (!last.upper || !next.lower) return true
  const c = scheme.compare(next.lower.version, last.upper.version)
  return c < 0 || (c === 0 && (next.lower.inclusive || last.upper.inclusive))
}

function higherUpper(a: Bound | null, b: Bound | null, scheme: VersionScheme): Bound | null {
  if (!a || !b) return null
  const c = scheme.compare(a.version, b.version)
  return c > 0 || (c === 0 && a.inclusive) ? a : b
}

/**
 * The union of the alternatives as one constraint list (not yet sorted), `[]` when it holds no
 * version, or null when an alternative cannot be read as intervals (its bounds do not alternate).
 */
export function unionOfAlternatives(
  alternatives: readonly (readonly VersConstraint[])[],
  scheme: VersionScheme,
): VersConstraint[] | null {
  const all: Interval[] = []
  for (const alternative of alternatives) {
    const intervals = intervalsOf(alternative, scheme)
    if (!intervals) return null
    all.push(...intervals)
  }
  const merged: Interval[] = []
  for (const i of all.sort((a, b) => byLower(a, b, scheme))) {
    const last = merged.at(-1)
    if (last && joins(last, i, scheme)) last.upper = higherUpper(last.upper, i.upper, scheme)
    else merged.push({ ...i })
  }
  // Two intervals apart by one version only ("<1.2 || >1.2") are one interval without it.
  const constraints: VersConstraint[] = []
  const written: Interval[] = []
  for (const i of merged) {
    const last = written.at(-1)
    if (last?.upper && i.lower && scheme.compare(last.upper.version, i.lower.version) === 0) {
      constraints.push({ comparator: '!=', version: i.lower.version })
      last.upper = i.upper
    } else written.push({ ...i })
  }
  if (written.length === 1 && !written[0]!.lower && !written[0]!.upper && constraints.length === 0)
    return [{ comparator: '*', version: '' }]
  for (const i of written) {
    if (i.lower && i.upper && scheme.compare(i.lower.version, i.upper.version) === 0) {
      constraints.push({ comparator: '=', version: i.lower.version })
      continue
    }
    if (i.lower) constraints.push({ comparator: i.lower.inclusive ? '>=' : '>', version: i.lower.version })
    if (i.upper) constraints.push({ comparator: i.upper.inclusive ? '<=' : '<', version: i.upper.version })
  }
  return constraints
}
