// CSAF export: the VEX profile's rules checked directly (every affected product has an action,
// every unaffected one an impact statement, every product one status), the product tree and its
// ids, and the document fields the brief names. Schema and mandatory tests: validate.test.ts.
import { describe, expect, it } from 'vitest'
import { scoreCvss } from '../cvss.js'
import { csafFilename, toCsaf } from './csaf.js'
import { validateCsaf } from './validate.js'
import {
  allSnapshots,
  sendmailSnapshot,
  widgetrySnapshot,
  withCpeNames,
} from '../../../test/support/advisorySnapshots.js'
import type { AdvisorySnapshot } from './snapshot.js'

interface Product {
  name: string
  product_id: string
  product_identification_helper?: { purl?: string; cpe?: string }
}
interface Branch {
  category: string
  name: string
  branches?: Branch[]
  product?: Product
}
interface Vulnerability {
  cve?: string
  cwe?: { id: string; name: string }
  ids: { system_name: string; text: string }[]
  product_status: Record<string, string[]>
  flags?: { label: string; product_ids: string[] }[]
  threats?: { category: string; details: string; product_ids: string[] }[]
  remediations?: { category: string; details: string; product_ids: string[]; url?: string }[]
  scores?: { products: string[]; cvss_v3: Record<string, unknown> }[]
}
interface Csaf {
  document: Record<string, unknown> & {
    tracking: Record<string, unknown>
    publisher: Record<string, unknown>
    distribution: { tlp: { label: string; url: string } }
  }
  product_tree: { branches: Branch[] }
  vulnerabilities: Vulnerability[]
}

const csafOf = (snapshot: AdvisorySnapshot) => toCsaf(snapshot) as Csaf

function productsOf(branches: Branch[], path: string[] = []): { product: Product; path: string[]; category: string }[] {
  return branches.flatMap((branch) => [
    ...(branch.product ? [{ product: branch.product, path: [...path, branch.name], category: branch.category }] : []),
    ...productsOf(branch.branches ?? [], [...path, branch.name]),
  ])
}

describe.each(allSnapshots.map((s) => [s.id, s] as const))('CSAF of %s', (_id, snapshot) => {
  const doc = csafOf(snapshot)
  const products = productsOf(doc.product_tree.branches)
  const ids = products.map((p) => p.product.product_id)

  it('is a final VEX document with the snapshot tracking data, public (TLP:WHITE) and from a coordinator', () => {
    expect(doc.document.category).toBe('csaf_vex')
    expect(doc.document.csaf_version).toBe('2.0')
    expect(doc.document.distribution.tlp).toEqual({ label: 'WHITE', url: 'https://www.first.org/tlp/' })
    expect(doc.document.publisher).toMatchObject({
      category: 'coordinator',
      name: snapshot.publisher.name,
      namespace: snapshot.publisher.namespace,
    })
    const tracking = doc.document.tracking
    expect(tracking).toMatchObject({
      id: snapshot.id,
      status: 'final',
      initial_release_date: snapshot.initialReleaseDate,
      current_release_date: snapshot.currentReleaseDate,
      version: snapshot.revisions.at(-1)!.number,
      generator: { engine: { name: 'Lockstep' } },
    })
    expect(tracking.revision_history).toEqual(
      snapshot.revisions.map((r) => ({ date: r.date, number: r.number, summary: r.summary })),
    )
  })

  it('numbers its products CSAFPID-0001... in the order of the tree, each once', () => {
    expect(ids).toEqual(ids.map((_, i) => `CSAFPID-${String(i + 1).padStart(4, '0')}`))
  })

  it('branches vendor → product name → version or range', () => {
    for (const { path, category } of products) {
      expect(path.length === 2 || path.length === 3).toBe(true)
      if (path.length === 3) expect(['product_version', 'product_version_range']).toContain(category)
      else expect(category).toBe('product_name')
    }
    for (const vendor of doc.product_tree.branches) expect(vendor.category).toBe('vendor')
  })

  it.each(snapshot.vulnerabilities.map((v, i) => [v.key, i] as const))(
    '%s: every product it names is in the tree and in exactly one status',
    (_key, i) => {
      const vuln = doc.vulnerabilities[i]!
      const listed = Object.values(vuln.product_status).flat()
      expect(new Set(listed).size).toBe(listed.length)
      for (const id of [
        ...listed,
        ...(vuln.flags ?? []).flatMap((f) => f.product_ids),
        ...(vuln.threats ?? []).flatMap((t) => t.product_ids),
        ...(vuln.remediations ?? []).flatMap((r) => r.product_ids),
        ...(vuln.scores ?? []).flatMap((s) => s.products),
      ])
        expect(ids).toContain(id)
      for (const status of Object.keys(vuln.product_status))
        expect(['known_affected', 'known_not_affected', 'fixed', 'under_investigation']).toContain(status)
    },
  )

  it.each(snapshot.vulnerabilities.map((v, i) => [v.key, i] as const))(
    '%s: VEX profile — an action for each affected product, an impact statement for each unaffected one',
    (_key, i) => {
      const vuln = doc.vulnerabilities[i]!
      const remediated = new Set((vuln.remediations ?? []).flatMap((r) => r.product_ids))
      for (const id of vuln.product_status.known_affected ?? [])
        expect(remediated, `${id} has no remediation`).toContain(id)
      const flagged = new Set((vuln.flags ?? []).flatMap((f) => f.product_ids))
      const impacts = new Set((vuln.threats ?? []).filter((t) => t.category === 'impact').flatMap((t) => t.product_ids))
      for (const id of vuln.product_status.known_not_affected ?? [])
        expect(flagged.has(id) || impacts.has(id), `${id} has no flag or impact`).toBe(true)
      // One justification flag per product (CSAF 6.1.33).
      const flaggedIds = (vuln.flags ?? []).flatMap((f) => f.product_ids)
      expect(new Set(flaggedIds).size).toBe(flaggedIds.length)
    },
  )

  it('carries CVE, CWE and the CVSS 3.1 score of each vulnerability, and no CVSS 4.0 (not in CSAF 2.0)', () => {
    snapshot.vulnerabilities.forEach((source, i) => {
      const vuln = doc.vulnerabilities[i]!
      expect(vuln.cve).toBe(source.cve ?? undefined)
      expect(vuln.cwe).toEqual(source.cwe && source.cweName ? { id: source.cwe, name: source.cweName } : undefined)
      expect(vuln.ids).toEqual([
        {
          system_name: snapshot.publisher.name,
          text: source.key === 'V1' ? snapshot.id : `${snapshot.id}-${source.key.slice(1)}`,
        },
      ])
      const v3 = source.cvss.find((c) => c.version === '3.1')
      const scores = vuln.scores ?? []
      if (v3 && (vuln.product_status.known_affected ?? []).length > 0)
        expect(scores).toEqual([
          {
            products: vuln.product_status.known_affected,
            cvss_v3: {
              version: '3.1',
              vectorString: v3.vector,
              baseScore: v3.baseScore,
              baseSeverity: v3.baseSeverity,
            },
          },
        ])
      else expect(scores).toEqual([])
    })
    expect(JSON.stringify(doc)).not.toContain('CVSS:4.0')
  })
})

