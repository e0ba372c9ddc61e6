// A vulnerability with a CVE ID as a CVE JSON 5.2 record (state PUBLISHED), for the CNA that
// assigned it: the CNA container Lockstep submits to CVE Services, wrapped in the record's
// metadata so it can be served and checked as a whole. Products come from products.ts, versions
// from the vers range: each interval becomes an "affected" entry (version … lessThan /
// lessThanOrEqual), the fixed versions "unaffected" ones, and anything outside stays at the
// product's defaultStatus. A vendor's statement alone gives the vendor's products a default status.
// What 5.2 adds is used where the case knows it: each product's purl as `packageURL` (without
// version), its CPE name in `cpes` and its affected versions as `cpeApplicability`
// (cveApplicability.ts). The schema is bundled in schemas/cve-5.2 (its SOURCE.md says whence).
import { advisoryLinks, uniqueByUrl } from './links.js'
import { cpeApplicability, type ProductReading } from './cveApplicability.js'
import { nativeVersion, packageFacts, purlForCve, type PackageFacts } from './packages.js'
import { productPositions, type ProductPosition } from './products.js'
import type { AdvisorySnapshot, AdvisoryVulnerability } from './snapshot.js'
import { versIntervals } from './versRanges.js'

export interface CveNumberingAuthority {
  /** The CNA's organisation UUID in the CVE Services user registry. */
  orgId: string
  /** Its short name ("lockstep-example"). */
  shortName: string
}

type CveStatus = 'affected' | 'unaffected' | 'unknown'
type CveVersion = {
  version: string
  status: CveStatus
  versionType?: string
  lessThan?: string
  lessThanOrEqual?: string
}

// The schema's limits (descriptions 4096, titles 256, names 512 characters).
const clip = (text: string, most: number) => (text.length <= most ? text : `${text.slice(0, most - 1)}…`)

/** Versions and default status of one product, read from its range, fixed versions and statement. */
function versionsOf(
  position: ProductPosition,
  facts: PackageFacts | null,
): { versions: CveVersion[]; defaultStatus: CveStatus } {
  const native = (version: string) => nativeVersion(facts, version)
  const fixed = position.fixedVersions.map((version): CveVersion => ({
    version: native(version),
    status: 'unaffected',
  }))
  if (position.status === 'not_affected') return { versions: [], defaultStatus: 'unaffected' }
  if (position.vendorLevel) {
    const defaultStatus: CveStatus = position.status === 'affected' ? 'affected' : 'unknown'
    return { versions: fixed, defaultStatus }
  }
  if (!position.range) return { versions: fixed, defaultStatus: fixed.length > 0 ? 'unknown' : 'affected' }

  const read = versIntervals(position.range)
  if (!read.ok) return { versions: fixed, defaultStatus: 'unknown' }
  const versionType = facts?.cveVersionType ?? read.scheme
  const ranges = read.intervals.map((interval): CveVersion => {
    const entry: CveVersion = {
      version: interval.from === null ? '0' : native(interval.from),
      status: 'affected',
      versionType,
    }
    if (interval.to === null) entry.lessThan = '*'
    else if (interval.to.inclusive) entry.lessThanOrEqual = native(interval.to.version)
    else entry.lessThan = native(interval.to.version)
    return entry
  })
  const exact = read.exact.map((version): CveVersion => ({ version: native(version), status: 'affected' }))
  // A fixed version that is already the end of a range says nothing more.
  const upperBounds = new Set(ranges.map((r) => r.lessThan))
  return {
    versions: [...ranges, ...exact, ...fixed.filter((f) => !upperBounds.has(f.version))],
    defaultStatus: 'unaffected',
  }
}

/**
 * The record format's version. The schema's pattern allows "5.2" and "5.2.0"; CVE Services writes
 * "5.2" in the records it forms (cve-services #1550), and so do the schema's examples.
 */
const CVE_DATA_VERSION = '5.2'

function affectedProduct({ position, facts, cpe }: ProductReading): object {
  const { versions, defaultStatus } = versionsOf(position, facts)
  const packageUrl = facts ? purlForCve(facts) : null
  return {
    vendor: clip(position.vendor, 512),
    product: clip(position.product, 2048),
    ...(facts?.collectionUrl ? { collectionURL: facts.collectionUrl, packageName: facts.packageName } : {}),
    ...(packageUrl ? { packageURL: packageUrl } : {}),
    ...(cpe ? { cpes: [cpe] } : {}),
    ...(versions.length > 0 ? { versions } : {}),
    defaultStatus,
  }
}

