// Whether a version lies inside a vers range, so that owners' inventories can be matched against
// advisories' affected ranges. Follows the vers specification's containment algorithm
// (package-url/vers-spec, "Checking if a version is contained within a range"), with the range's
// scheme's comparator (registry.ts); an unknown scheme uses the generic ordering and says so.
//
// The algorithm: `*` contains everything. A version equal to an `=` constraint is inside, and one
// equal to a `!=` constraint is outside. The remaining `<`, `<=`, `>`, `>=` constraints, sorted by
// version, form intervals: a leading `<`/`<=` is open downwards, a trailing `>`/`>=` is open
// upwards, and each `>`/`>=` followed by a `<`/`<=` is a bounded interval. Ranges made only of
// `!=` constraints contain every other version (the spec leaves this case implicit).

import { parseVers, type VersComparator, type VersConstraint, type VersRange } from '../vers.js'
import { resolveScheme } from './registry.js'

export type VersContainsResult =
  { ok: true; contains: boolean; scheme: string; fellBack: boolean } | { ok: false; reason: string }

type Bound = { comparator: Exclude<VersComparator, '=' | '!='>; version: string }

const isLower = (c: string): boolean => c === '>' || c === '>='
const isUpper = (c: string): boolean => c === '<' || c === '<='

export function versContains(range: string | VersRange, version: string): VersContainsResult {
  let parsed: VersRange
  if (typeof range === 'string') {
    const result = parseVers(range)
    if (!result.ok) return { ok: false, reason: `The range ${result.reason}.` }
    parsed = result.range
  } else {
    parsed = range
  }
  const { scheme, fellBack } = resolveScheme(parsed.scheme)
  const answer = (contains: boolean): VersContainsResult => ({ ok: true, contains, scheme: scheme.name, fellBack })

  const versionValid = scheme.valid(version)
  if (versionValid !== true) return { ok: false, reason: `The version "${version}" ${versionValid} (${scheme.name}).` }
  if (parsed.constraints.some((c) => c.comparator === '*')) {
    if (parsed.constraints.length !== 1) return { ok: false, reason: 'The range may use "*" only alone.' }
    return answer(true)
  }
  for (const c of parsed.constraints) {
    const valid = scheme.valid(c.version)
    if (valid !== true) return { ok: false, reason: `The range's version "${c.version}" ${valid} (${scheme.name}).` }
  }

  const equal = (c: VersConstraint) => scheme.compare(version, c.version) === 0
  if (parsed.constraints.some((c) => c.comparator === '=' && equal(c))) return answer(true)
  if (parsed.constraints.some((c) => c.comparator === '!=' && equal(c))) return answer(false)

  const bounds = parsed.constraints.filter(
    (c): c is Bound => c.comparator !== '=' && c.comparator !== '!=' && c.comparator !== '*',
  )
  if (bounds.length === 0) return answer(parsed.constraints.every((c) => c.comparator === '!='))
  bounds.sort((a, b) => scheme.compare(a.version, b.version))

  const satisfies = (b: Bound): boolean => {
    const c = scheme.compare(version, b.version)
    return b.comparator === '<' ? c < 0 : b.comparator === '<=' ? c <= 0 : b.comparator === '>' ? c > 0 : c >= 0
  }
  if (bounds.length === 1) return answer(satisfies(bounds[0]!))
  for (let i = 0; i + 1 < bounds.length; i++) {
    const current = bounds[i]!
    const next = bounds[i + 1]!
    if (i === 0 && isUpper(current.comparator) && satisfies(current)) return answer(true)
    if (i + 2 === bounds.length && isLower(next.comparator) && satisfies(next)) return answer(true)
    if (isLower(current.comparator) && isUpper(next.comparator)) {
      if (satisfies(current) && satisfies(next)) return answer(true)
    } else if (!(isUpper(current.comparator) && isLower(next.comparator))) {
      // Two lower or two upper bounds in a row: the spec calls such a range invalid.
      return {
        ok: false,
        reason: `The range has "${current.comparator}${current.version}" followed by "${next.comparator}${next.version}": bounds must alternate.`,
      }
    }
  }
  return answer(false)
}