describe('CSAF of the sendmail case', () => {
  const doc = csafOf(sendmailSnapshot)

  it('labels the draft its parties take before the release with the case’s TLP, as a draft of version 0', () => {
    const draft = toCsaf(
      {
        ...sendmailSnapshot,
        revisions: [{ number: '0', date: sendmailSnapshot.initialReleaseDate, summary: 'Draft' }],
      },
      { tlp: 'RED' },
    ) as Csaf
    expect(draft.document.distribution.tlp.label).toBe('RED')
    expect(draft.document.tracking).toMatchObject({ status: 'draft', version: '0' })
  })

  it('carries the CWE with its catalogue name when the snapshot knows only the ID, as OSV and CVE do', () => {
    const bare: AdvisorySnapshot = {
      ...sendmailSnapshot,
      vulnerabilities: sendmailSnapshot.vulnerabilities.map((v) => ({ ...v, cwe: 'CWE-787', cweName: null })),
    }
    const out = toCsaf(bare) as Csaf
    expect(out.vulnerabilities[0]!.cwe).toEqual({ id: 'CWE-787', name: 'Out-of-bounds Write' })
    // An ID the CWE list does not know cannot be named, so CSAF leaves it out rather than fail 6.1.11.
    const unknown = toCsaf({
      ...bare,
      vulnerabilities: bare.vulnerabilities.map((v) => ({ ...v, cwe: 'CWE-9999999' })),
    }) as Csaf
    expect(unknown.vulnerabilities[0]!.cwe).toBeUndefined()
  })

  const products = productsOf(doc.product_tree.branches)
  const idOf = (name: string) => products.find((p) => p.product.name === name)!.product.product_id
  const vuln = doc.vulnerabilities[0]!

  it('lists the upstream range and its fix with their purls, and each stating vendor as a whole', () => {
    expect(
      products.map((p) => [
        p.product.product_id,
        p.product.name,
        p.product.product_identification_helper?.purl ?? null,
      ]),
    ).toEqual([
      ['CSAFPID-0001', 'Sendmail Consortium sendmail vers:generic/>=5.2|<8.12.8', 'pkg:generic/sendmail'],
      ['CSAFPID-0002', 'Sendmail Consortium sendmail 8.12.8', 'pkg:generic/sendmail@8.12.8'],
      ['CSAFPID-0003', 'Red Hat products', null],
      ['CSAFPID-0004', 'Cray Inc. products', null],
      ['CSAFPID-0005', 'Cisco Systems products', null],
    ])
  })

  it('puts each vendor where its statement says', () => {
    expect(vuln.product_status).toEqual({
      fixed: [idOf('Sendmail Consortium sendmail 8.12.8')],
      known_affected: [idOf('Sendmail Consortium sendmail vers:generic/>=5.2|<8.12.8'), idOf('Red Hat products')],
      known_not_affected: [idOf('Cray Inc. products')],
      under_investigation: [idOf('Cisco Systems products')],
    })
    expect(vuln.flags).toEqual([{ label: 'component_not_present', product_ids: [idOf('Cray Inc. products')] }])
  })

  it('gives the vendor fix with the fixed version, and Red Hat its own remediation', () => {
    expect(vuln.remediations).toEqual([
      {
        category: 'vendor_fix',
        details:
          'Fixed in 8.12.8. Upgrade to sendmail 8.12.8, or apply the patch for 8.9, 8.10, 8.11 or 8.12 from the release notes.',
        product_ids: ['CSAFPID-0001', 'CSAFPID-0002'],
        url: 'https://www.sendmail.org/8.12.8.html',
      },
      {
        category: 'vendor_fix',
        details: 'Install the updated sendmail packages of RHSA-2003:073.',
        product_ids: ['CSAFPID-0003'],
        url: 'https://access.redhat.com/errata/RHSA-2003:073',
      },
      {
        category: 'none_available',
        details: 'The vendor is investigating whether the product is affected; no fix has been announced.',
        product_ids: ['CSAFPID-0005'],
      },
    ])
  })

  it('writes every object with its keys in alphabetical order (CSAF 6.2.13)', () => {
    const unsorted: string[] = []
    const walk = (node: unknown, at: string) => {
      if (Array.isArray(node)) return node.forEach((item, i) => walk(item, `${at}/${i}`))
      if (node === null || typeof node !== 'object') return
      const keys = Object.keys(node)
      if (keys.join() !== [...keys].sort().join()) unsorted.push(at)
      for (const key of keys) walk((node as Record<string, unknown>)[key], `${at}/${key}`)
    }
    walk(doc, '')
    expect(unsorted).toEqual([])
  })

  it('credits ISS X-Force and notes overview, description, impact and solution', () => {
    expect(doc.document.acknowledgments).toEqual([{ names: ['ISS X-Force'], summary: 'found and reported the flaw' }])
    expect((doc.document.notes as { title: string }[]).map((n) => n.title)).toEqual([
      'Overview',
      'Description',
      'Impact',
      'Solution',
    ])
  })

  it('refers to its own page and CSAF file first', () => {
    expect((doc.document.references as { url: string; category: string }[]).slice(0, 2)).toEqual([
      expect.objectContaining({ category: 'self', url: 'https://lockstep.example/advisories/LSA-2003-0001' }),
      expect.objectContaining({
        category: 'self',
        url: 'https://lockstep.example/.well-known/csaf/white/2003/lsa-2003-0001.json',
      }),
    ])
  })
})

