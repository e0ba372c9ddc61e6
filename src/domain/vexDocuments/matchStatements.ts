// An imported document's statements matched to one vendor's part in a case: each names a
// vulnerability of the case (by CVE ID or the case's own id) and products of that vendor (by purl,
// the version aside, or by name), and has a status Lockstep takes. What does not is refused with
// the reason; products of another vendor are never taken. Statements in Lockstep are per
// vulnerability, so a second statement on one vulnerability must agree with the first.
import { vendorLevelProductName } from '../advisory/products.js'
import { validateStatement, vexStatuses, type VexStatement } from '../vex.js'
import type { ReadVexStatement, VexProductRef } from './vexCase.js'

export interface VulnerabilityToMatch {
  id: string
  cve: string | null
  caseVulnerabilityId: string
  /** The products the case recorded, of every vendor. */
  affected: { vendor: string; product: string; purl: string | null }[]
}

export interface VendorToMatch {
  name: string
  /** Its products in the directory: purls (without version) and names. */
  purls: string[]
  productNames: string[]
}

export interface TakenStatement {
  at: string
  vulnerabilityId: string
  vulnerability: string
  products: string[]
  statement: VexStatement
}
export interface RefusedStatement {
  at: string
  vulnerability: string
  products: string[]
  reason: string
}

const lower = (s: string) => s.trim().toLowerCase()

/** A purl without version, qualifiers or subpath, its type lower-cased: what names a package. */
export function packageOfPurl(purl: string): string {
  const bare = purl.split('#')[0]!.split('?')[0]!
  const at = bare.lastIndexOf('@')
  const withoutVersion = at > bare.indexOf('/') ? bare.slice(0, at) : bare
  const [scheme, ...rest] = withoutVersion.split('/')
  return [lower(scheme ?? ''), ...rest].join('/').replace(/\/+$/, '')
}

const productWords = (p: VexProductRef) => p.purl ?? p.name ?? 'a product without a name'

export function matchVexStatements(
  read: ReadVexStatement[],
  vendor: VendorToMatch,
  vulnerabilities: VulnerabilityToMatch[],
): { taken: TakenStatement[]; refused: RefusedStatement[] } {
  const taken: TakenStatement[] = []
  const refused: RefusedStatement[] = []
  const own = (vendorName: string) => lower(vendorName) === lower(vendor.name)
  // Each vulnerability by every name it goes by: CVE ID, the case's own id, its row id.
  const byName = new Map<string, VulnerabilityToMatch>()
  for (const v of vulnerabilities)
    for (const name of [v.cve, v.caseVulnerabilityId, v.id])
      if (name && !byName.has(lower(name))) byName.set(lower(name), v)
  // The vendor's products: in the directory, or recorded as affected by any of the case's vulnerabilities.
  const everyAffected = vulnerabilities.flatMap((v) => v.affected)
  const ownPurls = new Set([
    ...vendor.purls.map(packageOfPurl),
    ...everyAffected.filter((a) => own(a.vendor) && a.purl).map((a) => packageOfPurl(a.purl!)),
  ])
  const ownNames = new Set([
    lower(vendorLevelProductName(vendor.name)),
    ...vendor.productNames.map(lower),
    ...everyAffected.filter((a) => own(a.vendor)).map((a) => lower(a.product)),
  ])

  for (const s of read) {
    const words = s.products.map(productWords)
    const refuse = (vulnerability: string, reason: string) =>
      refused.push({ at: s.at, vulnerability, products: words, reason })
    const vuln = s.vulnerabilityIds.map((name) => byName.get(lower(name))).find((v) => v !== undefined)
    const asWritten = s.vulnerabilityIds[0] ?? 'unnamed'
    if (!vuln) {
      refuse(asWritten, `unknown vulnerability: the case has none named ${s.vulnerabilityIds.join(' or ')}`)
      continue
    }
    const label = vuln.cve ?? vuln.caseVulnerabilityId

    const isOwn = (p: VexProductRef) =>
      (p.purl !== null && ownPurls.has(packageOfPurl(p.purl))) || (p.name !== null && ownNames.has(lower(p.name)))
    const isOthers = (p: VexProductRef) =>
      everyAffected.some(
        (a) =>
          !own(a.vendor) &&
          ((p.purl !== null && a.purl !== null && packageOfPurl(a.purl) === packageOfPurl(p.purl)) ||
            (p.name !== null && lower(a.product) === lower(p.name))),
      )
    // A statement that names no product speaks for the vendor's products as a whole.
    const known = s.products.length === 0 ? [] : s.products.filter(isOwn)
    if (s.products.length > 0 && known.length === 0) {
      const others = s.products.filter(isOthers)
      refuse(
        label,
        others.length > 0
          ? `another vendor's product: ${others.map(productWords).join(', ')} is not ${vendor.name}'s`
          : `unknown product: ${words.join(', ')} is not among ${vendor.name}'s products in this case`,
      )
      continue
    }

    if (s.status === null) {
      refuse(label, `bad status: "${s.statusAsWritten}" is not one of ${vexStatuses.join(', ')}`)
      continue
    }
    const checked = validateStatement({
      status: s.status,
      justification: s.justification,
      fixedVersions: s.fixedVersions,
      remediation: s.remediation,
      references: s.references,
    })
    if (!checked.ok) {
      refuse(label, `bad status: ${checked.problems.map((p) => `${p.field} ${p.message}`).join('; ')}`)
      continue
    }
    const earlier = taken.find((t) => t.vulnerabilityId === vuln.id)
    if (earlier) {
      if (earlier.statement.status !== checked.statement.status)
        refuse(label, `conflicts with ${earlier.at}, which says ${earlier.statement.status} for the same vulnerability`)
      else earlier.products.push(...known.map(productWords).filter((w) => !earlier.products.includes(w)))
      continue
    }
    taken.push({
      at: s.at,
      vulnerabilityId: vuln.id,
      vulnerability: label,
      products: known.length > 0 ? known.map(productWords) : [vendorLevelProductName(vendor.name)],
      statement: checked.statement,
    })
  }
  return { taken, refused }
}
