// Where each published form of an advisory lives, and the identifiers derived from the snapshot.
// Every exporter links to the others, so the URL rules are written once, here; the HTTP routes
// that serve the documents must answer at these same paths. All URLs hang off the publisher's
// namespace (the instance's public URL), so a snapshot carries everything its links need.
import type { AdvisorySnapshot, AdvisoryVulnerability } from './snapshot.js'

/** The instance URL without a trailing slash, so paths can be appended to it. */
export function baseUrlOf(namespace: string): string {
  return namespace.replace(/\/+$/, '')
}

/**
 * CSAF 2.0 §5.1: the file name is the tracking id lower-cased, every character other than
 * `+`, `-`, a–z and 0–9 replaced by `_`, then `.json` ("LSA-2026-0001" → "lsa-2026-0001.json").
 */
export function csafFilename(id: string): string {
  return `${id.toLowerCase().replace(/[^+\-a-z0-9]/g, '_')}.json`
}

/** CSAF 2.0 §7.1.11: TLP:WHITE documents live under `white/<year of the initial release>/`. */
export function csafPath(id: string, initialReleaseDate: string): string {
  return `/.well-known/csaf/white/${initialReleaseDate.slice(0, 4)}/${csafFilename(id)}`
}

export const csafProviderMetadataPath = '/.well-known/csaf/provider-metadata.json'

// CSAF 2.1 beside 2.0, as the 2.1 draft's transition plan (§9.4.2) lays it out: each version's
// provider metadata in its own folder (v2.0/, v2.1/), the 2.0 one also at the usual place until
// the roll-over, both named in security.txt. The 2.1 documents (TLP:CLEAR, TLP 2.0's name for
// WHITE) have their own folder, ROLIE feed and bookkeeping files under v2.1/.
export const csaf20ProviderMetadataPath = '/.well-known/csaf/v2.0/provider-metadata.json'
export const csaf21ProviderMetadataPath = '/.well-known/csaf/v2.1/provider-metadata.json'
export const csaf21ClearFolder = '/.well-known/csaf/v2.1/clear/'
export const csaf21ClearFeedPath = '/.well-known/csaf/v2.1/feed-tlp-clear.json'
export const rolie21ServicePath = '/.well-known/csaf/v2.1/service.json'
export const rolie21CategoryPath = '/.well-known/csaf/v2.1/category-clear.json'

/** Where the CSAF 2.1 form of an advisory lives: `v2.1/clear/<year of the initial release>/`. */
export function csaf21Path(id: string, initialReleaseDate: string): string {
  return `${csaf21ClearFolder}${initialReleaseDate.slice(0, 4)}/${csafFilename(id)}`
}

/** The full URL of an advisory's CSAF 2.1 document. */
export function csaf21Url(snapshot: Pick<AdvisorySnapshot, 'id' | 'initialReleaseDate' | 'publisher'>): string {
  return `${baseUrlOf(snapshot.publisher.namespace)}${csaf21Path(snapshot.id, snapshot.initialReleaseDate)}`
}
export const csafWhiteFeedPath = '/.well-known/csaf/feed-tlp-white.json'
/** CSAF 2.0 §7.1.11–14: the TLP:WHITE folder, with index.txt, changes.csv and a listing. */
export const csafWhiteFolder = '/.well-known/csaf/white/'
/** CSAF 2.0 §7.1.16 and §7.1.17: the ROLIE service document and the feed's category document. */
export const rolieServicePath = '/.well-known/csaf/service.json'
export const rolieCategoryPath = '/.well-known/csaf/category-white.json'
/** RFC 9116, with the CSAF field of CSAF 2.0 §7.1.8. */
export const securityTxtPath = '/.well-known/security.txt'
export const atomFeedPath = '/advisories.atom'

/** The TLP labels of the drafts under embargo: AMBER for every case, RED for a RED one. */
export type EmbargoedTlp = 'AMBER' | 'RED'
/**
 * CSAF 2.0 §7.1.5: TLP:AMBER and RED documents behind access control, at other paths than the
 * public ones. The feeds of the drafts a caller may read, under the API (token or session).
 */
export const embargoedFeedPath = (tlp: EmbargoedTlp) => `/api/v1/csaf/feed-tlp-${tlp.toLowerCase()}.json`
/** A case's draft CSAF under embargo, for its parties (hashes and signature beside it). */
export const embargoedCsafPath = (caseId: string) => `/api/v1/cases/${caseId}/advisory/csaf`

