// The three VEX exporters (CSAF 2.0 VEX, OpenVEX 0.2.0, CycloneDX 1.6) and their readers: every
// document written passes its official schema (CSAF also every mandatory test), says each
// vendor's statement as the vendor gave it, and reads back to the same statements; documents
// that are not VEX, and statements the case cannot take, are refused with the reason.
import { describe, expect, it } from 'vitest'
import { readConformance, validateCycloneDx16, validateOpenVex } from '../../../test/support/vexSchemas.js'
import { validateCsaf } from '../advisory/validate.js'
import { toCsafVex } from './csafVex.js'
import { toCycloneDxVex } from './cycloneDxVex.js'
import { matchVexStatements, packageOfPurl, type VulnerabilityToMatch } from './matchStatements.js'
import { toOpenVex } from './openVex.js'
import { readVexDocument } from './readVexDocument.js'
import { vexSnapshot, type VexCase, type VexCaseStatement } from './vexCase.js'

const statement = (s: Partial<VexCaseStatement> & Pick<VexCaseStatement, 'vendor' | 'status'>): VexCaseStatement => ({
  caseVulnerabilityId: 'LS-2026-0007',
  justification: null,
  fixedVersions: [],
  remediation: null,
  references: [],
  date: '2003-02-28T12:00:00.000Z',
  ...s,
})

const sendmailCase: VexCase = {
  caseNumber: 'LS-2026-0007',
  title: 'Remote buffer overflow in sendmail',
  summary: 'A header-parsing flaw in sendmail lets a remote attacker run code as root.',
  publisher: {
    name: 'Lockstep CERT',
    namespace: 'https://lockstep.example',
    contactDetails: 'security@lockstep.example',
  },
  issued: '2003-03-01T09:00:00.000Z',
  vulnerabilities: [
    {
      caseVulnerabilityId: 'LS-2026-0007',
      cve: 'CVE-2002-1337',
      title: 'crackaddr() overflow',
      description: 'A buffer overflow in the address parser.',
      cwe: 'CWE-120',
      affected: [
        {
          vendor: 'Sendmail Consortium',
          product: 'sendmail',
          purl: 'pkg:generic/sendmail',
          range: 'vers:generic/<8.12.8',
        },
        { vendor: 'Red Hat', product: 'Red Hat Linux', purl: null, range: null },
      ],
    },
    {
      caseVulnerabilityId: 'LS-2026-0007-2',
      cve: null,
      title: 'prescan() overflow',
      description: '',
      cwe: null,
      affected: [],
    },
  ],
  statements: [
    statement({
      vendor: 'Sendmail Consortium',
      status: 'fixed',
      fixedVersions: ['8.12.8'],
      remediation: 'Apply the patch to earlier branches.',
      references: ['https://www.sendmail.org/8.12.8.html'],
    }),
    statement({ vendor: 'Red Hat', status: 'affected' }),
    statement({ vendor: 'Cray', status: 'not_affected', justification: 'component_not_present' }),
    statement({ vendor: 'Sendmail Consortium', status: 'under_investigation', caseVulnerabilityId: 'LS-2026-0007-2' }),
  ],
}

const snapshot = vexSnapshot(sendmailCase)
const documents = {
  csaf: toCsafVex(snapshot, 'AMBER'),
  openvex: toOpenVex(snapshot, 'https://lockstep.example/cases/LS-2026-0007/vex/2003-03-01'),
  cyclonedx: toCycloneDxVex(snapshot),
}

const toMatch: VulnerabilityToMatch[] = sendmailCase.vulnerabilities.map((v, i) => ({
  id: `00000000-0000-4000-8000-00000000000${i + 1}`,
  cve: v.cve,
  caseVulnerabilityId: v.caseVulnerabilityId,
  affected: v.affected,
}))
const vendor = (name: string, purls: string[] = []) => ({ name, purls, productNames: [] })

