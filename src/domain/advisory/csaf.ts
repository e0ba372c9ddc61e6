// The advisory as a CSAF 2.0 document of the VEX profile (csaf_vex): what a CSAF consumer needs to
// decide, per product, whether it is affected. Products come from products.ts: each affected
// product the case recorded (a range and the versions that fix it) and each vendor that stated
// its position without naming a product ("Cray Inc. products"). Product ids are numbered in the
// order the product tree lists them (CSAFPID-0001...), so they depend on the snapshot alone.
// Published advisories are public: TLP:WHITE, CSAF 2.0 knowing only TLP 1.0's labels.
import { peerCsafReferences } from './peerAdvisories.js'
import { csafFlagLabel, vexJustificationLabels, type VexJustification } from '../vex.js'
import { advisoryLinks, csafFilename, osvId, uniqueByUrl, vulnerabilityId } from './links.js'
import { cweName } from './cweNames.js'
import { cpeWithVersion } from './cpeNames.js'
import { endedOf, endedSentence } from './ended.js'
import { packageFacts, purlWithVersion } from './packages.js'
import { productPositions, type ProductPosition } from './products.js'
import type { AdvisoryRevision, AdvisorySnapshot } from './snapshot.js'

export { csafFilename }

type CsafStatus = 'known_affected' | 'known_not_affected' | 'fixed' | 'under_investigation'
const statusOrder: readonly CsafStatus[] = ['fixed', 'known_affected', 'known_not_affected', 'under_investigation']

/** What the generator says about itself (no version or date: the output depends on the snapshot only). */
export const csafGenerator = { engine: { name: 'Lockstep' } } as const

/** The product name for versions of a product recorded without a range, beside its fixed versions. */
const UNSPECIFIED_VERSIONS = 'versions without the fix'

// ---- the product tree ----

interface TreeProduct {
  kind: 'unspecified' | 'range' | 'version'
  name: string
  fullName: string
  purl: string | null
  cpe: string | null
  id: string
}
interface ProductNameNode {
  name: string
  products: Map<string, TreeProduct>
}
interface VendorNode {
  name: string
  productNames: Map<string, ProductNameNode>
}

/** The products one position names: the affected versions (or the whole product) and the fixed ones. */
interface Placement {
  main: TreeProduct
  fixed: TreeProduct[]
}

function fullName(vendor: string, product: string, detail: string | null): string {
  const named = product.toLowerCase().startsWith(vendor.toLowerCase()) ? product : `${vendor} ${product}`
  return detail ? `${named} ${detail}` : named
}

class ProductTree {
  private readonly vendors = new Map<string, VendorNode>()

  place(position: ProductPosition): Placement {
    const facts = packageFacts(position.purl)
    const vendorKey = position.vendor.trim().toLowerCase()
    let vendor = this.vendors.get(vendorKey)
    if (!vendor) this.vendors.set(vendorKey, (vendor = { name: position.vendor, productNames: new Map() }))
    const nodeKey = position.vendorLevel
      ? '\u0000vendor'
      : `${position.product}\u0000${facts?.purl ?? position.purl ?? ''}`
    let node = vendor.productNames.get(nodeKey)
    if (!node) vendor.productNames.set(nodeKey, (node = { name: position.product, products: new Map() }))

    const product = (
      kind: TreeProduct['kind'],
      name: string,
      detail: string | null,
      purl: string | null,
      cpe: string | null,
    ): TreeProduct => {
      const key = `${kind}\u0000${name}`
      let found = node.products.get(key)
      if (!found)
        node.products.set(
          key,
          (found = { kind, name, fullName: fullName(position.vendor, position.product, detail), purl, cpe, id: '' }),
        )
      return found
    }
    const main = position.range
      ? product('range', position.range, position.range, facts?.purl ?? null, position.cpe)
      : product('unspecified', UNSPECIFIED_VERSIONS, null, facts?.purl ?? null, position.cpe)
    const fixed = position.fixedVersions.map((version) =>
      product(
        'version',
        version,
        version,
        facts ? purlWithVersion(facts, version) : null,
        position.cpe ? cpeWithVersion(position.cpe, version) : null,
      ),
    )
    return { main, fixed }
  }

  /** Numbers the products in the order the tree lists them; call once, after every place(). */
  assignIds(): void {
    let next = 1
    for (const vendor of this.vendors.values())
      for (const node of vendor.productNames.values())
        for (const product of orderedProducts(node)) product.id = `CSAFPID-${String(next++).padStart(4, '0')}`
  }

