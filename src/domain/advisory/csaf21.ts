// The advisory as a CSAF 2.1 document, beside the CSAF 2.0 one (csaf.ts). It follows the draft
// csaf-validator-lib ships as csaf_2_1 (see the README's section on documents). The product tree,
// statuses, flags, threats and remediations are the 2.0 document's, so the two never disagree;
// what 2.1 changed is rewritten here:
// - `$schema` and csaf_version "2.1", a `license_expression`, TLP 2.0 labels (WHITE is CLEAR);
// - a product's purl in `purls` (an array);
// - `cwes` (the weakness with the CWE list version its name comes from) in place of `cwe`;
// - `metrics` (CVSS 3.1 and 4.0, SSVC, EPSS) in place of `scores`;
// - `disclosure_date` (the release) and `first_known_exploitation_dates` where known;
// - a withdrawn advisory as csaf_withdrawn and a replaced one as csaf_superseded: the reason in a
//   note, the replacement in a reference, no products and no vulnerabilities (the 2.1 profiles).
import { toCsaf, withSortedKeys, type EmbargoedCsafOptions } from './csaf.js'
import { isCpe23Name } from './cpeNames.js'
import { cweCatalogueVersion } from './cweNames.js'
import { csaf21Url, vulnerabilityId } from './links.js'
import type { AdvisorySnapshot, AdvisoryVulnerability } from './snapshot.js'

export const csaf21SchemaUrl = 'https://docs.oasis-open.org/csaf/csaf/v2.1/schema/csaf.json'

/**
 * What others may do with the documents. Advisories are published for anyone to reuse with
 * credit; CC-BY-4.0 says so in SPDX terms.
 */
export const csafLicenseExpression = 'CC-BY-4.0'

type Json = Record<string, unknown>
interface Csaf20Vulnerability extends Json {
  cwe?: { id: string; name: string }
  product_status?: Record<string, string[]>
  scores?: unknown
  remediations?: (Json & { product_ids: string[] })[]
}

/** TLP 1.0's WHITE is TLP 2.0's CLEAR; AMBER and RED keep their names. */
const tlp2Label = (label: string) => (label === 'WHITE' ? 'CLEAR' : label)

interface Branch21 extends Json {
  category: string
  name: string
  branches?: Branch21[]
  product?: Json & { product_identification_helper?: { purl?: string } }
}

/**
 * CPE 2.3 for "every product of this vendor": what a statement made for the vendor as a whole
 * says. The vendor's name lower-cased, spaces as "_", other punctuation escaped (CPE 2.3 §6.2);
 * null when CPE cannot write it (a letter beyond ASCII: "Müller"), the product then goes without.
 */
function vendorCpe(vendor: string): string | null {
  const value = vendor
    .trim()
    .toLowerCase()
    .replace(/\s+/g, '_')
    .replace(/[^a-z0-9_.-]/g, (c) => `\\${c}`)
  const cpe = `cpe:2.3:*:${value}:*:*:*:*:*:*:*:*:*`
  return isCpe23Name(cpe) ? cpe : null
}

/**
 * The 2.0 tree in 2.1's terms: a purl goes in `purls` (a list); a product known only as a
 * vendor's whole line gets the vendor's CPE; "versions without the fix" is written as the vers
 * range it is (every version but the fixed ones), since 2.1 wants vers in a version range.
 */
function branch21(branch: Branch21, vendor: string, fixed: string[], ecosystem: string): Json {
  const { branches, product, ...rest } = branch
  const siblings = branches?.filter((b) => b.category === 'product_version').map((b) => b.name) ?? []
  const purl = product?.product_identification_helper?.purl
  const cpe = branch.category === 'product_name' ? vendorCpe(vendor) : null
  const helper = purl ? { purls: [purl] } : cpe ? { cpe } : null
  const name =
    branch.category === 'product_version_range' && !branch.name.startsWith('vers:') && fixed.length > 0
      ? `vers:${ecosystem}/${fixed.map((v) => `!=${v}`).join('|')}`
      : branch.name
  const ecosystemOf = (b: Branch21) =>
    /^pkg:([a-z0-9.+-]+)\//.exec(
      b.product?.product_identification_helper?.purl ??
        b.branches?.[0]?.product?.product_identification_helper?.purl ??
        '',
    )?.[1] ?? 'generic'
  return {
    ...rest,
    name,
    ...(branches
      ? { branches: branches.map((b) => branch21(b, vendor, siblings.length > 0 ? siblings : fixed, ecosystemOf(b))) }
      : {}),
    ...(product
      ? {
          product: {
            name: product.name,
            product_id: product.product_id,
            ...(helper ? { product_identification_helper: helper } : {}),
          },
        }
      : {}),
  }
}

function productTree21(tree: { branches: Branch21[] }): Json {
  return { branches: tree.branches.map((vendor) => branch21(vendor, vendor.name, [], 'generic')) }
}