describe('the VEX documents of a case', () => {
  it('CSAF VEX passes the strict schema and every mandatory test, as a TLP:AMBER draft', async () => {
    expect(await validateCsaf(documents.csaf)).toEqual([])
    const doc = documents.csaf as { document: { category: string; distribution: { tlp: { label: string } } } }
    expect(doc.document.category).toBe('csaf_vex')
    expect(doc.document.distribution.tlp.label).toBe('AMBER')
  })

  it('OpenVEX passes the OpenVEX 0.2.0 schema', () => {
    expect(validateOpenVex(documents.openvex)).toEqual([])
  })

  it('CycloneDX VEX passes the CycloneDX 1.6 schema', () => {
    expect(validateCycloneDx16(documents.cyclonedx)).toEqual([])
  })

  it("OpenVEX says each vendor's statement: CVE with the case's id as alias, purls, justification, action", () => {
    const doc = documents.openvex as { statements: Record<string, unknown>[] }
    expect(doc.statements).toHaveLength(4)
    const bySupplier = (name: string) => doc.statements.filter((s) => s.supplier === name)
    expect(bySupplier('Sendmail Consortium')[0]).toMatchObject({
      vulnerability: { name: 'CVE-2002-1337', aliases: ['LS-2026-0007'] },
      products: [{ '@id': 'pkg:generic/sendmail', identifiers: { purl: 'pkg:generic/sendmail' } }],
      status: 'fixed',
      status_notes: 'Update to 8.12.8. Apply the patch to earlier branches.',
    })
    expect(bySupplier('Red Hat')[0]).toMatchObject({
      status: 'affected',
      action_statement: 'No fix has been announced yet.',
      products: [{ '@id': 'https://lockstep.example/vex/products/Red%20Hat%20Linux' }],
    })
    expect(bySupplier('Cray')[0]).toMatchObject({ status: 'not_affected', justification: 'component_not_present' })
    expect(bySupplier('Sendmail Consortium')[1]).toMatchObject({
      vulnerability: { name: 'LS-2026-0007-2' },
      status: 'under_investigation',
    })
  })

  it('CycloneDX says the state, justification and response, and affects components it lists', () => {
    const doc = documents.cyclonedx as {
      components: { 'bom-ref': string; name: string; purl?: string }[]
      vulnerabilities: {
        id: string
        analysis: Record<string, unknown>
        affects: { ref: string; versions?: unknown[] }[]
      }[]
    }
    const refs = new Set(doc.components.map((c) => c['bom-ref']))
    for (const v of doc.vulnerabilities) for (const a of v.affects) expect(refs.has(a.ref)).toBe(true)
    expect(doc.vulnerabilities.map((v) => [v.id, v.analysis.state, v.analysis.justification ?? null])).toEqual([
      ['CVE-2002-1337', 'resolved', null],
      ['CVE-2002-1337', 'exploitable', null],
      ['CVE-2002-1337', 'not_affected', 'requires_dependency'],
      ['LS-2026-0007-2', 'in_triage', null],
    ])
    const fixed = doc.vulnerabilities.find((v) => v.analysis.state === 'resolved')!
    expect(fixed.affects[0]!.versions).toEqual([{ version: '8.12.8', status: 'unaffected' }])
  })

  it.each(Object.entries(documents))('%s reads back to the statements each vendor made', (_format, doc) => {
    const read = readVexDocument(doc)
    if (!read.ok) throw new Error(JSON.stringify(read.problems))
    for (const name of ['Sendmail Consortium', 'Red Hat', 'Cray']) {
      const { taken } = matchVexStatements(read.statements, vendor(name), toMatch)
      const given = sendmailCase.statements.filter((s) => s.vendor === name)
      expect(
        taken.map((t) => [t.vulnerability, t.statement.status, t.statement.justification, t.statement.fixedVersions]),
      ).toEqual(
        given.map((s) => [
          s.caseVulnerabilityId === 'LS-2026-0007' ? 'CVE-2002-1337' : 'LS-2026-0007-2',
          s.status,
          s.justification,
          s.fixedVersions,
        ]),
      )
    }
  })
})

const openVexHead = {
  '@context': 'https://openvex.dev/ns/v0.2.0',
  '@id': 'https://vendor.example/vex/1',
  author: 'Vendor PSIRT',
  timestamp: '2026-12-01T00:00:00Z',
  version: 1,
}

describe('reading VEX documents', () => {
  it("reads CycloneDX's own VEX example, its products by purl", () => {
    const example = readConformance('cyclonedx/examples/VEX/vex.json')
    const read = readVexDocument(example)
    if (!read.ok) throw new Error(JSON.stringify(read.problems))
    expect(read.format).toBe('cyclonedx')
    expect(read.statements[0]!.vulnerabilityIds[0]).toBe('CVE-2020-25649')
    expect(read.statements[0]!).toMatchObject({
      status: 'not_affected',
      justification: 'vulnerable_code_not_in_execute_path',
      products: [{ purl: 'pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.10.0?type=jar' }],
    })
  })

  it('refuses what is not a VEX document, and a VEX document without statements, naming the field', () => {
    expect(readVexDocument({ hello: 'world' })).toMatchObject({ ok: false, problems: [{ field: 'document' }] })
    expect(readVexDocument([])).toMatchObject({ ok: false })
    expect(readVexDocument({ ...openVexHead, statements: [] })).toMatchObject({
      ok: false,
      problems: [{ field: 'statements' }],
    })
    expect(readVexDocument({ ...openVexHead, statements: [{ status: 'affected' }] })).toMatchObject({
      ok: false,
      problems: [{ field: 'statements/0/vulnerability/name' }],
    })
    expect(readVexDocument({ '@context': 'https://openvex.dev/ns/v0.2.0', version: 0, statements: [] })).toMatchObject({
      ok: false,
      problems: [
        { field: '@id' },
        { field: 'author' },
        { field: 'timestamp' },
        { field: 'version' },
        { field: 'statements' },
      ],
    })
    expect(
      readVexDocument({ bomFormat: 'CycloneDX', specVersion: '1.6', vulnerabilities: [{ id: 'CVE-1' }] }),
    ).toMatchObject({ ok: false, problems: [{ field: 'vulnerabilities/0/analysis' }] })
    expect(readVexDocument({ document: { csaf_version: '2.0', category: 'csaf_base' } })).toMatchObject({
      ok: false,
      problems: [{ field: 'document/category' }, { field: 'vulnerabilities' }],
    })
  })
})

