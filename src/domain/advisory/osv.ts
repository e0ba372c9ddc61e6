// The advisory as OSV documents, one per vulnerability (OSV describes one vulnerability per
// record). The id is "x_" + the readable vulnerability id ("x_LSA-2026-0001", see links.ts); the
// CVE ID is an alias; the references name the page and the CSAF document. OSV's `affected` lists
// packages of OSV ecosystems only: a product whose purl has no ecosystem (pkg:generic/sendmail, a
// vendor's products as a whole, a Linux distribution whose ecosystem needs a release) cannot be
// matched by an OSV consumer, and an ECOSYSTEM range means nothing without a package, so such
// products are described in `details` and listed under `database_specific.other_affected_products`
// instead. Products their vendor states are not affected are left out of `affected` (OSV lists
// only what is affected); every vendor's statement is kept under `database_specific.vendor_statements`.
import { peerOsvLinks } from './peerAdvisories.js'
import { endedOf, endedSentence } from './ended.js'
import { advisoryLinks, osvId, uniqueByUrl, vulnerabilityId } from './links.js'
import { nativeVersion, packageFacts, type PackageFacts } from './packages.js'
import { productPositions, type ProductPosition } from './products.js'
import type { AdvisorySnapshot, AdvisoryVulnerability } from './snapshot.js'
import { versIntervals, type VersionInterval } from './versRanges.js'

/** The OSV schema version the documents follow (validated against its JSON schema in tests). */
export const osvSchemaVersion = '1.7.5'

type OsvEvent = { introduced: string } | { fixed: string } | { last_affected: string }
interface OsvRange {
  type: 'SEMVER' | 'ECOSYSTEM'
  events: OsvEvent[]
}

/**
 * OSV ranges from the vers range, or from the fixed versions when there is none. A range may not
 * mix `fixed` and `last_affected` events, so intervals closed by `<=` go in a range of their own.
 */
function rangesOf(position: ProductPosition, facts: PackageFacts): { ranges: OsvRange[]; versions: string[] } | null {
  const native = (version: string) => nativeVersion(facts, version)
  const type = facts.osvRangeType
  if (!position.range) {
    const events: OsvEvent[] = [{ introduced: '0' }, ...position.fixedVersions.map((v) => ({ fixed: native(v) }))]
    return { ranges: [{ type, events }], versions: [] }
  }
  const read = versIntervals(position.range)
  if (!read.ok) return null
  const eventsOf = (intervals: VersionInterval[]) =>
    intervals.flatMap((interval): OsvEvent[] => [
      { introduced: interval.from === null ? '0' : native(interval.from) },
      ...(interval.to === null
        ? []
        : [
            interval.to.inclusive
              ? { last_affected: native(interval.to.version) }
              : { fixed: native(interval.to.version) },
          ]),
    ])
  const closedInclusive = read.intervals.filter((interval) => interval.to?.inclusive)
  const others = read.intervals.filter((interval) => !interval.to?.inclusive)
  const ranges: OsvRange[] = [others, closedInclusive]
    .filter((group) => group.length > 0)
    .map((group) => ({ type, events: eventsOf(group) }))
  return { ranges, versions: read.exact.map(native) }
}

function describeOtherProduct(position: ProductPosition): string {
  const versions = position.range ? ` (${position.range})` : ''
  const fixed = position.fixedVersions.length > 0 ? `; fixed in ${position.fixedVersions.join(', ')}` : ''
  const status = position.status === 'under_investigation' ? 'under investigation' : 'affected'
  return `- ${position.vendor}: ${position.product}${versions}, ${status}${fixed}`
}