  branches(): object[] {
    return [...this.vendors.values()].map((vendor) => ({
      category: 'vendor',
      name: vendor.name,
      branches: [...vendor.productNames.values()].map((node) => {
        const products = orderedProducts(node)
        const only = products[0]!
        // A product known only as a whole is the product_name branch's own product.
        if (products.length === 1 && only.kind === 'unspecified')
          return { category: 'product_name', name: node.name, product: fullProductName(only) }
        return {
          category: 'product_name',
          name: node.name,
          branches: products.map((p) => ({
            category: p.kind === 'version' ? 'product_version' : 'product_version_range',
            name: p.name,
            product: fullProductName(
              p.kind === 'unspecified' ? { ...p, fullName: `${p.fullName} (${UNSPECIFIED_VERSIONS})` } : p,
            ),
          })),
        }
      }),
    }))
  }
}

// Within a product: the affected versions first, then the fixed versions in the order given.
const orderedProducts = (node: ProductNameNode) =>
  [...node.products.values()].sort((a, b) => Number(a.kind === 'version') - Number(b.kind === 'version'))

// CSAF §3.1.3.3: the product's purl and, when the case knows it, its CPE name.
function fullProductName(product: TreeProduct): object {
  const helper = { ...(product.cpe ? { cpe: product.cpe } : {}), ...(product.purl ? { purl: product.purl } : {}) }
  return {
    name: product.fullName,
    product_id: product.id,
    ...(Object.keys(helper).length > 0 ? { product_identification_helper: helper } : {}),
  }
}

// ---- vulnerabilities ----

/** Each product once per vulnerability: the first position that names it decides its status. */
function vulnerabilityStatuses(placements: { position: ProductPosition; placement: Placement }[]) {
  const statusOf = new Map<string, CsafStatus>()
  const set = (product: TreeProduct, status: CsafStatus) => {
    if (!statusOf.has(product.id)) statusOf.set(product.id, status)
  }
  for (const { position, placement } of placements) {
    const fixedStatus: CsafStatus = position.status === 'not_affected' ? 'known_not_affected' : 'fixed'
    const mainStatus: CsafStatus =
      position.status === 'not_affected'
        ? 'known_not_affected'
        : position.status === 'under_investigation'
          ? 'under_investigation'
          : position.status === 'fixed' && position.vendorLevel
            ? 'fixed'
            : 'known_affected'
    set(placement.main, mainStatus)
    for (const product of placement.fixed) set(product, fixedStatus)
  }
  return statusOf
}

const sortedIds = (ids: Iterable<string>) => [...new Set(ids)].sort()

