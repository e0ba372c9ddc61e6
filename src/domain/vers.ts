// The syntax of a `vers` version range (package-url/vers-spec): `vers:<scheme>/<constraints>`,
// constraints separated by `|`, each an optional comparator and a percent-encoded version, or `*`
// for every version. This checks and reads the text; ordering versions within a scheme (and so
// deciding whether a version is inside the range) belongs to the matching code.

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

const SCHEME = /^[a-z][a-z0-9.+-]*$/

export function parseVers(text: string): VersResult {
  const compact = text.replace(/\s+/g, '')
  if (!compact.startsWith('vers:')) return { ok: false, reason: 'must start with "vers:" (for example vers:generic/>=8.12.0|<8.12.8)' }
  const rest = compact.slice('vers:'.length)
  const slash = rest.indexOf('/')
  if (slash < 0) return { ok: false, reason: 'must name its versioning scheme and then "/" (vers:<scheme>/<constraints>)' }
  const scheme = rest.slice(0, slash)
  if (!SCHEME.test(scheme)) return { ok: false, reason: `has an invalid versioning scheme "${scheme}" (lower-case letters and digits)` }
  const body = rest.slice(slash + 1)
  if (!body) return { ok: false, reason: 'has no constraints after the scheme' }
  if (body === '*') return { ok: true, range: { scheme, constraints: [{ comparator: '*', version: '' }] } }

  const constraints: VersConstraint[] = []
  const seen = new Set<string>()
  for (const part of body.split('|')) {
    if (!part) return { ok: false, reason: 'has an empty constraint (two "|" in a row, or one at an end)' }
    if (part === '*') return { ok: false, reason: 'may use "*" only alone, meaning every version' }
    const comparator = versComparators.find((c) => part.startsWith(c)) ?? '='
    const encoded = part.startsWith(comparator) ? part.slice(comparator.length) : part
    if (!encoded) return { ok: false, reason: `has the comparator "${comparator}" without a version` }
    let version: string
    try {
      version = decodeURIComponent(encoded)
    } catch {
      return { ok: false, reason: `has a badly percent-encoded version "${encoded}"` }
    }
    if (seen.has(version)) return { ok: false, reason: `names version "${version}" twice` }
    seen.add(version)
    constraints.push({ comparator, version })
  }
  return { ok: true, range: { scheme, constraints } }
}

/** The canonical text: no spaces, `=` left implicit, versions percent-encoded where needed. */
export function formatVers(range: VersRange): string {
  if (range.constraints.length === 1 && range.constraints[0]!.comparator === '*') return `vers:${range.scheme}/*`
  const parts = range.constraints.map((c) => `${c.comparator === '=' ? '' : c.comparator}${encodeURIComponent(c.version).replace(/%2B/g, '+').replace(/%3A/g, ':').replace(/%7E/g, '~')}`)
  return `vers:${range.scheme}/${parts.join('|')}`
}