export function toCveRecord(
  snapshot: AdvisorySnapshot,
  vuln: AdvisoryVulnerability,
  cna: CveNumberingAuthority,
): object {
  if (!vuln.cve) throw new Error(`vulnerability ${vuln.key} of ${snapshot.id} has no CVE ID: it gets no CVE record`)
  const links = advisoryLinks(snapshot)
  const products = productPositions(vuln).map((position): ProductReading => ({
    position,
    facts: position.vendorLevel ? null : packageFacts(position.purl),
    // A name the format cannot carry is already left out (productPositions).
    cpe: position.cpe,
  }))
  const affected =
    products.length > 0 ? products.map(affectedProduct) : [{ vendor: 'n/a', product: 'n/a', defaultStatus: 'unknown' }]
  const applicability = cpeApplicability(products)

  const references = uniqueByUrl([
    { url: links.page, name: clip(`${snapshot.id}: ${snapshot.title}`, 512), tags: ['third-party-advisory'] },
    ...snapshot.references.map((reference) => ({
      url: reference.url,
      ...(reference.summary ? { name: clip(reference.summary, 512) } : {}),
    })),
    ...vuln.statements.flatMap((statement) =>
      statement.references.map((url) => ({
        url,
        name: clip(`Statement of ${statement.vendor}`, 512),
        tags: ['vendor-advisory'],
      })),
    ),
  ])

  const metrics = vuln.cvss.map((score) => {
    const cvss = {
      version: score.version,
      vectorString: score.vector,
      baseScore: score.baseScore,
      baseSeverity: score.baseSeverity,
    }
    return {
      format: 'CVSS',
      scenarios: [{ lang: 'en', value: 'GENERAL' }],
      ...(score.version === '4.0' ? { cvssV4_0: cvss } : { cvssV3_1: cvss }),
    }
  })

  const credits = snapshot.credits.map((credit) => ({
    lang: 'en',
    value: clip(credit.name, 4096),
    ...(credit.type ? { type: credit.type } : {}),
  }))

  return {
    dataType: 'CVE_RECORD',
    dataVersion: CVE_DATA_VERSION,
    cveMetadata: {
      cveId: vuln.cve,
      assignerOrgId: cna.orgId,
      assignerShortName: cna.shortName,
      state: 'PUBLISHED',
      datePublished: snapshot.initialReleaseDate,
      dateUpdated: snapshot.currentReleaseDate,
    },
    containers: {
      cna: {
        providerMetadata: { orgId: cna.orgId, shortName: cna.shortName, dateUpdated: snapshot.currentReleaseDate },
        title: clip(vuln.title, 256),
        datePublic: snapshot.initialReleaseDate,
        descriptions: [{ lang: 'en', value: clip(vuln.description.trim() || vuln.title, 4096) }],
        affected,
        ...(applicability.length > 0 ? { cpeApplicability: applicability } : {}),
        ...(vuln.cwe
          ? {
              problemTypes: [
                {
                  descriptions: [
                    {
                      lang: 'en',
                      type: 'CWE',
                      cweId: vuln.cwe,
                      description: clip(vuln.cweName ? `${vuln.cwe} ${vuln.cweName}` : vuln.cwe, 4096),
                    },
                  ],
                },
              ],
            }
          : {}),
        references,
        ...(metrics.length > 0 ? { metrics } : {}),
        ...(snapshot.solution.trim()
          ? { solutions: [{ lang: 'en', value: clip(snapshot.solution.trim(), 4096) }] }
          : {}),
        ...(credits.length > 0 ? { credits } : {}),
        x_generator: { engine: 'Lockstep' },
      },
    },
  }
}

/** The records of every vulnerability that has a CVE ID, in the snapshot's order. */
export function toCveRecords(snapshot: AdvisorySnapshot, cna: CveNumberingAuthority): object[] {
  return snapshot.vulnerabilities.filter((vuln) => vuln.cve).map((vuln) => toCveRecord(snapshot, vuln, cna))
}