function vulnerabilityDocument(
  snapshot: AdvisorySnapshot,
  vulnIndex: number,
  placements: { position: ProductPosition; placement: Placement }[],
) {
  const vuln = snapshot.vulnerabilities[vulnIndex]!
  const statusOf = vulnerabilityStatuses(placements)
  const idsWith = (status: CsafStatus) => sortedIds([...statusOf].filter(([, s]) => s === status).map(([id]) => id))

  const productStatus: Record<string, string[]> = {}
  for (const status of statusOrder) {
    const ids = idsWith(status)
    if (ids.length > 0) productStatus[status] = ids
  }

  // VEX: every product not affected has an impact statement (a flag and, for people, a threat).
  const notAffectedBy = new Map<VexJustification | null, string[]>()
  for (const { position, placement } of placements) {
    if (position.status !== 'not_affected') continue
    const justification = position.statement?.justification ?? null
    const ids = [placement.main, ...placement.fixed]
      .map((p) => p.id)
      .filter((id) => statusOf.get(id) === 'known_not_affected')
    notAffectedBy.set(justification, [...(notAffectedBy.get(justification) ?? []), ...ids])
  }
  // One justification per product (CSAF 6.1.33): a product two positions name keeps the first.
  const flagged = new Set<string>()
  const flags = [...notAffectedBy]
    .filter((entry): entry is [VexJustification, string[]] => entry[0] !== null)
    .map(([justification, ids]) => {
      const unflagged = ids.filter((id) => !flagged.has(id))
      unflagged.forEach((id) => flagged.add(id))
      return { label: csafFlagLabel[justification], product_ids: sortedIds(unflagged) }
    })
    .filter((flag) => flag.product_ids.length > 0)
  const threats: { category: string; details: string; date?: string; product_ids?: string[] }[] = [
    ...notAffectedBy,
  ].map(([justification, ids]) => ({
    category: 'impact',
    details: justification
      ? vexJustificationLabels[justification]
      : 'The vendor states that the product is not affected.',
    product_ids: sortedIds(ids),
  }))
  // Known exploitation (CSAF 2.0 has no field of its own for it): an exploit_status threat, dated
  // when it was learnt, naming the products known affected.
  const exploitation = vuln.firstKnownExploitation
  if (exploitation) {
    const affectedIds = idsWith('known_affected')
    threats.push({
      category: 'exploit_status',
      date: exploitation.recordedAt,
      details: `Known to be exploited since ${exploitation.exploitedAt.slice(0, 10)}.`,
      ...(affectedIds.length > 0 ? { product_ids: affectedIds } : {}),
    })
  }

  // VEX: every product affected has an action statement; fixed versions get theirs too.
  const remediations = placements.flatMap(({ position, placement }) => {
    const ids = sortedIds(
      [placement.main, ...placement.fixed]
        .map((p) => p.id)
        .filter((id) => statusOf.get(id) === 'known_affected' || statusOf.get(id) === 'fixed'),
    )
    if (ids.length === 0) return []
    const remediationText = position.statement?.remediation ?? null
    const url = position.statement?.references[0]
    if (position.fixedVersions.length > 0 || remediationText) {
      const details = [
        position.fixedVersions.length > 0 ? `Fixed in ${position.fixedVersions.join(', ')}.` : null,
        remediationText,
      ]
        .filter(Boolean)
        .join(' ')
      return [{ category: 'vendor_fix', details, product_ids: ids, ...(url ? { url } : {}) }]
    }
    const affectedIds = ids.filter((id) => statusOf.get(id) === 'known_affected')
    if (affectedIds.length === 0) return []
    return [
      {
        category: 'none_available',
        details: 'No fix has been announced for this product yet.',
        product_ids: affectedIds,
      },
    ]
  })
  // Products under investigation have no fix either (CSAF 6.2.2 asks for a remediation for them too).
  const investigated = idsWith('under_investigation')
  if (investigated.length > 0)
    remediations.push({
      category: 'none_available',
      details: 'The vendor is investigating whether the product is affected; no fix has been announced.',
      product_ids: investigated,
    })

  const cvss3 = vuln.cvss.find((score) => score.version === '3.1')
  const scoredIds = idsWith('known_affected')
  const scores =
    cvss3 && scoredIds.length > 0
      ? [
          {
            products: scoredIds,
            cvss_v3: {
              version: '3.1',
              vectorString: cvss3.vector,
              baseScore: cvss3.baseScore,
              baseSeverity: cvss3.baseSeverity,
            },
          },
        ]
      : []

  // The same vulnerability in the other formats, by their ids, then the vendors' own references.
  const links = advisoryLinks(snapshot)
  const references = uniqueByUrl([
    { category: 'self', summary: `${osvId(snapshot, vuln)} in OSV`, url: links.osv[vuln.key]! },
    ...(vuln.cve ? [{ category: 'self', summary: `${vuln.cve} as a CVE record`, url: links.cve[vuln.key]! }] : []),
    ...vuln.statements.flatMap((statement) =>
      statement.references.map((url) => ({ category: 'external', summary: `Statement of ${statement.vendor}`, url })),
    ),
  ])

  return {
    ...(vuln.cve ? { cve: vuln.cve } : {}),
    // The catalogue's name first: test 6.1.11 compares the name with it, and snapshots written
    // before names were bundled have none.
    ...(vuln.cwe && (cweName(vuln.cwe) ?? vuln.cweName)
      ? { cwe: { id: vuln.cwe, name: cweName(vuln.cwe) ?? vuln.cweName } }
      : {}),
    ...(flags.length > 0 ? { flags } : {}),
    ids: [{ system_name: snapshot.publisher.name, text: vulnerabilityId(snapshot, vuln) }],
    notes: [
      { category: 'description', title: 'Description', text: vuln.description.trim() || vuln.title },
      ...peerStatementNotes(vuln),
    ],
    product_status: productStatus,
    ...(references.length > 0 ? { references } : {}),
    ...(remediations.length > 0 ? { remediations } : {}),
    ...(scores.length > 0 ? { scores } : {}),
    ...(threats.length > 0 ? { threats } : {}),
    title: vuln.title,
  }
}

/** Which vendors' statements a peer coordinator approved (federation): said in a note, by vendor. */
function peerStatementNotes(vuln: AdvisorySnapshot['vulnerabilities'][number]) {
  const via = vuln.statements.filter((s) => s.via)
  if (via.length === 0) return []
  return [
    {
      category: 'other',
      title: 'Statements approved by other coordinators',
      text: via.map((s) => `${s.vendor}: via ${s.via!.name} (${s.via!.url}).`).join(' '),
    },
  ]
}