function osvDocument(snapshot: AdvisorySnapshot, vuln: AdvisoryVulnerability): object {
  const links = advisoryLinks(snapshot)
  const affected: object[] = []
  const otherProducts: ProductPosition[] = []
  for (const position of productPositions(vuln)) {
    if (position.status === 'not_affected') continue
    const facts = position.vendorLevel ? null : packageFacts(position.purl)
    const converted = facts?.osvEcosystem ? rangesOf(position, facts) : null
    if (!facts?.osvEcosystem || !converted) {
      otherProducts.push(position)
      continue
    }
    affected.push({
      package: { ecosystem: facts.osvEcosystem, name: facts.packageName, purl: facts.purl },
      ...(converted.ranges.length > 0 ? { ranges: converted.ranges } : {}),
      ...(converted.versions.length > 0 ? { versions: converted.versions } : {}),
      database_specific: { vendor: position.vendor, ...(position.range ? { vers: position.range } : {}) },
    })
  }

  const ended = endedOf(snapshot)
  const details = [
    ended ? endedSentence(ended) : null,
    vuln.description.trim() || vuln.title,
    otherProducts.length > 0
      ? `Other products (without an OSV ecosystem, or with a range OSV cannot express):\n${otherProducts.map(describeOtherProduct).join('\n')}`
      : null,
  ]
    .filter(Boolean)
    .join('\n\n')

  const severity = vuln.cvss.map((score) => ({
    type: score.version === '4.0' ? 'CVSS_V4' : 'CVSS_V3',
    score: score.vector,
  }))

  const peers = peerOsvLinks(snapshot, vuln) // the same case's records on the peer instances sharing it
  // Every Lockstep instance numbers its own "x_LSA-…" records: a peer's may carry our very id.
  const aliases = [...(vuln.cve ? [vuln.cve] : []), ...peers.aliases.filter((id) => id !== osvId(snapshot, vuln))]
  const references = uniqueByUrl([
    { type: 'ADVISORY', url: links.page },
    { type: 'ADVISORY', url: links.csaf },
    ...snapshot.references.map((reference) => ({
      type: reference.category === 'self' ? 'ADVISORY' : 'WEB',
      url: reference.url,
    })),
    ...vuln.statements.flatMap((statement) => statement.references.map((url) => ({ type: 'ADVISORY', url }))),
    ...peers.pages.map((url) => ({ type: 'ADVISORY', url })),
    // The advisory that replaces this one (OSV's `related` takes only OSV ids, which it need not have).
    ...(ended?.by ? [{ type: 'ADVISORY', url: ended.by.url }] : []),
  ])

  const credits = snapshot.credits.map((credit) => ({
    name: credit.name,
    ...(credit.type ? { type: credit.type.toUpperCase().replace(/ /g, '_') } : {}),
  }))

  return {
    schema_version: osvSchemaVersion,
    id: osvId(snapshot, vuln),
    modified: snapshot.currentReleaseDate,
    published: snapshot.initialReleaseDate,
    // Withdrawn or superseded: OSV's way of saying a record no longer holds (its final revision's instant).
    ...(ended ? { withdrawn: ended.at } : {}),
    ...(aliases.length > 0 ? { aliases } : {}),
    ...(peers.related.length > 0 ? { related: peers.related } : {}),
    summary: vuln.title,
    details,
    ...(severity.length > 0 ? { severity } : {}),
    ...(affected.length > 0 ? { affected } : {}),
    references,
    ...(credits.length > 0 ? { credits } : {}),
    database_specific: {
      advisory: { id: snapshot.id, vulnerability: vulnerabilityId(snapshot, vuln), url: links.page },
      ...(vuln.cwe ? { cwe_ids: [vuln.cwe] } : {}),
      ...(otherProducts.length > 0
        ? {
            other_affected_products: otherProducts.map((p) => ({
              vendor: p.vendor,
              product: p.product,
              ...(p.purl ? { purl: p.purl } : {}),
              ...(p.range ? { vers: p.range } : {}),
              status: p.status,
              ...(p.fixedVersions.length > 0 ? { fixed_versions: p.fixedVersions } : {}),
            })),
          }
        : {}),
      ...(vuln.statements.length > 0
        ? {
            vendor_statements: vuln.statements.map((s) => ({
              vendor: s.vendor,
              status: s.status,
              ...(s.justification ? { justification: s.justification } : {}),
              ...(s.fixedVersions.length > 0 ? { fixed_versions: s.fixedVersions } : {}),
              ...(s.remediation ? { remediation: s.remediation } : {}),
              date: s.date,
              ...(s.via ? { approved_by: { name: s.via.name, url: s.via.url } } : {}),
            })),
          }
        : {}),
    },
  }
}

/** One OSV document per vulnerability, in the snapshot's order. */
export function toOsv(snapshot: AdvisorySnapshot): object[] {
  return snapshot.vulnerabilities.map((vuln) => osvDocument(snapshot, vuln))
}