/** One metric for the products known affected: every score the snapshot has for them. */
function metricsOf(snapshot: AdvisorySnapshot, vuln: AdvisoryVulnerability, affectedIds: string[]): Json[] {
  if (affectedIds.length === 0) return []
  const content: Json = {}
  for (const score of vuln.cvss) {
    const key = score.version === '4.0' ? 'cvss_v4' : 'cvss_v3'
    if (content[key]) continue
    content[key] = {
      version: score.version,
      vectorString: score.vector,
      baseScore: score.baseScore,
      baseSeverity: score.baseSeverity,
    }
  }
  if (vuln.ssvc)
    content.ssvc_v1 = {
      id: vuln.cve ?? vulnerabilityId(snapshot, vuln),
      role: vuln.ssvc.role,
      schemaVersion: '1-0-1',
      selections: vuln.ssvc.selections.map((s) => ({
        name: s.name,
        namespace: s.namespace,
        values: s.values,
        version: s.version,
      })),
      timestamp: vuln.ssvc.date,
    }
  if (vuln.epss)
    content.epss = { percentile: vuln.epss.percentile, probability: vuln.epss.probability, timestamp: vuln.epss.date }
  return Object.keys(content).length > 0 ? [{ content, products: affectedIds }] : []
}

function vulnerability21(
  snapshot: AdvisorySnapshot,
  vuln: AdvisoryVulnerability,
  v20: Csaf20Vulnerability,
  released: boolean,
): Json {
  const { cwe, scores: _scores, remediations, ...rest } = v20
  const affectedIds = v20.product_status?.known_affected ?? []
  // 2.1 (test 6.1.36) calls a vendor fix for a product already fixed a contradiction: the fix is
  // for the affected versions, and the fixed versions need nothing.
  const fixedIds = new Set([...(v20.product_status?.fixed ?? []), ...(v20.product_status?.first_fixed ?? [])])
  const remediations21 = (remediations ?? [])
    .map((r) => ({ ...r, product_ids: r.product_ids.filter((id) => !fixedIds.has(id)) }))
    .filter((r) => r.product_ids.length > 0)
  const metrics = metricsOf(snapshot, vuln, affectedIds)
  const exploitation = vuln.firstKnownExploitation
  return {
    ...rest,
    ...(remediations21.length > 0 ? { remediations: remediations21 } : {}),
    ...(cwe ? { cwes: [{ id: cwe.id, name: cwe.name, version: cweCatalogueVersion }] } : {}),
    // The day the world learnt of it: the release (a draft under embargo has not been disclosed).
    ...(released ? { disclosure_date: snapshot.initialReleaseDate } : {}),
    ...(exploitation && affectedIds.length > 0
      ? {
          first_known_exploitation_dates: [
            { date: exploitation.recordedAt, exploitation_date: exploitation.exploitedAt, product_ids: affectedIds },
          ],
        }
      : {}),
    ...(metrics.length > 0 ? { metrics } : {}),
  }
}

/** What the 2.1 profiles for withdrawn and superseded documents ask of the document part. */
function endOfLife(snapshot: AdvisorySnapshot, notes: Json[], references: Json[]) {
  if (snapshot.supersededBy)
    return {
      category: 'csaf_superseded',
      notes: [
        ...notes,
        { category: 'description', title: 'Reasoning for Supersession', text: snapshot.supersededBy.reason },
      ],
      references: [
        ...references,
        {
          category: 'external',
          summary: `Superseding Document: ${snapshot.supersededBy.id}`,
          url: snapshot.supersededBy.url,
        },
      ],
    }
  if (snapshot.withdrawn)
    return {
      category: 'csaf_withdrawn',
      notes: [
        ...notes,
        { category: 'description', title: 'Reasoning for Withdrawal', text: snapshot.withdrawn.reason },
      ],
      references,
    }
  return null
}

export function toCsaf21(snapshot: AdvisorySnapshot, embargoed?: EmbargoedCsafOptions): object {
  // The 2.0 document as if still in force: 2.1 says how it ended with its own profiles (below).
  const v20 = toCsaf({ ...snapshot, withdrawn: null, supersededBy: null }, embargoed) as {
    document: Json & { distribution: { tlp: { label: string; url: string } }; notes?: Json[]; references: Json[] }
    product_tree: { branches: Branch21[] }
    vulnerabilities: Csaf20Vulnerability[]
  }
  const self = csaf21Url(snapshot)
  const references: Json[] = [
    // This document first, then the 2.0 form and the rest as the 2.0 document lists them.
    { category: 'self', summary: `${snapshot.id} in CSAF 2.1`, url: self },
    ...v20.document.references,
  ]
  const notes = v20.document.notes ?? []
  const document: Json = {
    ...v20.document,
    csaf_version: '2.1',
    distribution: { tlp: { ...v20.document.distribution.tlp, label: tlp2Label(v20.document.distribution.tlp.label) } },
    license_expression: csafLicenseExpression,
    ...(notes.length > 0 ? { notes } : {}),
    references,
  }
  const ended = embargoed ? null : endOfLife(snapshot, notes, references)
  if (ended) return withSortedKeys({ $schema: csaf21SchemaUrl, document: { ...document, ...ended } }) as object
  return withSortedKeys({
    $schema: csaf21SchemaUrl,
    document,
    product_tree: productTree21(v20.product_tree),
    vulnerabilities: v20.vulnerabilities.map((v, i) =>
      vulnerability21(snapshot, snapshot.vulnerabilities[i]!, v, !embargoed),
    ),
  }) as object
}
