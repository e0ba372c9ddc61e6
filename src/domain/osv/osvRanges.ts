// One OSV `affected[]` entry in Lockstep's affected form: the package as a purl without version,
// its SEMVER and ECOSYSTEM ranges as one vers range in the package's scheme, the versions OSV
// lists one by one, and the fixed versions. Matching then needs no OSV knowledge at all.
//
// OSV semantics (ossf.github.io/osv-schema, "Evaluation"): a range's events, in version order,
// open an affected interval at `introduced` ("0": from the first version) and close it before
// `fixed` or after `last_affected`; versions at or beyond a `limit` are never affected. Several
// ranges of one entry are a union. A version both introduced and fixed in one range changes
// nothing there: it is either an empty interval (RustSec writes introduced 1.2.0, fixed 1.2.0)
// or the seam between two adjacent ones, so both events are dropped. GIT ranges name commits, not
// versions, and are left out (said in the notes, as is anything else that cannot be expressed).
// The entry's fixed versions are the `fixed` events its union leaves out: with `<1.5` and
// `[1.0, 2.0)`, 1.5 is affected and only 2.0 fixes it.
import { formatVers, parseVers, type VersConstraint } from '../vers.js'
import { schemeFor, versContains, type VersionScheme } from '../versions/index.js'
import { osvPackageIdentity, type OsvPackage } from './osvPackage.js'

export interface OsvEvent {
  introduced?: string
  fixed?: string
  last_affected?: string
  limit?: string
}

export interface OsvRange {
  type: string
  events: OsvEvent[]
}

export interface OsvAffected {
  package: OsvPackage
  ranges?: OsvRange[] | undefined
  versions?: string[] | undefined
}

export interface ConvertedAffected {
  purl: string
  purlType: string
  purlNamespace: string | null
  purlName: string
  /** vers:<scheme>/…, or null: every version when `versions` is empty, else only those listed. */
  range: string | null
  versions: string[]
  fixedVersions: string[]
  notes: string[]
  /** False when nothing in the entry says which versions are affected (it is then not stored). */
  matchable: boolean
}

type EventKind = keyof OsvEvent
interface Event {
  kind: EventKind
  version: string
}
interface Interval {
  /** null: from the first version. */
  lower: string | null
  /** null: with no upper bound. */
  upper: { version: string; inclusive: boolean } | null
}

const kinds: readonly EventKind[] = ['introduced', 'fixed', 'last_affected', 'limit']
// At one version, an interval opening there comes before one closing there ([v, v] is last_affected).
const tieOrder: Record<EventKind, number> = { introduced: 0, last_affected: 1, fixed: 2, limit: 3 }

function eventsOf(range: OsvRange, notes: string[]): Event[] {
  const events: Event[] = []
  for (const e of range.events) {
    const kind = kinds.find((k) => typeof e[k] === 'string')
    if (kind) events.push({ kind, version: e[kind]! })
    else notes.push(`an event ${JSON.stringify(e)} of a ${range.type} range is not one OSV defines: left out`)
  }
  const introduced = new Set(events.filter((e) => e.kind === 'introduced').map((e) => e.version))
  const seams = new Set(events.filter((e) => e.kind === 'fixed' && introduced.has(e.version)).map((e) => e.version))
  return events.filter((e) => !((e.kind === 'introduced' || e.kind === 'fixed') && seams.has(e.version)))
}

