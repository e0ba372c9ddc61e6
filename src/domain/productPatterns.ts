// A vendor's products in the vendor directory, written as package URL patterns
// (pkg:deb/debian/sendmail) or CPE names (cpe:2.3:a:sendmail:sendmail:*:*:*:*:*:*:*:*, or the
// older CPE 2.2 URI cpe:/a:sendmail:sendmail), and how they are matched against a case's affected
// products to propose which vendors to notify. A pattern names a product, never a version: which
// versions are affected is the vulnerability's business, not the directory's.
import { PackageURL } from 'packageurl-js'
import { isCpe23Name } from './advisory/cpeNames.js'

export type ProductPattern =
  | { kind: 'purl'; type: string; namespace: string | null; name: string; canonical: string }
  /** vendor and product are CPE values unescaped and lower-case ('@thi.ng/egf'); product '*' is any product. */
  | { kind: 'cpe'; part: 'a' | 'o' | 'h'; vendor: string; product: string; canonical: string }

export type ProductPatternResult = { ok: true; pattern: ProductPattern } | { ok: false; reason: string }

/** An affected product as a report or a vulnerability gives it (see AffectedProduct in the store). */
export interface AffectedLike {
  purl: string | null
  cpe?: string | null
  vendor?: string | null
  product?: string | null
}

export const maxPatternLength = 500

const examples = 'for example pkg:deb/debian/sendmail or cpe:2.3:a:sendmail:sendmail:*:*:*:*:*:*:*:*'

/** Reads one pattern as a vendor or a coordinator typed it. Reasons complete a sentence whose subject is the pattern. */
export function parseProductPattern(text: string): ProductPatternResult {
  const trimmed = text.trim()
  if (!trimmed) return { ok: false, reason: `is empty (${examples})` }
  if (trimmed.length > maxPatternLength) return { ok: false, reason: `is longer than ${maxPatternLength} characters` }
  if (/^pkg:/i.test(trimmed)) return parsePurlPattern(trimmed)
  if (/^cpe:(2\.3:|\/)/i.test(trimmed)) return parseCpePattern(trimmed)
  if (/^cpe:/i.test(trimmed))
    return { ok: false, reason: 'is a CPE name of an unknown version: write cpe:2.3:… or the CPE 2.2 form cpe:/…' }
  return { ok: false, reason: `is not a package URL or CPE name (${examples})` }
}

// ---- package URLs ----

type PurlProduct = { type: string; namespace: string | null; name: string }
type PurlParts = ReturnType<typeof PackageURL.parseString>

// Types whose names the current purl specification declares case-insensitive but packageurl-js
// 2.0.1 does not yet lower-case (the conformance suite reads pkg:brew/SQLite as sqlite).
const lowerCasedBeyondLibrary = new Set(['brew', 'git'])

// Some types require a version (cran, swift) or qualifiers (conan with a namespace) in a full purl.
// A pattern has neither by design, so the library checks the rest with stand-ins, dropped again.
const STAND_IN_VERSION = '0'
const STAND_IN_QUALIFIERS = { stand_in: '0' }

function purlProduct(
  parts: PurlParts,
): { ok: true; product: PurlProduct; canonical: string } | { ok: false; reason: string } {
  const [type, namespace, name, , qualifiers] = parts
  if (!type) return { ok: false, reason: 'is a package URL without a type (pkg:<type>/<name>)' }
  if (!name) return { ok: false, reason: noName }
  // The purl's own qualifiers go first: some types normalise by them (an mlflow name on
  // Databricks is case-insensitive). Qualifiers the library refuses do not change the product.
  const attempts = [qualifiers, undefined, STAND_IN_QUALIFIERS].filter((q, i) => i > 0 || q !== undefined)
  let purl: PackageURL | undefined
  let firstError: unknown
  for (const attempt of attempts) {
    try {
      purl = new PackageURL(type, namespace || undefined, name, STAND_IN_VERSION, attempt)
      break
    } catch (error) {
      firstError ??= error
    }
  }
  if (!purl) return { ok: false, reason: `is not a valid package URL: ${libraryMessage(firstError)}` }
  if (lowerCasedBeyondLibrary.has(purl.type)) {
    purl.namespace = purl.namespace?.toLowerCase()
    purl.name = purl.name.toLowerCase()
  }
  purl.version = undefined
  purl.qualifiers = undefined
  purl.subpath = undefined
  return {
    ok: true,
    product: { type: purl.type, namespace: purl.namespace || null, name: purl.name },
    canonical: purl.toString(),
  }
}

function libraryMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.replace(/^Invalid purl:\s*/i, '')
}

const noName = 'is a package URL without a name (pkg:<type>/<name>)'

function splitPurl(text: string): PurlParts | { reason: string } {
  // packageurl-js reads an "@" right after a "/" as part of the name, to be lenient with npm
  // scopes; the specification reads it as the start of the version, so pkg:cran/@0.9.1 has no name.
  if (/\/@[^/]*$/.test(text.replace(/[?#].*$/s, ''))) return { reason: noName }
  try {
    return PackageURL.parseString(text)
  } catch (error) {
    return { reason: `is not a valid package URL: ${libraryMessage(error)}` }
  }
}

function parsePurlPattern(text: string): ProductPatternResult {
  const parts = splitPurl(text)
  if ('reason' in parts) return { ok: false, reason: parts.reason }
  const read = purlProduct(parts)
  if (!read.ok) return read
  const [, , , version, qualifiers, subpath] = parts
  const only = `give the product only (${read.canonical})`
  if (version) return { ok: false, reason: `is a package URL with a version: ${only}` }
  if (qualifiers) return { ok: false, reason: `is a package URL with qualifiers: ${only}` }
  if (subpath) return { ok: false, reason: `is a package URL with a subpath: ${only}` }
  return { ok: true, pattern: { kind: 'purl', ...read.product, canonical: read.canonical } }
}

/** The product a full purl names (its version, qualifiers and subpath dropped), or null if it cannot be read. */
export function productPatternOf(purl: string): ProductPattern | null {
  const parts = splitPurl(purl.trim())
  if ('reason' in parts) return null
  const read = purlProduct(parts)
  return read.ok ? { kind: 'purl', ...read.product, canonical: read.canonical } : null
}

// ---- CPE names ----

// A component of a CPE name as NISTIR 7695 reads it: ANY (*, or empty in a 2.2 URI), NA (-), a
// value, or a value with a wildcard inside, which a pattern cannot use.
type CpeValue = { is: 'any' } | { is: 'na' } | { is: 'value'; text: string } | { is: 'partial' }
type CpeName = { part: CpeValue; vendor: CpeValue; product: CpeValue; rest: CpeValue[] }
/** A component as written (raw) and as read, named as the CPE 2.3 specification names it. */
type CpeComponent = { name: string; raw: string; value: CpeValue }

const CPE_COMPONENT_NAMES = [
  'part',
  'vendor',
  'product',
  'version',
  'update',
  'edition',
  'language',
  'sw_edition',
  'target_sw',
  'target_hw',
  'other',
] as const
const CPE23_FIELDS = CPE_COMPONENT_NAMES.length
const CPE22_FIELDS = 7
// A 2.2 URI's edition starting with "~" packs five 2.3 components (NISTIR 7695 §6.1.3.3).
const PACKED_EDITION = ['edition', 'sw_edition', 'target_sw', 'target_hw', 'other'] as const

function cpe23Value(raw: string): CpeValue | null {
  if (raw === '*' || raw === '') return { is: 'any' }
  if (raw === '-') return { is: 'na' }
  let text = ''
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!
    if (c === '\\') {
      const next = raw[i + 1]
      if (next === undefined) return null
      text += next
      i++
    } else if (c === '*' || c === '?') return { is: 'partial' }
    else text += c
  }
  return { is: 'value', text: text.toLowerCase() }
}

function cpe22Value(raw: string): CpeValue | null {
  if (raw === '') return { is: 'any' }
  if (raw === '-') return { is: 'na' }
  // %01 and %02 are the 2.2 URI's wildcards (? and *).
  if (/%0[12]/i.test(raw)) return { is: 'partial' }
  try {
    return { is: 'value', text: decodeURIComponent(raw).toLowerCase() }
  } catch {
    return null
  }
}

/** Splits on the colons that are not escaped with a backslash. */
function splitUnescaped(text: string, separator: string): string[] {
  const parts: string[] = []
  let current = ''
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (c === '\\' && i + 1 < text.length) {
      current += c + text[i + 1]
      i++
    } else if (c === separator) {
      parts.push(current)
      current = ''
    } else current += c
  }
  parts.push(current)
  return parts
}

/** The 2.2 URI's components by name, its packed edition unpacked. */
function cpe22Components(raw: string[]): { name: string; raw: string }[] {
  return raw.flatMap((component, i) => {
    const name = CPE_COMPONENT_NAMES[i]!
    if (name !== 'edition' || !component.startsWith('~')) return [{ name, raw: component }]
    return component
      .slice(1)
      .split('~')
      .map((packed, j) => ({ name: PACKED_EDITION[j] ?? 'edition', raw: packed }))
  })
}

function readCpeComponents(text: string): { ok: true; components: CpeComponent[] } | { ok: false; reason: string } {
  const is23 = /^cpe:2\.3:/i.test(text)
  const body = text.slice(is23 ? 'cpe:2.3:'.length : 'cpe:/'.length)
  // A short 2.3 name (cpe:2.3:a:sendmail:sendmail) is read as if the rest were *.
  const raw = is23 ? splitUnescaped(body, ':') : body.split(':')
  const most = is23 ? CPE23_FIELDS : CPE22_FIELDS
  if (raw.length > most)
    return { ok: false, reason: `is a CPE ${is23 ? '2.3' : '2.2'} name with more than ${most} components` }
  const named = is23
    ? raw.map((component, i) => ({ name: CPE_COMPONENT_NAMES[i]!, raw: component }))
    : cpe22Components(raw)
  if (named.length > CPE23_FIELDS)
    return { ok: false, reason: 'is a CPE 2.2 name whose edition packs more than five components' }
  const components: CpeComponent[] = []
  for (const { name, raw: component } of named) {
    const value = is23 ? cpe23Value(component) : cpe22Value(component)
    if (!value) return { ok: false, reason: `is a CPE name with a badly escaped component "${component}"` }
    components.push({ name, raw: component, value })
  }
  return { ok: true, components }
}

function readCpe(text: string): { ok: true; name: CpeName } | { ok: false; reason: string } {
  const read = readCpeComponents(text)
  if (!read.ok) return read
  const any: CpeValue = { is: 'any' }
  const [part = any, vendor = any, product = any, ...rest] = read.components.map((c) => c.value)
  return { ok: true, name: { part, vendor, product, rest } }
}

// What CPE 2.3 formatted strings allow unescaped inside a value (besides the wildcards * and ?),
// and what may follow a backslash: punctuation only (the specification's grammar, as the CSAF
// and CVE schemas write it).
const CPE23_PLAIN = /[A-Za-z0-9._-]/
const CPE23_QUOTABLE = /[!-/:-@[-`{-~]/

const decoded = (raw: string): string => {
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}

/** Why a component cannot be written in a CPE 2.3 name, as words; null when it can. */
function unwritable(component: CpeComponent, is23: boolean): string | null {
  const { raw, value } = component
  // The characters CPE has no way to write: it names things in printable ASCII, spaces as "_".
  // (A 2.2 wildcard, %01 or %02, decodes to a control character: it is refused as a wildcard.)
  const outside = [...(is23 || value.is === 'partial' ? raw : decoded(raw))].find((c) => !/[\x21-\x7e]/.test(c))
  if (outside === ' ') return 'holds a space (CPE writes spaces as _)'
  if (outside !== undefined) {
    const code = `U+${outside.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`
    return /\p{Cc}/u.test(outside)
      ? `holds a control character (${code})`
      : `holds "${outside}" (${code}), a character outside ASCII that CPE cannot write`
  }
  if (!is23) return null
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!
    if (c === '\\') {
      const next = raw[++i]
      if (next !== undefined && !CPE23_QUOTABLE.test(next))
        return `escapes "${next}", which CPE 2.3 does not allow (only punctuation follows \\)`
    } else if (!CPE23_PLAIN.test(c) && c !== '*' && c !== '?')
      return `holds "${c}" unescaped (CPE 2.3 writes it \\${c})`
  }
  return null
}

/** The first component that cannot be written, as a reason completing "the pattern …". */
function unwritableComponent(text: string, components: CpeComponent[]): string | null {
  const is23 = /^cpe:2\.3:/i.test(text)
  for (const component of components) {
    const why = unwritable(component, is23)
    if (why) return `is a CPE name whose ${component.name} "${component.raw}" ${why}`
  }
  return null
}

/** The 2.3 formatted-string form of a value: everything but letters, digits, . _ and - is escaped. */
function cpe23Text(value: string): string {
  if (value === '-') return '\\-'
  return value.replace(/[^a-z0-9._-]/g, (c) => `\\${c}`)
}

function parseCpePattern(text: string): ProductPatternResult {
  const components = readCpeComponents(text)
  if (!components.ok) return components
  // Refused here rather than left out of the CVE record and the CSAF document at release.
  const unwritableReason = unwritableComponent(text, components.components)
  if (unwritableReason) return { ok: false, reason: unwritableReason }
  const read = readCpe(text)
  if (!read.ok) return read
  const { part, vendor, product, rest } = read.name
  if (part.is !== 'value' || !['a', 'o', 'h'].includes(part.text))
    return { ok: false, reason: 'is a CPE name without a part: a (application), o (operating system) or h (hardware)' }
  if (vendor.is === 'partial')
    return { ok: false, reason: 'is a CPE name with a wildcard inside the vendor: name the vendor exactly' }
  if (vendor.is !== 'value') return { ok: false, reason: 'is a CPE name without a vendor' }
  if (product.is === 'partial')
    return {
      ok: false,
      reason:
        'is a CPE name with a wildcard inside the product: name the product, or use * alone for all of the vendor’s products',
    }
  if (product.is === 'na')
    return {
      ok: false,
      reason:
        'is a CPE name whose product is "-" (not applicable): name the product, or use * for all of the vendor’s products',
    }
  const productText = product.is === 'value' ? cpe23Text(product.text) : '*'
  const canonical = `cpe:2.3:${part.text}:${cpe23Text(vendor.text)}:${productText}:*:*:*:*:*:*:*:*`
  // A safety net behind the checks above: what is stored must pass the documents' schemas.
  if (!isCpe23Name(canonical))
    return { ok: false, reason: `is a CPE name the CVE and CSAF formats cannot carry (${canonical})` }
  if (rest[0] && rest[0].is !== 'any')
    return { ok: false, reason: `is a CPE name with a version: give the product only (${canonical})` }
  if (rest.some((v) => v.is !== 'any'))
    return {
      ok: false,
      reason: `is a CPE name narrowed beyond vendor and product: give the product only (${canonical})`,
    }
  const pattern: ProductPattern = {
    kind: 'cpe',
    part: part.text as 'a' | 'o' | 'h',
    vendor: vendor.text,
    product: product.is === 'value' ? product.text : '*',
    canonical,
  }
  return { ok: true, pattern }
}

// ---- matching ----

const filled = (text: string | null | undefined): text is string => typeof text === 'string' && text.trim() !== ''

/**
 * Whether an affected product belongs to a pattern.
 *
 * purl patterns: same type, same name, and the same namespace, where a pattern without a namespace
 * matches only purls without one (pkg:rpm/sendmail is not pkg:rpm/redhat/sendmail), except for
 * type generic, whose namespace carries no registry meaning: pkg:generic/sendmail matches any
 * generic purl named sendmail. Generic names also compare ignoring case, being typed by hand; the
 * other types compare as packageurl-js normalises them (lower case where the spec says so). The
 * affected purl's version, qualifiers and subpath are ignored.
 *
 * CPE patterns: same part, vendor and product; a pattern with product * takes every product of
 * its vendor. The affected CPE's version and the rest are ignored.
 *
 * Fallback for reports that give only free text: with no readable purl, a purl pattern matches
 * when affected.product equals its name ignoring case; with no readable CPE, a CPE pattern
 * matches when affected.vendor (and affected.product, unless the pattern's product is *) equal
 * its vendor and product ignoring case, with spaces read as CPE's underscores. Matching only
 * proposes vendors: the coordinator confirms, so a near miss costs less than a silent miss.
 */
export function matchesAffected(pattern: ProductPattern, affected: AffectedLike): boolean {
  return pattern.kind === 'purl' ? matchesPurl(pattern, affected) : matchesCpe(pattern, affected)
}

function matchesPurl(pattern: Extract<ProductPattern, { kind: 'purl' }>, affected: AffectedLike): boolean {
  const product = filled(affected.purl) ? productPatternOf(affected.purl) : null
  if (!product || product.kind !== 'purl')
    return filled(affected.product) && affected.product.trim().toLowerCase() === pattern.name.toLowerCase()
  if (product.type !== pattern.type) return false
  if (pattern.type === 'generic') {
    if (pattern.namespace !== null && pattern.namespace.toLowerCase() !== product.namespace?.toLowerCase()) return false
    return product.name.toLowerCase() === pattern.name.toLowerCase()
  }
  return product.namespace === pattern.namespace && product.name === pattern.name
}

function matchesCpe(pattern: Extract<ProductPattern, { kind: 'cpe' }>, affected: AffectedLike): boolean {
  const read =
    filled(affected.cpe) && /^cpe:(2\.3:|\/)/i.test(affected.cpe.trim()) ? readCpe(affected.cpe.trim()) : null
  if (!read?.ok) {
    const word = (text: string) => text.trim().toLowerCase().replace(/\s+/g, '_')
    if (!filled(affected.vendor) || word(affected.vendor) !== pattern.vendor) return false
    return pattern.product === '*' || (filled(affected.product) && word(affected.product) === pattern.product)
  }
  const { part, vendor, product } = read.name
  if (part.is !== 'value' || part.text !== pattern.part) return false
  if (vendor.is !== 'value' || vendor.text !== pattern.vendor) return false
  return pattern.product === '*' || (product.is === 'value' && product.text === pattern.product)
}

export interface VendorProposal {
  vendorId: string
  /** Which affected entry matched which of the vendor's patterns (canonical text). */
  matched: { affectedIndex: number; pattern: string }[]
}

/**
 * The vendors to propose for a case: every vendor with at least one pattern matching an affected
 * product, in the order the vendors were given, each with its matches by affected entry and then
 * by the order of its patterns.
 */
export function proposeVendors(
  affected: readonly AffectedLike[],
  vendors: readonly { id: string; patterns: readonly ProductPattern[] }[],
): VendorProposal[] {
  const proposals: VendorProposal[] = []
  for (const vendor of vendors) {
    const matched: VendorProposal['matched'] = []
    affected.forEach((entry, affectedIndex) => {
      const seen = new Set<string>()
      for (const pattern of vendor.patterns) {
        if (seen.has(pattern.canonical) || !matchesAffected(pattern, entry)) continue
        seen.add(pattern.canonical)
        matched.push({ affectedIndex, pattern: pattern.canonical })
      }
    })
    if (matched.length > 0) proposals.push({ vendorId: vendor.id, matched })
  }
  return proposals
}
