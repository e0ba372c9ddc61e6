// Whether one inventory component is affected by one affected product of an advisory: the same
// package (purl type, namespace and name, compared as the purl spec normalises them; a generic
// purl's namespace is optional), and a version inside the affected range, compared with the
// range's own versioning scheme. A version the range cannot place (it does not parse in that
// scheme) is reported as unknown, not as safe: the owner is told to look. Versions an advisory
// lists one by one (OSV's `versions`) are affected whatever the range; versions a vendor names as
// fixed are not. Both lists are compared in the product's scheme, so that 1.5 and 1.5.0 (one PyPI
// version) get one answer.
import { schemeFor, versContains, type VersionScheme } from '../versions/index.js'

export interface ComponentRef {
  purlType: string | null
  purlNamespace: string | null
  purlName: string | null
  version: string | null
}

export interface AffectedRef {
  /** A purl without version, e.g. pkg:generic/sendmail. */
  purl: string | null
  /** vers:<scheme>/<constraints>, or null: every version (only those listed, when `versions` lists any). */
  range: string | null
  /**
   * Versions named as fixed: not affected whatever the range says (a vendor's backport). An
   * imported OSV entry passes only those its ranges leave out (osvFixedVersions), since its fixed
   * events are bounds of ranges that another range of the entry may cover.
   */
  fixedVersions: readonly string[]
  /** Versions listed one by one as affected, whatever the range says. */
  versions?: readonly string[]
}

export type MatchVerdict = { affected: true; certain: boolean; reason: string } | { affected: false }

export interface PurlParts {
  type: string
  namespace: string | null
  name: string
}

/** "pkg:rpm/redhat/sendmail" → its parts, lower-cased where the spec compares without case. */
export function purlParts(purl: string): PurlParts | null {
  const m = /^pkg:([a-zA-Z][a-zA-Z0-9.+-]*)\/(.+?)(?:@[^?#]*)?(?:[?#].*)?$/.exec(purl.trim())
  if (!m) return null
  const segments = m[2]!.split('/').map((s) => decodeURIComponent(s))
  const name = segments.pop()!
  return { type: m[1]!.toLowerCase(), namespace: segments.length ? segments.join('/') : null, name }
}

/**
 * A package name as inventories and advisories are matched by: without case, and for PyPI as
 * PEP 503 normalises it (runs of "-", "_" and "." are one "-"), since pip treats
 * `Zope.Interface`, `zope_interface` and `zope-interface` as one project.
 */
export function matchingName(type: string, name: string): string {
  const lower = name.toLowerCase()
  return type.toLowerCase() === 'pypi' ? lower.replace(/[-_.]+/g, '-') : lower
}

/** One key per package across inventories and advisories (type and matching name). */
export const packageKey = (type: string, name: string): string =>
  `${type.toLowerCase()}\u0000${matchingName(type, name)}`

function samePackage(c: ComponentRef, a: PurlParts): boolean {
  if (!c.purlType || !c.purlName) return false
  if (c.purlType.toLowerCase() !== a.type) return false
  if (matchingName(a.type, c.purlName) !== matchingName(a.type, a.name)) return false
  return sameNamespace(a, c.purlNamespace)
}

/** Whether a component's namespace is the advisory's (a generic purl's is free text: the advisory may leave it out). */
export function sameNamespace(a: Pick<PurlParts, 'type' | 'namespace'>, componentNamespace: string | null): boolean {
  if (a.type === 'generic' && a.namespace === null) return true
  return (componentNamespace ?? '').toLowerCase() === (a.namespace ?? '').toLowerCase()
}

/** The scheme a product's versions are compared in: its range's, else its purl type's (generic when unknown). */
function schemeOfProduct(a: AffectedRef, parts: PurlParts): VersionScheme {
  // The scheme is read from the text: this runs per install version and product, parsing the whole range would cost.
  const named = a.range ? /^vers:([^/]+)\//i.exec(a.range)?.[1] : undefined
  return schemeFor(named ?? parts.type)
}

/** Whether the version is one of the list: the same text, or equal in the scheme (Go's v1.2.3 is 1.2.3, PyPI's 1.5 is 1.5.0). */
function oneOf(version: string, list: readonly string[] | undefined, scheme: () => VersionScheme): boolean {
  if (!list?.length) return false
  if (list.includes(version)) return true
  const s = scheme()
  return s.valid(version) === true && list.some((v) => s.valid(v) === true && s.compare(v, version) === 0)
}

export function componentAffected(c: ComponentRef, a: AffectedRef): MatchVerdict {
  const parts = a.purl ? purlParts(a.purl) : null
  if (!parts || !samePackage(c, parts)) return { affected: false }
  if (!c.version) return { affected: true, certain: false, reason: 'the inventory gives no version: check it' }
  const scheme = () => schemeOfProduct(a, parts)
  if (oneOf(c.version, a.versions, scheme))
    return { affected: true, certain: true, reason: `${c.version} is listed as affected` }
  if (oneOf(c.version, a.fixedVersions, scheme)) return { affected: false }
  if (!a.range)
    return a.versions?.length
      ? { affected: false }
      : { affected: true, certain: true, reason: 'every version is affected' }
  const inRange = versContains(a.range, c.version)
  if (!inRange.ok)
    return {
      affected: true,
      certain: false,
      reason: `version ${c.version} could not be placed in ${a.range}: ${inRange.reason}`,
    }
  return inRange.contains
    ? { affected: true, certain: true, reason: `${c.version} is in ${a.range}` }
    : { affected: false }
}
