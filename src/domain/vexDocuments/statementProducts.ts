// Each vendor statement of a VEX snapshot with the products it covers, read once through the
// advisory's own reading (products.ts) so OpenVEX, CycloneDX and CSAF name the same products.
import { productPositions, type ProductPosition } from '../advisory/products.js'
import type { AdvisorySnapshot, AdvisoryStatement, AdvisoryVulnerability } from '../advisory/snapshot.js'

export interface StatementWithProducts {
  vuln: AdvisoryVulnerability
  statement: AdvisoryStatement
  positions: ProductPosition[]
}

export function statementsWithProducts(snapshot: AdvisorySnapshot): StatementWithProducts[] {
  return snapshot.vulnerabilities.flatMap((vuln) => {
    const byStatement = new Map<AdvisoryStatement, ProductPosition[]>()
    for (const position of productPositions(vuln)) {
      if (!position.statement) continue
      byStatement.set(position.statement, [...(byStatement.get(position.statement) ?? []), position])
    }
    return [...byStatement].map(([statement, positions]) => ({ vuln, statement, positions }))
  })
}

/** Where a product without a purl is named: a stable IRI under the instance, ending in its name. */
export const productIri = (namespace: string, product: string) =>
  `${namespace.replace(/\/+$/, '')}/vex/products/${encodeURIComponent(product)}`

/** The name back from such an IRI (its last segment), or null when it is not one of ours. */
export function productNameOfIri(iri: string): string | null {
  const match = /\/vex\/products\/([^/?#]+)$/.exec(iri)
  if (!match) return null
  try {
    return decodeURIComponent(match[1]!)
  } catch {
    return null
  }
}

/** The action an affected product's statement names, in words. */
export function actionWords(statement: AdvisoryStatement): string {
  const fixed = statement.fixedVersions.length > 0 ? `Update to ${statement.fixedVersions.join(', ')}.` : null
  return [fixed, statement.remediation].filter(Boolean).join(' ') || 'No fix has been announced yet.'
}
