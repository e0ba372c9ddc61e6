// The syntax of a `vers` version range (package-url/vers-spec): `vers:<scheme>/<constraints>`,
// constraints separated by `|`, each an optional comparator and a percent-encoded version, or `*`
// for every version. This checks and reads the text; ordering versions within a scheme (and so
// deciding whether a version is inside the range) belongs to the matching code, which is why the
// functions that need an order (canonical parsing, canonical text) take one from the caller.

export const versComparators = ['>=', '<=', '!=', '<', '>', '='] as const
export type VersComparator = (typeof versComparators)[number]

export interface VersConstraint {
  comparator: VersComparator | '*'
  version: string
}

export interface VersRange {
  scheme: string
  constraints: VersConstraint[]
}

export type VersResult = { ok: true; range: VersRange } | { ok: false; reason: string }

/** What canonical parsing and formatting need of a scheme: a version check and an order. */
export interface VersionOrder {
  valid(version: string): true | string
  compare(a: string, b: string): number
}

const SCHEME = /^[a-z][a-z0-9.+-]*$/
const NOT_CANONICAL = 'non-canonical VERS: '

type Split = { ok: true; scheme: string; body: string } | { ok: false; reason: string }

function splitVers(text: string): Split {
  if (!text.startsWith('vers:'))
    return { ok: false, reason: 'must start with "vers:" (for example vers:generic/>=8.12.0|<8.12.8)' }
  const rest = text.slice('vers:'.length)
  const slash = rest.indexOf('/')
  if (slash < 0)
    return { ok: false, reason: 'must name its versioning scheme and then "/" (vers:<scheme>/<constraints>)' }
  const scheme = rest.slice(0, slash)
  if (!SCHEME.test(scheme))
    return { ok: false, reason: `has an invalid versioning scheme "${scheme}" (lower-case letters and digits)` }
  const body = rest.slice(slash + 1)
  if (!body) return { ok: false, reason: 'has no constraints after the scheme' }
  return { ok: true, scheme, body }
}

function comparatorOf(part: string): { comparator: VersComparator; encoded: string } {
  const comparator = versComparators.find((c) => part.startsWith(c)) ?? '='
  return { comparator, encoded: part.startsWith(comparator) ? part.slice(comparator.length) : part }
}

/** Reads the constraints; `repeats` says whether a version named twice is an error (our ranges) or kept (suite normalisation). */
function readVers(text: string, repeats: 'refuse' | 'keep'): VersResult {
  const split = splitVers(text.replace(/\s+/g, ''))
  if (!split.ok) return split
  const { scheme, body } = split
  if (body === '*') return { ok: true, range: { scheme, constraints: [{ comparator: '*', version: '' }] } }

  const constraints: VersConstraint[] = []
  const seen = new Set<string>()
  for (const part of body.split('|')) {
    if (!part) return { ok: false, reason: 'has an empty constraint (two "|" in a row, or one at an end)' }
    if (part === '*') return { ok: false, reason: 'may use "*" only alone, meaning every version' }
    const { comparator, encoded } = comparatorOf(part)
    if (!encoded) return { ok: false, reason: `has the comparator "${comparator}" without a version` }
    let version: string
    try {
      version = decodeURIComponent(encoded)
    } catch {
      return { ok: false, reason: `has a badly percent-encoded version "${encoded}"` }
    }
    if (repeats === 'refuse' && seen.has(version)) return { ok: false, reason: `names version "${version}" twice` }
    seen.add(version)
    constraints.push({ comparator, version })
  }
  return { ok: true, range: { scheme, constraints } }
}

export function parseVers(text: string): VersResult {
  return readVers(text, 'refuse')
}

/** The canonical text: no spaces, `=` left implicit, versions percent-encoded where needed. */
export function formatVers(range: VersRange): string {
  if (range.constraints.length === 1 && range.constraints[0]!.comparator === '*') return `vers:${range.scheme}/*`
  const parts = range.constraints.map(
    (c) =>
      `${c.comparator === '=' ? '' : c.comparator}${encodeURIComponent(c.version).replace(/%2B/g, '+').replace(/%3A/g, ':').replace(/%7E/g, '~')}`,
  )
  return `vers:${range.scheme}/${parts.join('|')}`
}

/**
 * Constraints in canonical order: by version in the scheme's order, and for one version by the
 * comparator's text, so that the result does not depend on the order they were given in (the
 * vers suite's expected outputs, made by univers, break ties the same way: "<1.5.0|>=1.5.0").
 */
