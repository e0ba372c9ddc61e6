// CSAF 2.0 VEX of a VEX set: the advisory exporter itself (csaf.ts) run on the narrowed snapshot,
// labelled as a draft under TLP:AMBER (RED for a RED case), since statements are shared before
// release. The reader takes a CSAF VEX document back to one statement per vulnerability and
// status, its products named as the product tree names them (vendor and product branches, purl).
import { toCsaf } from '../advisory/csaf.js'
import type { AdvisorySnapshot } from '../advisory/snapshot.js'
import { vexJustifications, type VexStatus } from '../vex.js'
import {
  asList,
  asObject,
  asText,
  httpUrls,
  type ReadVexStatement,
  type VexProductRef,
  type VexReading,
} from './vexCase.js'

export const toCsafVex = (snapshot: AdvisorySnapshot, tlp: 'AMBER' | 'RED'): object => toCsaf(snapshot, { tlp })

const statusOfList: ReadonlyArray<[string, VexStatus]> = [
  ['known_affected', 'affected'],
  ['first_affected', 'affected'],
  ['last_affected', 'affected'],
  ['known_not_affected', 'not_affected'],
  ['fixed', 'fixed'],
  ['first_fixed', 'fixed'],
  ['under_investigation', 'under_investigation'],
]

/** Each product id with its vendor-and-product names and purl, from the branches and full names. */
function productsById(tree: unknown): Map<string, VexProductRef & { version: string | null }> {
  const found = new Map<string, VexProductRef & { version: string | null }>()
  const walk = (branches: unknown, product: string | null, version: string | null) => {
    for (const b of asList(branches)) {
      const branch = asObject(b)
      if (!branch) continue
      const name = asText(branch.name)
      const here = branch.category === 'product_name' ? name : product
      const hereVersion = branch.category === 'product_version' ? name : version
      const full = asObject(branch.product)
      const id = asText(full?.product_id)
      if (id)
        found.set(id, {
          name: here ?? asText(full?.name),
          purl: asText(asObject(full?.product_identification_helper)?.purl),
          version: hereVersion,
        })
      walk(branch.branches, here, hereVersion)
    }
  }
  const t = asObject(tree) ?? {}
  walk(t.branches, null, null)
  for (const f of asList(t.full_product_names)) {
    const full = asObject(f)
    const id = asText(full?.product_id)
    if (id)
      found.set(id, {
        name: asText(full?.name),
        purl: asText(asObject(full?.product_identification_helper)?.purl),
        version: null,
      })
  }
  return found
}

export function readCsafVex(doc: Record<string, unknown>): VexReading {
  const problems: { field: string; message: string }[] = []
  if (asObject(doc.document)?.category !== 'csaf_vex')
    problems.push({ field: 'document/category', message: 'must be csaf_vex (a CSAF VEX document)' })
  if (!Array.isArray(doc.vulnerabilities) || doc.vulnerabilities.length === 0)
    problems.push({ field: 'vulnerabilities', message: 'must list at least one vulnerability' })
  const products = productsById(doc.product_tree)
  const statements: ReadVexStatement[] = []
  asList(doc.vulnerabilities).forEach((entry, i) => {
    const at = `vulnerabilities/${i}`
    const v = asObject(entry) ?? {}
    const ids = [asText(v.cve), ...asList(v.ids).map((id) => asText(asObject(id)?.text))].filter(
      (id): id is string => id !== null,
    )
    if (ids.length === 0) return problems.push({ field: `${at}/cve`, message: 'or ids is required' })
    const status = asObject(v.product_status) ?? {}
    const flags = asList(v.flags).map((f) => asObject(f) ?? {})
    const remediations = asList(v.remediations).map((r) => asObject(r) ?? {})
    const idsIn = (list: string) => asList(status[list]).filter((id): id is string => typeof id === 'string')
    const productOf = (id: string) => products.get(id) ?? { name: id, purl: null, version: null }
    // A product with a fixed version is fixed: its "versions without the fix" say no more.
    const fixedNames = new Set(
      ['fixed', 'first_fixed'].flatMap((list) => idsIn(list).map((id) => productOf(id).name ?? id)),
    )
    for (const [list, vexStatus] of statusOfList) {
      const productIds = idsIn(list).filter(
        (id) => vexStatus !== 'affected' || !fixedNames.has(productOf(id).name ?? id),
      )
      if (productIds.length === 0) continue
      const named = productIds.map(productOf)
      const flag = flags.find((f) => asList(f.product_ids).some((id) => productIds.includes(id as string)))
      const label = asText(flag?.label)
      const fix = remediations.find(
        (r) => r.category === 'vendor_fix' && asList(r.product_ids).some((id) => productIds.includes(id as string)),
      )
      statements.push({
        at: `${at}/product_status/${list}`,
        vulnerabilityIds: ids,
        // A fixed version's own product stands for its product: the name is the product's.
        products: named.map(({ name, purl }) => ({ name, purl })),
        status: vexStatus,
        statusAsWritten: list,
        justification: label && (vexJustifications as readonly string[]).includes(label) ? label : null,
        fixedVersions:
          vexStatus === 'fixed'
            ? [...new Set(named.map((p) => p.version).filter((version): version is string => version !== null))]
            : [],
        remediation: asText(fix?.details),
        references: httpUrls(asList(v.references).map((r) => asObject(r)?.url)),
      })
    }
  })
  return problems.length > 0 ? { ok: false, problems } : { ok: true, format: 'csaf', statements }
}
