// One validated CSAF 2.0 advisory in the form imported advisories are kept and matched in (the
// same as OSV's): its tracking id, title, CVE IDs, first CVSS vector, dates, and per affected
// product the package as a purl without version with the versions it covers. Products the
// document names only by CPE or by name are said in the notes: inventories are matched by purl.
// A product's versions: a vers range (`product_version_range` written as vers), else the
// version of its `product_version` branch or its purl; with neither, every version. Products
// the document says are fixed name the versions that are not affected.
import { normalizePurl } from '../sbom/purl.js'
import { parseVers } from '../vers.js'
import type { ConvertedAffected } from '../osv/osvRanges.js'
import type { OsvAdvisory } from '../osv/osvAdvisory.js'
import { csafProducts, csafStatuses, type CsafProduct } from './csafProducts.js'

/** Kept like an imported OSV advisory, with the revision and the publisher's page besides. */
export type CsafAdvisory = Omit<OsvAdvisory, 'affected'> & {
  revision: string | null
  /** The publisher's own page of the advisory (its `self` reference). */
  url: string | null
}

type Json = Record<string, unknown>
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {})
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])
const text = (v: unknown): string | null => (typeof v === 'string' ? v : null)

/** Reads a document that passed validation (so required fields are there). */
export function readCsafAdvisory(doc: Record<string, unknown>): CsafAdvisory {
  const document = obj(doc.document)
  const tracking = obj(document.tracking)
  const vulnerabilities = list(doc.vulnerabilities).map(obj)
  const notes = list(document.notes).map(obj)
  const summaryNote = notes.find((n) => n.category === 'summary') ?? notes.find((n) => n.category === 'description')
  const self = list(document.references)
    .map(obj)
    .find((r) => r.category === 'self')
  const vector = vulnerabilities
    .flatMap((v) => list(v.scores).map(obj))
    .map((s) => text(obj(s.cvss_v3).vectorString) ?? text(obj(s.cvss_v2).vectorString))
    .find((v) => v !== null)
  return {
    id: text(tracking.id)!,
    revision: text(tracking.version),
    summary: text(document.title),
    details: text(summaryNote?.text),
    aliases: [...new Set(vulnerabilities.map((v) => text(v.cve)).filter((c): c is string => c !== null))],
    severity: vector ?? null,
    published: text(tracking.initial_release_date),
    modified: text(tracking.current_release_date)!,
    withdrawn: null,
    url: text(self?.url),
    document: doc,
  }
}

interface Identified {
  product: CsafProduct
  purl: string
  purlType: string
  purlNamespace: string | null
  purlName: string
  version: string | null
}

function identify(product: CsafProduct): Identified | null {
  if (!product.purl) return null
  const read = normalizePurl(product.purl)
  if (!read.ok) return null
  return {
    product,
    purl: read.version ? read.purl.replace(/@[^?#]*/, '') : read.purl,
    purlType: read.type,
    purlNamespace: read.namespace,
    purlName: read.name,
    version: product.version ?? read.version,
  }
}

/** The affected products as stored for matching, and what could not be expressed. */
export function csafAffected(doc: Record<string, unknown>): { affected: ConvertedAffected[]; notes: string[] } {
  const products = csafProducts(doc.product_tree)
  const { affected, fixed } = csafStatuses(doc.vulnerabilities)
  const notes: string[] = []
  const fixedByPurl = new Map<string, string[]>()
  for (const id of fixed) {
    const p = products.get(id)
    const known = p && identify(p)
    if (known?.version) fixedByPurl.set(known.purl, [...(fixedByPurl.get(known.purl) ?? []), known.version])
  }
  const unidentified: CsafProduct[] = []
  const out: ConvertedAffected[] = []
  // A package listed under several platforms (RHSA's per-release products) is stored once.
  const seen = new Set<string>()
  for (const id of affected) {
    const product = products.get(id)
    if (!product) continue
    const known = identify(product)
    if (!known) {
      unidentified.push(product)
      continue
    }
    const entry: ConvertedAffected = {
      purl: known.purl,
      purlType: known.purlType,
      purlNamespace: known.purlNamespace,
      purlName: known.purlName,
      range: null,
      versions: [],
      fixedVersions: fixedByPurl.get(known.purl) ?? [],
      notes: [],
      matchable: true,
    }
    if (product.range) {
      if (/^vers:[^/]+\/\*$/.test(product.range)) {
        // vers:…/* is every version: no range.
      } else if (product.range.startsWith('vers:') && parseVers(product.range).ok) {
        entry.range = product.range
      } else {
        notes.push(`${product.name}: the version range "${product.range}" is not a vers range: not matched`)
        continue
      }
    } else if (known.version) {
      entry.versions = [known.version]
    }
    const key = `${entry.purl}\u0000${entry.range ?? ''}\u0000${entry.versions.join(',')}`
    if (seen.has(key)) continue
    seen.add(key)
    out.push(entry)
  }
  if (unidentified.length) {
    const cpeOnly = unidentified.filter((p) => p.cpe).length
    notes.push(
      `${unidentified.length} affected product${unidentified.length === 1 ? '' : 's'} without a package URL (for example "${unidentified[0]!.name}"${cpeOnly ? `; ${cpeOnly} named by CPE only` : ''}): not matched, inventories are matched by package URL`,
    )
  }
  return { affected: out, notes }
}