describe('matching statements to the case', () => {
  const openVex = (statements: object[]) => {
    const read = readVexDocument({ ...openVexHead, statements })
    if (!read.ok) throw new Error(JSON.stringify(read.problems))
    return read.statements
  }
  const sendmail = { '@id': 'pkg:generic/sendmail@8.12.7' }

  it('takes a statement on a known vulnerability and product, by CVE ID or the case id, the version aside', () => {
    const { taken, refused } = matchVexStatements(
      openVex([
        { vulnerability: { name: 'cve-2002-1337' }, products: [sendmail], status: 'affected', action_statement: 'x' },
        { vulnerability: { name: 'LS-2026-0007-2' }, products: [sendmail], status: 'under_investigation' },
      ]),
      vendor('Sendmail Consortium'),
      toMatch,
    )
    expect(refused).toEqual([])
    expect(taken.map((t) => [t.vulnerabilityId, t.statement.status])).toEqual([
      [toMatch[0]!.id, 'affected'],
      [toMatch[1]!.id, 'under_investigation'],
    ])
  })

  it('refuses unknown vulnerabilities and products, another vendor’s products, bad statuses and conflicts', () => {
    const { taken, refused } = matchVexStatements(
      openVex([
        { vulnerability: { name: 'CVE-2099-0001' }, products: [sendmail], status: 'affected' },
        { vulnerability: { name: 'CVE-2002-1337' }, products: [{ '@id': 'pkg:npm/left-pad' }], status: 'affected' },
        {
          vulnerability: { name: 'CVE-2002-1337' },
          products: [{ '@id': 'https://lockstep.example/vex/products/Red%20Hat%20Linux' }],
          status: 'not_affected',
          justification: 'component_not_present',
        },
        { vulnerability: { name: 'CVE-2002-1337' }, products: [sendmail], status: 'fixed' },
        { vulnerability: { name: 'CVE-2002-1337' }, products: [sendmail], status: 'exploitable' },
        { vulnerability: { name: 'CVE-2002-1337' }, products: [sendmail], status: 'under_investigation' },
        { vulnerability: { name: 'CVE-2002-1337' }, products: [sendmail], status: 'affected' },
      ]),
      vendor('Sendmail Consortium'),
      toMatch,
    )
    expect(taken.map((t) => t.statement.status)).toEqual(['under_investigation'])
    expect(refused.map((r) => [r.at, r.reason.split(':')[0]])).toEqual([
      ['statements/0', 'unknown vulnerability'],
      ['statements/1', 'unknown product'],
      ['statements/2', "another vendor's product"],
      ['statements/3', 'bad status'],
      ['statements/4', 'bad status'],
      ['statements/6', 'conflicts with statements/5, which says under_investigation for the same vulnerability'],
    ])
    expect(refused[3]!.reason).toContain('fixedVersions')
  })

  it("takes the vendor's directory products by purl", () => {
    const { taken } = matchVexStatements(
      openVex([
        {
          vulnerability: { name: 'CVE-2002-1337' },
          products: [{ '@id': 'pkg:rpm/redhat/sendmail@8.12.5' }],
          status: 'under_investigation',
        },
      ]),
      vendor('Red Hat', ['pkg:rpm/redhat/sendmail']),
      toMatch,
    )
    expect(taken).toHaveLength(1)
  })

  it('names a package by its purl without version, qualifiers or subpath', () => {
    expect(packageOfPurl('PKG:npm/%40scope/name@1.2.3?arch=x86#lib')).toBe('pkg:npm/%40scope/name')
    expect(packageOfPurl('pkg:generic/sendmail')).toBe('pkg:generic/sendmail')
  })
})
