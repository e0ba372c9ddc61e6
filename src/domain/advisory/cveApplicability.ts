// The CVE record's `cpeApplicability` (CVE 5.1.1 and 5.2): the affected versions of each product
// whose CPE name the case recorded, in the CPE Applicability Language NVD's configurations use.
// One element per product, so each stands on its own as an NVD configuration does. It says no
// more than the product's `versions` in `affected`: each interval of the vers range becomes a
// CPE range (versionStartIncluding … versionEndExcluding / versionEndIncluding), each exact
// version the CPE name of that version. A product not affected, one whose range cannot be
// written, and one known only by its fixed versions get none: CPE applicability lists what is
// vulnerable, and "unknown" has no place there.
import { cpeWithVersion } from './cpeNames.js'
import { nativeVersion, type PackageFacts } from './packages.js'
import type { ProductPosition } from './products.js'
import { versIntervals } from './versRanges.js'

interface CpeMatch {
  vulnerable: true
  criteria: string
  versionStartIncluding?: string
  versionEndExcluding?: string
  versionEndIncluding?: string
}

/** One product as the CVE record reads it: its position, what its purl means, its usable CPE name. */
export interface ProductReading {
  position: ProductPosition
  facts: PackageFacts | null
  /** The product's CPE 2.3 name without version, when the case has one the format accepts. */
  cpe: string | null
}

/** The CPE matches of one product's affected versions; empty when it has none to state. */
function cpeMatches(position: ProductPosition, cpe: string, facts: PackageFacts | null): CpeMatch[] {
  if (position.status === 'not_affected') return []
  const native = (version: string) => nativeVersion(facts, version)
  // No range and no fixed version: the case says the product is affected, every version of it.
  if (!position.range) return position.fixedVersions.length === 0 ? [{ vulnerable: true, criteria: cpe }] : []
  const read = versIntervals(position.range)
  if (!read.ok) return []
  const ranges = read.intervals.map((interval): CpeMatch => {
    const match: CpeMatch = { vulnerable: true, criteria: cpe }
    if (interval.from !== null) match.versionStartIncluding = native(interval.from)
    if (interval.to?.inclusive) match.versionEndIncluding = native(interval.to.version)
    else if (interval.to) match.versionEndExcluding = native(interval.to.version)
    return match
  })
  const exact = read.exact.map((version): CpeMatch => {
    const named = cpeWithVersion(cpe, native(version))
    // A version a CPE name would need escaped is a range of one version instead.
    return named
      ? { vulnerable: true, criteria: named }
      : {
          vulnerable: true,
          criteria: cpe,
          versionStartIncluding: native(version),
          versionEndIncluding: native(version),
        }
  })
  return [...ranges, ...exact]
}

/** The `cpeApplicability` elements of the products that have a CPE name; empty when none does. */
export function cpeApplicability(products: ProductReading[]): object[] {
  return products.flatMap(({ position, facts, cpe }) => {
    if (!cpe) return []
    const cpeMatch = cpeMatches(position, cpe, facts)
    return cpeMatch.length > 0 ? [{ nodes: [{ operator: 'OR', negate: false, cpeMatch }] }] : []
  })
}
