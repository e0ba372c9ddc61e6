// Who is in what position on one vulnerability: each affected product the case recorded, with
// its vendor's statement, and each vendor that made a statement without naming a product of its
// own (in a multi-vendor case the usual one: "Red Hat: affected", "Cray: not affected, the
// component is not present"). The latter stand for the vendor's products as a whole. CSAF, CVE
// and the public JSON all list products from this one reading, so they never disagree.
import type { VexStatus } from '../vex.js'
import { isCpe23Name } from './cpeNames.js'
import type { AdvisoryStatement, AdvisoryVulnerability } from './snapshot.js'

export interface ProductPosition {
  vendor: string
  /** The product's name, or "<vendor> products" for a vendor-level position. */
  product: string
  purl: string | null
  /** The product's CPE 2.3 name without version, when known and the documents' schemas accept it. */
  cpe: string | null
  range: string | null
  /**
   * The versions that fix it: the affected record's (the snapshot took them from the statements,
   * per product), or for a vendor-level position the statement's own.
   */
  fixedVersions: string[]
  /** The vendor's statement on this vulnerability, if it made one. */
  statement: AdvisoryStatement | null
  /** True when the position comes from a statement alone and means all the vendor's products. */
  vendorLevel: boolean
  /** The VEX status: the vendor's statement, or affected as the case recorded it. */
  status: VexStatus
}

const sameVendor = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase()

export const vendorLevelProductName = (vendor: string) => `${vendor} products`

/** A vendor's latest statement (by date, then by order in the list) on the vulnerability. */
function latestStatement(vuln: AdvisoryVulnerability, vendor: string): AdvisoryStatement | null {
  let latest: AdvisoryStatement | null = null
  for (const statement of vuln.statements) {
    if (sameVendor(statement.vendor, vendor) && (!latest || statement.date >= latest.date)) latest = statement
  }
  return latest
}

const unique = (values: string[]) => [...new Set(values.map((v) => v.trim()).filter(Boolean))]

export function productPositions(vuln: AdvisoryVulnerability): ProductPosition[] {
  const positions: ProductPosition[] = vuln.affected.map((affected) => {
    const statement = latestStatement(vuln, affected.vendor)
    return {
      vendor: affected.vendor,
      product: affected.product,
      purl: affected.purl,
      // Old data may hold a name the documents cannot carry (a 2.2 URI's "%20", imported CSAF or
      // OSV): it is left out rather than making a CVE record invalid or the release's CSAF check fail.
      cpe: affected.cpe && isCpe23Name(affected.cpe) ? affected.cpe : null,
      range: affected.range,
      fixedVersions: unique(affected.fixedVersions),
      statement,
      vendorLevel: false,
      status: statement?.status ?? 'affected',
    }
  })
  const seen: string[] = []
  for (const { vendor } of vuln.statements) {
    if (vuln.affected.some((a) => sameVendor(a.vendor, vendor)) || seen.some((s) => sameVendor(s, vendor))) continue
    seen.push(vendor)
    const statement = latestStatement(vuln, vendor)!
    positions.push({
      vendor,
      product: vendorLevelProductName(vendor),
      purl: null,
      cpe: null,
      range: null,
      fixedVersions: unique(statement.fixedVersions),
      statement,
      vendorLevel: true,
      status: statement.status,
    })
  }
  return positions
}