/** The affected intervals of one range, in version order; its versions are valid in `scheme`. */
function intervalsOf(events: Event[], scheme: VersionScheme): Interval[] {
  const byVersion = (a: Event, b: Event) =>
    a.version === b.version ? 0 : a.version === '0' ? -1 : b.version === '0' ? 1 : scheme.compare(a.version, b.version)
  const order = (a: Event, b: Event) => byVersion(a, b) || tieOrder[a.kind] - tieOrder[b.kind]
  const sorted = events.filter((e) => e.kind !== 'limit').sort(order)
  const limits = events
    .filter((e) => e.kind === 'limit' && e.version !== '*')
    .map((e) => e.version)
    .sort(scheme.compare)
  const limit = events.some((e) => e.kind === 'limit' && e.version === '*') ? undefined : limits.at(-1)
  const found: Interval[] = []
  let open: string | null | undefined
  for (const e of sorted) {
    if (e.kind === 'introduced' && open === undefined) open = e.version === '0' ? null : e.version
    else if (e.kind !== 'introduced' && open !== undefined) {
      found.push({ lower: open, upper: { version: e.version, inclusive: e.kind === 'last_affected' } })
      open = undefined
    }
  }
  if (open !== undefined) found.push({ lower: open, upper: null })
  if (limit === undefined) return found
  return found
    .filter((i) => i.lower === null || scheme.compare(i.lower, limit) < 0)
    .map((i) =>
      i.upper === null || scheme.compare(i.upper.version, limit) >= 0
        ? { lower: i.lower, upper: { version: limit, inclusive: false } }
        : i,
    )
}

function isEmpty(i: Interval, scheme: VersionScheme): boolean {
  if (i.lower === null || i.upper === null) return false
  const c = scheme.compare(i.lower, i.upper.version)
  return i.upper.inclusive ? c > 0 : c >= 0
}

/** The union of intervals: sorted, empty ones dropped, overlapping and adjacent ones merged. */
function unionOf(intervals: Interval[], scheme: VersionScheme): Interval[] {
  const lowerOrder = (a: Interval, b: Interval) =>
    a.lower === null ? -1 : b.lower === null ? 1 : scheme.compare(a.lower, b.lower)
  const merged: Interval[] = []
  for (const i of intervals.filter((x) => !isEmpty(x, scheme)).sort(lowerOrder)) {
    const last = merged.at(-1)
    const touches =
      last && (last.upper === null || i.lower === null || scheme.compare(i.lower, last.upper.version) <= 0)
    if (!last || !touches) {
      merged.push({ ...i })
      continue
    }
    if (last.upper === null || i.upper === null) last.upper = null
    else {
      const c = scheme.compare(i.upper.version, last.upper.version)
      if (c > 0 || (c === 0 && i.upper.inclusive)) last.upper = i.upper
    }
  }
  return merged
}

function constraintsOf(intervals: Interval[]): VersConstraint[] {
  return intervals.flatMap((i): VersConstraint[] => {
    if (i.lower !== null && i.upper?.inclusive && i.upper.version === i.lower)
      return [{ comparator: '=', version: i.lower }]
    const lower: VersConstraint[] = i.lower === null ? [] : [{ comparator: '>=', version: i.lower }]
    const upper: VersConstraint[] =
      i.upper === null ? [] : [{ comparator: i.upper.inclusive ? '<=' : '<', version: i.upper.version }]
    return [...lower, ...upper]
  })
}

/**
 * When a version does not parse in the scheme the events cannot be ordered: the range is written
 * as OSV lists it, so that matching reports "could not be placed: check it" instead of "safe".
 */
function unordered(events: Event[], schemeName: string): string {
  const seen = new Set<string>()
  const constraints: VersConstraint[] = []
  for (const e of events) {
    if (e.version === '0' || e.kind === 'limit' || seen.has(e.version)) continue
    seen.add(e.version)
    constraints.push({
      comparator: e.kind === 'introduced' ? '>=' : e.kind === 'fixed' ? '<' : '<=',
      version: e.version,
    })
  }
  return formatVers({
    scheme: schemeName,
    constraints: constraints.length ? constraints : [{ comparator: '*', version: '' }],
  })
}

/**
 * The fixed versions of an entry that its affected set leaves out. A `fixed` event closes one
 * range; another range of the same entry may still cover that version, and then it fixes nothing.
 * Used when converting, and when matching entries stored before this rule (the range is kept as
 * the union, so it alone decides). A range that cannot place a version keeps it as fixed.
 */
