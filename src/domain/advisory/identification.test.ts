// Consistent documents (issue 16, item 2): every product of the CSAF product tree that the snapshot
// knows a purl or CPE name of carries it as its identification helper, the same packages appear in
// OSV by purl, and the formats name one another by the readable ids. The CSAF document still
// passes the strict schema and every mandatory test with the CPE names in it.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { toCsaf } from './csaf.js'
import { toOsv } from './osv.js'
import { advisoryLinks } from './links.js'
import { validateCsaf, validateOsv } from './validate.js'
import { allSnapshots, widgetrySnapshot } from '../../../test/support/advisorySnapshots.js'
import type { AdvisorySnapshot } from './snapshot.js'

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
const osvSchema = JSON.parse(
  readFileSync(path.resolve(process.cwd(), '../shared/conformance/osv/validation/schema.json'), 'utf8'),
) as object

/** Every full_product_name of the tree, wherever it hangs. */
function productsOf(branches: Json[] = []): Json[] {
  return branches.flatMap((b) => [...(b.product ? [b.product] : []), ...productsOf(b.branches)])
}

// The widgetry advisory with a CPE name known for its first product.
const widgetryCpe = 'cpe:2.3:a:widgetry:core:*:*:*:*:*:*:*:*'
const withCpe: AdvisorySnapshot = {
  ...widgetrySnapshot,
  vulnerabilities: widgetrySnapshot.vulnerabilities.map((v, i) =>
    i === 0 ? { ...v, affected: v.affected.map((a, j) => (j === 0 ? { ...a, cpe: widgetryCpe } : a)) } : v,
  ),
}

describe('product identification helpers', () => {
  it.each(allSnapshots.map((s) => [s.id, s] as const))(
    '%s: every product whose purl the snapshot knows carries it, and OSV lists the same packages',
    (_id, snapshot) => {
      const csaf = toCsaf(snapshot) as Json
      const products = productsOf(csaf.product_tree.branches)
      const known = new Set(
        snapshot.vulnerabilities.flatMap((v) => v.affected.flatMap((a) => (a.purl ? [a.purl] : []))),
      )
      for (const purl of known) {
        const carrying = products.filter((p) =>
          String(p.product_identification_helper?.purl ?? '').startsWith(purl.split('?')[0]!),
        )
        expect(carrying.length, `no CSAF product carries ${purl}`).toBeGreaterThan(0)
      }
      // OSV's packages are among the purls CSAF identifies its products by (OSV gives no version).
      const csafPurls = new Set(products.map((p) => String(p.product_identification_helper?.purl ?? '').split('@')[0]))
      for (const doc of toOsv(snapshot) as Json[])
        for (const affected of doc.affected ?? []) expect(csafPurls).toContain(affected.package.purl.split('@')[0])
    },
  )

  it('carries the CPE name where one is known, with the version for a fixed version, and stays valid', async () => {
    const csaf = toCsaf(withCpe) as Json
    const products = productsOf(csaf.product_tree.branches)
    const withCpeName = products.filter((p) => p.product_identification_helper?.cpe)
    expect(withCpeName.map((p) => p.product_identification_helper.cpe)).toContain(widgetryCpe)
    for (const p of withCpeName) expect(p.product_identification_helper.purl).toMatch(/^pkg:npm\/%40widgetry\/core/)
    const fixed = withCpeName.find((p) => p.product_identification_helper.cpe !== widgetryCpe)
    expect(fixed?.product_identification_helper).toEqual({
      cpe: 'cpe:2.3:a:widgetry:core:2.4.1:*:*:*:*:*:*:*',
      purl: 'pkg:npm/%40widgetry/core@2.4.1',
    })
    expect(await validateCsaf(csaf)).toEqual([])
    // The products nobody gave a CPE name keep their purl alone.
    expect(JSON.stringify(toCsaf(widgetrySnapshot))).not.toContain('"cpe"')
  })
})

describe('readable ids across the formats', () => {
  it('OSV records are x_ and the advisory id, valid, and the CSAF document links each one by its id', () => {
    const csaf = toCsaf(widgetrySnapshot) as Json
    const links = advisoryLinks(widgetrySnapshot)
    const osv = toOsv(widgetrySnapshot) as Json[]
    expect(osv[0]!.id).toBe('x_LSA-2026-0002')
    expect(osv[1]!.id).toBe('x_LSA-2026-0002-2')
    widgetrySnapshot.vulnerabilities.forEach((v, i) => {
      const doc = osv[i]!
      expect(validateOsv(doc, osvSchema)).toEqual([])
      expect(links.osv[v.key]).toBe(`https://lockstep.example/osv/${doc.id}.json`)
      expect(csaf.vulnerabilities[i].ids[0].text).toBe(doc.id.slice(2))
      expect(csaf.vulnerabilities[i].references).toContainEqual({
        category: 'self',
        summary: `${doc.id} in OSV`,
        url: links.osv[v.key],
      })
      // And OSV points back to the CSAF document.
      expect(doc.references).toContainEqual({ type: 'ADVISORY', url: links.csaf })
    })
  })
})