// ---- the document ----

/** Revisions in number order (CSAF 6.1.14); an advisory without any gets its initial release. */
function revisionHistory(snapshot: AdvisorySnapshot): AdvisoryRevision[] {
  if (snapshot.revisions.length === 0)
    return [{ number: '1', date: snapshot.initialReleaseDate, summary: 'Initial release.' }]
  return [...snapshot.revisions].sort((a, b) => Number(a.number) - Number(b.number))
}

/**
 * CSAF 2.0 §6.2.13 (optional) wants every object's keys in alphabetical order; arrays keep theirs.
 * Applied once to the finished document, so the code above can write fields in reading order.
 */
export function withSortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withSortedKeys)
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, withSortedKeys((value as Record<string, unknown>)[key])]),
  )
}

/**
 * Before the release, the draft as its parties may take it: TLP:AMBER (RED for a RED case),
 * status draft, version 0 (CSAF 2.0 §3.2.1.12: a draft's version may be 0).
 */
export interface EmbargoedCsafOptions {
  tlp: 'AMBER' | 'RED'
}

export function toCsaf(snapshot: AdvisorySnapshot, embargoed?: EmbargoedCsafOptions): object {
  const links = advisoryLinks(snapshot)
  const tree = new ProductTree()
  const placements = snapshot.vulnerabilities.map((vuln) =>
    productPositions(vuln).map((position) => ({ position, placement: tree.place(position) })),
  )
  tree.assignIds()
  const revisions = revisionHistory(snapshot)

  const notes = [
    { category: 'summary', title: 'Overview', text: snapshot.overview },
    { category: 'description', title: 'Description', text: snapshot.description },
    { category: 'general', title: 'Impact', text: snapshot.impact },
    { category: 'general', title: 'Solution', text: snapshot.solution },
  ].filter((note) => note.text.trim() !== '')

  // Withdrawn or superseded (not for a draft under embargo): CSAF 2.0 has no profile for it, so the
  // final revision is a csaf_base document saying so in a note, without the products and
  // vulnerabilities a VEX tool would otherwise keep acting on.
  const ended = embargoed ? null : endedOf(snapshot)
  if (ended)
    notes.unshift({
      category: 'general',
      title: ended.kind === 'withdrawn' ? 'Withdrawn' : 'Superseded',
      text: endedSentence(ended),
    })

  const references = uniqueByUrl([
    { category: 'self', summary: `${snapshot.id}: the advisory's page`, url: links.page },
    { category: 'self', summary: `${snapshot.id} in CSAF 2.0`, url: links.csaf },
    ...(ended?.by ? [{ category: 'external', summary: `Superseded by ${ended.by.id}`, url: ended.by.url }] : []),
    ...snapshot.references.map((reference) => ({
      category: reference.category,
      summary: reference.summary,
      url: reference.url,
    })),
    ...peerCsafReferences(snapshot),
  ])

  const acknowledgments = snapshot.credits.map((credit) => ({
    names: [credit.name],
    ...(credit.contribution ? { summary: credit.contribution } : {}),
  }))

  return withSortedKeys({
    document: {
      ...(acknowledgments.length > 0 ? { acknowledgments } : {}),
      category: ended ? 'csaf_base' : 'csaf_vex',
      csaf_version: '2.0',
      distribution: { tlp: { label: embargoed?.tlp ?? 'WHITE', url: 'https://www.first.org/tlp/' } },
      lang: 'en',
      ...(notes.length > 0 ? { notes } : {}),
      publisher: {
        category: 'coordinator',
        ...(snapshot.publisher.contactDetails.trim() ? { contact_details: snapshot.publisher.contactDetails } : {}),
        name: snapshot.publisher.name,
        namespace: snapshot.publisher.namespace,
      },
      references,
      title: snapshot.title,
      tracking: {
        current_release_date: snapshot.currentReleaseDate,
        generator: csafGenerator,
        id: snapshot.id,
        initial_release_date: snapshot.initialReleaseDate,
        revision_history: revisions.map((revision) => ({
          date: revision.date,
          number: revision.number,
          summary: revision.summary,
        })),
        status: embargoed ? 'draft' : 'final',
        version: revisions[revisions.length - 1]!.number,
      },
    },
    ...(ended
      ? {}
      : {
          product_tree: { branches: tree.branches() },
          vulnerabilities: snapshot.vulnerabilities.map((_, i) => vulnerabilityDocument(snapshot, i, placements[i]!)),
        }),
  }) as object
}
