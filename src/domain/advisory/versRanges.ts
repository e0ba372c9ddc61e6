// A vers range read as intervals, the shape OSV events and CVE version entries share. vers lists
// its constraints in version order (the vers specification requires it), so the intervals come
// out of one walk without comparing versions: each lower bound (>=) opens an interval, the next
// upper bound (< or <=) closes it, "=" names single versions and "*" is everything. What neither
// OSV nor CVE can say (an exclusive lower bound ">", an exclusion "!=") makes the range
// inconvertible, and the exporters then fall back to giving the vers text.
import { parseVers } from '../vers.js'

export interface VersionInterval {
  /** Inclusive lower bound; null from the first version on. */
  from: string | null
  /** Upper bound, or null for every later version. */
  to: { version: string; inclusive: boolean } | null
}

export type VersIntervals =
  { ok: true; scheme: string; intervals: VersionInterval[]; exact: string[] } | { ok: false; reason: string }

export function versIntervals(text: string): VersIntervals {
  const parsed = parseVers(text)
  if (!parsed.ok) return { ok: false, reason: `the range ${parsed.reason}` }
  const { scheme, constraints } = parsed.range
  const intervals: VersionInterval[] = []
  const exact: string[] = []
  let lower: string | null | undefined
  for (const { comparator, version } of constraints) {
    switch (comparator) {
      case '*':
        intervals.push({ from: null, to: null })
        break
      case '=':
        exact.push(version)
        break
      case '>=':
        if (lower !== undefined) intervals.push({ from: lower, to: null })
        lower = version
        break
      case '<':
      case '<=':
        intervals.push({ from: lower ?? null, to: { version, inclusive: comparator === '<=' } })
        lower = undefined
        break
      case '>':
        return {
          ok: false,
          reason: `">${version}" has no equivalent: OSV and CVE ranges start at a version, inclusive`,
        }
      case '!=':
        return {
          ok: false,
          reason: `"!=${version}" has no equivalent: OSV and CVE ranges cannot leave out one version`,
        }
    }
  }
  if (lower !== undefined) intervals.push({ from: lower, to: null })
  return { ok: true, scheme, intervals, exact }
}