describe('CSAF product tree edge cases (widgetry)', () => {
  const doc = csafOf(widgetrySnapshot)
  const products = productsOf(doc.product_tree.branches)
  const byName = (name: string) => products.find((p) => p.product.name === name)

  it('lists a product twice named only once: one node, one range per vulnerability', () => {
    const server = products.filter((p) => p.path[1] === 'widgetry-server').map((p) => p.path[2])
    expect(server).toEqual(['vers:pypi/<1.8.3', 'vers:pypi/1.9.0|1.9.1', '1.8.3', '1.9.2'])
  })

  it('names the versions of a product recorded without a range beside its fix', () => {
    expect(byName('Example Appliances Widgetry Appliance (versions without the fix)')).toMatchObject({
      category: 'product_version_range',
    })
    expect(byName('Example Appliances Widgetry Appliance 5.0')?.product.product_identification_helper?.purl).toBe(
      'pkg:generic/widgetry-appliance@5.0',
    )
  })

  it('encodes purl versions (Debian "+")', () => {
    expect(byName('Debian widgetry 2.4.1-1+deb12u1')?.product.product_identification_helper?.purl).toBe(
      'pkg:deb/debian/widgetry@2.4.1-1%2Bdeb12u1',
    )
  })

  it('gives an affected product without a fix "none_available", and a product all say is unaffected no score', () => {
    const cli = doc.vulnerabilities[6]!
    expect(cli.remediations).toEqual([
      {
        category: 'none_available',
        details: 'No fix has been announced for this product yet.',
        product_ids: cli.product_status.known_affected,
      },
    ])
    const appliance = doc.vulnerabilities[7]!
    expect(appliance.remediations?.at(-1)).toMatchObject({
      category: 'none_available',
      product_ids: appliance.product_status.under_investigation,
    })
    const legacy = doc.vulnerabilities[9]!
    expect(Object.keys(legacy.product_status)).toEqual(['known_not_affected'])
    expect(legacy.scores).toBeUndefined()
    expect(legacy.flags?.map((f) => f.label)).toEqual([
      'vulnerable_code_not_present',
      'inline_mitigations_already_exist',
    ])
  })

  it('has an id for a vulnerability without CVE (CSAF 6.1.27.8)', () => {
    expect(doc.vulnerabilities[2]).toMatchObject({
      ids: [{ system_name: 'Example National CERT', text: 'LSA-2026-0002-3' }],
    })
    expect(doc.vulnerabilities[2]!.cve).toBeUndefined()
  })
})