export function sortVersConstraints(constraints: readonly VersConstraint[], order: VersionOrder): VersConstraint[] {
  const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
  return [...constraints].sort((a, b) => order.compare(a.version, b.version) || byText(a.comparator, b.comparator))
}

/** The first version the scheme does not accept, said as "the version "x", which is not …". */
function firstInvalid(range: VersRange, order: VersionOrder): string | undefined {
  for (const c of range.constraints) {
    if (c.comparator === '*') continue
    const valid = order.valid(c.version)
    if (valid !== true) return `the version "${c.version}", which ${valid}`
  }
  return undefined
}

/**
 * A range rewritten in canonical form: spaces dropped, constraints sorted by version, versions
 * encoded canonically. A version named twice is kept, as the vers suite's validation cases expect;
 * parseVers, which guards the ranges Lockstep stores, still refuses it.
 */
export function canonicalVers(
  text: string,
  orderFor: (scheme: string) => VersionOrder,
): { ok: true; vers: string } | { ok: false; reason: string } {
  const read = readVers(text, 'keep')
  if (!read.ok) return read
  const order = orderFor(read.range.scheme)
  const invalid = firstInvalid(read.range, order)
  if (invalid) return { ok: false, reason: `has ${invalid}` }
  return {
    ok: true,
    vers: formatVers({ scheme: read.range.scheme, constraints: sortVersConstraints(read.range.constraints, order) }),
  }
}

const PERCENT_NOT_FOLLOWED_BY_HEX = /%(?![0-9A-Fa-f]{2})/
const LOWER_CASE_HEX = /%(?:[0-9A-F][a-f]|[a-f][0-9A-Fa-f])/

function canonicalVersionProblem(scheme: string, encoded: string): string | undefined {
  if (PERCENT_NOT_FOLLOWED_BY_HEX.test(encoded)) return 'invalid percent-encoding in version'
  // Canonical percent-encoding uses upper-case hex, so the same version has one spelling.
  if (LOWER_CASE_HEX.test(encoded)) return 'percent-encoding in version is not canonical'
  if (scheme === 'datetime') {
    // RFC 3339 timestamps are kept readable: ":" is left as it is, and T and Z are upper case.
    if (/%3A/.test(encoded)) return 'datetime time colons must be unencoded'
    if (/[tz]/.test(encoded)) return 'datetime must use uppercase T and Z'
  }
  return undefined
}

/**
 * Reads a range that must already be canonical, failing with "non-canonical VERS: …" on what
 * canonical text never has: white space, a stray "|", bad or lower-case percent-encoding,
 * constraints out of version order (and for datetime, lower-case t/z or encoded colons).
 */
export function parseCanonicalVers(text: string, orderFor: (scheme: string) => VersionOrder): VersResult {
  const refuse = (why: string): VersResult => ({ ok: false, reason: NOT_CANONICAL + why })
  if (/\s/.test(text)) return refuse('whitespace is not permitted')
  const split = splitVers(text)
  if (!split.ok) return refuse(split.reason)
  const { scheme, body } = split
  if (body === '*') return { ok: true, range: { scheme, constraints: [{ comparator: '*', version: '' }] } }
  if (body.startsWith('|')) return refuse('leading pipe is not permitted')
  if (body.endsWith('|')) return refuse('trailing pipe is not permitted')
  if (body.includes('||')) return refuse('consecutive pipes are not permitted')

  const constraints: VersConstraint[] = []
  for (const part of body.split('|')) {
    if (part === '*') return refuse('"*" is permitted only alone')
    const { comparator, encoded } = comparatorOf(part)
    if (!encoded) return refuse(`the comparator "${comparator}" has no version`)
    const problem = canonicalVersionProblem(scheme, encoded)
    if (problem) return refuse(problem)
    try {
      constraints.push({ comparator, version: decodeURIComponent(encoded) })
    } catch {
      return refuse('invalid percent-encoding in version')
    }
  }
  const range = { scheme, constraints }
  // Versions are checked against the scheme only where the order needs them: parsing is syntax.
  if (constraints.length > 1) {
    const order = orderFor(scheme)
    const invalid = firstInvalid(range, order)
    if (invalid) return refuse(`the order of the constraints cannot be checked: ${invalid}`)
    for (let i = 1; i < constraints.length; i++) {
      if (order.compare(constraints[i - 1]!.version, constraints[i]!.version) > 0)
        return refuse('constraints are not sorted by version')
    }
  }
  return { ok: true, range }
}
