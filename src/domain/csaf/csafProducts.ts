// The products a CSAF 2.0 document names (§3.2.2 product_tree), each with what identifies it:
// branches are walked down to their products, keeping the version (a `product_version` branch) or
// the version range (`product_version_range`, a vers string when the publisher writes one);
// full_product_names stand alone; a relationship's product (for example "telnet as a component
// of RHEL 7") is identified as the component it names, since that is what an inventory lists.
export interface CsafProduct {
  productId: string
  name: string
  purl: string | null
  cpe: string | null
  version: string | null
  /** The branch's product_version_range as written (vers:… or a vendor's own words). */
  range: string | null
}

type Json = Record<string, unknown>
const obj = (v: unknown): Json | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : null)
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])
const text = (v: unknown): string | null => (typeof v === 'string' ? v : null)

function named(fullName: Json, within: { version: string | null; range: string | null }): CsafProduct | null {
  const productId = text(fullName.product_id)
  if (!productId) return null
  const helper = obj(fullName.product_identification_helper) ?? {}
  return {
    productId,
    name: text(fullName.name) ?? productId,
    purl: text(helper.purl),
    cpe: text(helper.cpe),
    ...within,
  }
}

function walk(branches: unknown, within: { version: string | null; range: string | null }, out: CsafProduct[]) {
  for (const b of list(branches)) {
    const branch = obj(b)
    if (!branch) continue
    const here = { ...within }
    if (branch.category === 'product_version') here.version = text(branch.name)
    if (branch.category === 'product_version_range') here.range = text(branch.name)
    const product = obj(branch.product)
    const found = product && named(product, here)
    if (found) out.push(found)
    walk(branch.branches, here, out)
  }
}

/** Every product of the tree by its id; a relationship's product carries its component's identity. */
export function csafProducts(productTree: unknown): Map<string, CsafProduct> {
  const tree = obj(productTree) ?? {}
  const found: CsafProduct[] = []
  walk(tree.branches, { version: null, range: null }, found)
  for (const f of list(tree.full_product_names)) {
    const p = obj(f) && named(obj(f)!, { version: null, range: null })
    if (p) found.push(p)
  }
  const byId = new Map(found.map((p) => [p.productId, p]))
  for (const r of list(tree.relationships)) {
    const rel = obj(r)
    const full = obj(rel?.full_product_name)
    const own = full && named(full, { version: null, range: null })
    if (!own) continue
    const component = byId.get(text(rel!.product_reference) ?? '')
    byId.set(own.productId, {
      ...own,
      purl: own.purl ?? component?.purl ?? null,
      cpe: own.cpe ?? component?.cpe ?? null,
      version: component?.version ?? null,
      range: component?.range ?? null,
    })
  }
  return byId
}

/** The product ids a document's vulnerabilities say are affected, and those they say are fixed. */
export function csafStatuses(vulnerabilities: unknown): { affected: Set<string>; fixed: Set<string> } {
  const affected = new Set<string>()
  const fixed = new Set<string>()
  for (const v of list(vulnerabilities)) {
    const status = obj(obj(v)?.product_status) ?? {}
    for (const key of ['known_affected', 'first_affected', 'last_affected'])
      for (const id of list(status[key])) if (typeof id === 'string') affected.add(id)
    for (const key of ['fixed', 'first_fixed'])
      for (const id of list(status[key])) if (typeof id === 'string') fixed.add(id)
  }
  return { affected, fixed }
}