describe('csafFilename (CSAF 2.0 §5.1)', () => {
  it.each([
    ['LSA-2026-0001', 'lsa-2026-0001.json'],
    ['Example Company - 2019-YH3234', 'example_company_-_2019-yh3234.json'],
    ['RHBA-2019:0024', 'rhba-2019_0024.json'],
    ['cisco-sa-20190513-secureboot', 'cisco-sa-20190513-secureboot.json'],
    ['A+B/C.D', 'a+b_c_d.json'],
  ])('%s → %s', (id, name) => expect(csafFilename(id)).toBe(name))
})

describe('the fixtures', () => {
  it('carry CVSS scores and severities that match their vectors (CSAF 6.1.9 computes them)', () => {
    for (const snapshot of allSnapshots)
      for (const vuln of snapshot.vulnerabilities)
        for (const cvss of vuln.cvss) {
          const scored = scoreCvss(cvss.vector)
          expect(scored.ok && [scored.version, scored.baseScore, scored.severity.toUpperCase()]).toEqual([
            cvss.version,
            cvss.baseScore,
            cvss.baseSeverity,
          ])
        }
  })
})

// The case editor refuses a CPE name no format can carry, but imported CSAF or OSV and rows
// stored before it did may hold one: the release's CSAF check must not fail on it.
describe('CSAF of products with CPE names', () => {
  const named = withCpeNames(widgetrySnapshot)
  const cannotCarry = [
    'cpe:2.3:a:example_appliances:widgetry\\ appliance:*:*:*:*:*:*:*:*',
    'cpe:2.3:a:example_appliances:widgetry_appli\\ä nce:*:*:*:*:*:*:*:*',
    'cpe:/a:example_appliances:widgetry%20appliance',
  ]

  it('names each product by its CPE name, and the fixed versions by the CPE name of that version', async () => {
    const products = productsOf(csafOf(named).product_tree.branches)
    const byName = (name: string) => products.find((p) => p.product.name === name)
    expect(byName('Example Appliances Widgetry Appliance 5.0')?.product.product_identification_helper?.cpe).toBe(
      'cpe:2.3:a:example_appliances:widgetry_appliance:5.0:*:*:*:*:*:*:*',
    )
    expect(await validateCsaf(csafOf(named))).toEqual([])
  })

  it.each(cannotCarry)('leaves out %j, which CSAF cannot carry, and stays valid', async (cpe) => {
    const oldData: AdvisorySnapshot = {
      ...named,
      vulnerabilities: named.vulnerabilities.map((v) => ({
        ...v,
        affected: v.affected.map((a) => (a.product === 'Widgetry Appliance' ? { ...a, cpe } : a)),
      })),
    }
    const doc = csafOf(oldData)
    const appliance = productsOf(doc.product_tree.branches).filter((p) => p.path[1] === 'Widgetry Appliance')
    expect(appliance.length).toBeGreaterThan(0)
    for (const p of appliance) expect(p.product.product_identification_helper?.cpe).toBeUndefined()
    expect(JSON.stringify(doc)).not.toContain('widgetry\\\\ appliance')
    expect(await validateCsaf(doc)).toEqual([])
  })
})

describe("CSAF naming the same case's advisory on a peer instance (federation)", () => {
  const peerPage = 'https://cert-b.example/advisories/LSA-2026-0042'
  const doc = csafOf({
    ...sendmailSnapshot,
    peerAdvisories: [{ id: 'LSA-2026-0042', url: peerPage, publisher: 'CERT-B', osv: [] }],
  })

  it("lists the peer's advisory in document.references as external, and stays valid", async () => {
    expect(doc.document.references).toContainEqual({
      category: 'external',
      summary: "LSA-2026-0042: the same case's advisory by CERT-B",
      url: peerPage,
    })
    expect(await validateCsaf(doc)).toEqual([])
    expect(JSON.stringify(csafOf(sendmailSnapshot).document.references)).not.toContain('cert-b.example')
  })
})