/**
 * One vulnerability's identifier within the public advisory, in the "prefix-year-number" form OSV
 * databases use: the advisory's own id for its first vulnerability ("LSA-2026-0001"), then "-2",
 * "-3"... for the others ("LSA-2026-0001-2"). It derives from the vulnerability's key, which a
 * revision keeps, so a revision changes a record's `modified`, never its id. CSAF lists it under
 * `ids`, the public JSON and the Atom feed give it, and the OSV id is built on it.
 */
export function vulnerabilityId(
  snapshot: Pick<AdvisorySnapshot, 'id'>,
  vuln: Pick<AdvisoryVulnerability, 'key'>,
): string {
  const numbered = /^V(\d+)$/.exec(vuln.key)
  if (!numbered) return legacyVulnerabilityId(snapshot, vuln)
  return numbered[1] === '1' ? snapshot.id : `${snapshot.id}-${numbered[1]}`
}

/** The identifier Lockstep gave before the readable scheme: the advisory id and the key ("LSA-2026-0001-V1"). */
export function legacyVulnerabilityId(
  snapshot: Pick<AdvisorySnapshot, 'id'>,
  vuln: Pick<AdvisoryVulnerability, 'key'>,
): string {
  return `${snapshot.id}-${vuln.key}`
}

/**
 * OSV's schema requires this prefix of a database it has not registered, as no Lockstep instance
 * is: without it, OSV tools refuse the record.
 */
export const osvUnregisteredPrefix = 'x_'

/**
 * The OSV id: the prefix and the vulnerability id ("x_LSA-2026-0001", "x_LSA-2026-0001-2"),
 * unique per instance and stable across revisions. The CVE ID, when there is one, goes in `aliases`.
 */
export function osvId(snapshot: Pick<AdvisorySnapshot, 'id'>, vuln: Pick<AdvisoryVulnerability, 'key'>): string {
  return `${osvUnregisteredPrefix}${vulnerabilityId(snapshot, vuln)}`
}

/**
 * The other address of an OSV record's path, old ↔ readable ("/osv/x_LSA-2026-0001-V1.json" ↔
 * "/osv/x_LSA-2026-0001.json"); undefined for any other path. Records published before the
 * readable scheme stay at their addresses: the routes answer either address with the record.
 */
export function otherOsvPath(path: string): string | undefined {
  const found = /^\/osv\/x_(LSA-\d{4}-\d+)(?:-V(\d+)|-(\d+))?\.json$/.exec(path)
  if (!found) return undefined
  const [, id, legacyNumber, readableNumber] = found
  if (legacyNumber) return `/osv/${osvId({ id: id! }, { key: `V${legacyNumber}` })}.json`
  return `/osv/${osvUnregisteredPrefix}${legacyVulnerabilityId({ id: id! }, { key: `V${readableNumber ?? '1'}` })}.json`
}

export interface AdvisoryLinks {
  /** The human page. */
  page: string
  /** The public JSON (toPublicJson). */
  json: string
  /** The CSAF 2.0 document. */
  csaf: string
  /** One OSV document per vulnerability, by vulnerability key. */
  osv: Record<string, string>
  /** One CVE record per vulnerability that has a CVE ID, by vulnerability key. */
  cve: Record<string, string>
  /** The instance's feeds listing every advisory. */
  atomFeed: string
  rolieFeed: string
}

/** The advisory's public page on the instance at `base`. */
export const advisoryPageUrl = (base: string, id: string) => `${base}/advisories/${encodeURIComponent(id)}`

export function advisoryLinks(snapshot: AdvisorySnapshot): AdvisoryLinks {
  const base = baseUrlOf(snapshot.publisher.namespace)
  const page = advisoryPageUrl(base, snapshot.id)
  const osv: Record<string, string> = {}
  const cve: Record<string, string> = {}
  for (const vuln of snapshot.vulnerabilities) {
    // At the roots the issue names (/osv/<id>.json, /cve/<CVE-ID>.json): tools that mirror OSV or
    // CVE records expect one flat folder per format.
    osv[vuln.key] = `${base}/osv/${encodeURIComponent(osvId(snapshot, vuln))}.json`
    if (vuln.cve) cve[vuln.key] = `${base}/cve/${encodeURIComponent(vuln.cve)}.json`
  }
  return {
    page,
    json: `${page}.json`,
    csaf: `${base}${csafPath(snapshot.id, snapshot.initialReleaseDate)}`,
    osv,
    cve,
    atomFeed: `${base}${atomFeedPath}`,
    rolieFeed: `${base}${csafWhiteFeedPath}`,
  }
}

/** Each URL once, the first mention kept: formats repeat links (a statement's and the advisory's). */
export function uniqueByUrl<T extends { url: string }>(items: T[]): T[] {
  const seen = new Set<string>()
  return items.filter((item) => {
    if (seen.has(item.url)) return false
    seen.add(item.url)
    return true
  })
}