export function osvFixedVersions(
  range: string | null,
  versions: readonly string[],
  fixedVersions: readonly string[],
): string[] {
  if (range === null) return versions.length ? [...fixedVersions] : []
  // The common case, read from the text: each fixed version ends an interval of the union ("<v"),
  // and the union's intervals neither overlap nor touch, so none of them is inside.
  const constraints = range.slice(range.indexOf('/') + 1).split('|')
  if (fixedVersions.every((v) => constraints.includes(`<${v}`))) return [...fixedVersions]
  const parsed = parseVers(range)
  if (!parsed.ok) return [...fixedVersions]
  return fixedVersions.filter((v) => {
    const inside = versContains(parsed.range, v)
    return !(inside.ok && inside.contains)
  })
}

function inside(version: string, i: Interval, scheme: VersionScheme): boolean {
  if (i.lower !== null && scheme.compare(version, i.lower) < 0) return false
  if (i.upper === null) return true
  const c = scheme.compare(version, i.upper.version)
  return i.upper.inclusive ? c <= 0 : c < 0
}

export function convertOsvAffected(entry: OsvAffected): ConvertedAffected | { error: string } {
  const identity = osvPackageIdentity(entry.package)
  if ('error' in identity) return identity
  const notes = [...identity.notes]
  const versions = [...new Set(entry.versions ?? [])]
  const used: { type: string; events: Event[] }[] = []
  for (const range of entry.ranges ?? []) {
    if (range.type === 'SEMVER' || range.type === 'ECOSYSTEM')
      used.push({ type: range.type, events: eventsOf(range, notes) })
    else
      notes.push(
        range.type === 'GIT'
          ? 'a GIT range (commits, not versions) is left out'
          : `a range of type ${range.type} is left out: OSV defines SEMVER, ECOSYSTEM and GIT`,
      )
  }
  // SEMVER ranges are SemVer 2.0 whatever the ecosystem; ours for golang, cargo and npm are SemVer too.
  const schemeName =
    used.length && used.every((r) => r.type === 'SEMVER') && !['golang', 'cargo', 'npm'].includes(identity.scheme)
      ? 'semver'
      : identity.scheme
  const scheme = schemeFor(schemeName)
  const events = used.flatMap((r) => r.events)
  const fixedVersions = [...new Set(events.filter((e) => e.kind === 'fixed').map((e) => e.version))]
  const base = {
    purl: identity.purl,
    purlType: identity.purlType,
    purlNamespace: identity.purlNamespace,
    purlName: identity.purlName,
    versions,
    fixedVersions,
    notes,
  }

  if (entry.ranges === undefined || entry.ranges.length === 0) {
    if (!versions.length) notes.push('no ranges and no versions: every version is taken as affected')
    return { ...base, range: null, matchable: true }
  }
  const invalid = events.filter(
    (e) => !(e.version === '0' && e.kind === 'introduced') && e.version !== '*' && scheme.valid(e.version) !== true,
  )
  if (invalid.length) {
    notes.push(
      `version ${JSON.stringify(invalid[0]!.version)} is not a ${schemeName} version ${scheme.valid(invalid[0]!.version)}: the range is kept as listed and matches ask for a check`,
    )
    return { ...base, range: unordered(events, schemeName), matchable: true }
  }
  const intervals = unionOf(
    used.flatMap((r) => intervalsOf(r.events, scheme)),
    scheme,
  )
  if (intervals.length === 0) {
    if (used.length) notes.push('the ranges affect no version')
    return { ...base, range: null, matchable: versions.length > 0 }
  }
  const every = intervals.length === 1 && intervals[0]!.lower === null && intervals[0]!.upper === null
  const range = every
    ? versions.length
      ? `vers:${schemeName}/*`
      : null
    : formatVers({ scheme: schemeName, constraints: constraintsOf(intervals) })
  // The same rule as osvFixedVersions, on the intervals at hand rather than the range's text.
  const fixed = fixedVersions.filter((v) => !intervals.some((i) => inside(v, i, scheme)))
  return { ...base, range, fixedVersions: fixed, matchable: true }
}
