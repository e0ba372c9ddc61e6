// OSV export: one record per vulnerability, its id and aliases, severity types, and how products
// become `affected` entries (ecosystem, name, purl, ranges) or stay out of them.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { sendmailSnapshot, widgetrySnapshot } from '../../../test/support/advisorySnapshots.js'
import { toOsv } from './osv.js'
import { validateOsv } from './validate.js'

interface Osv {
  id: string
  aliases?: string[]
  modified: string
  published: string
  summary: string
  details: string
  severity?: { type: string; score: string }[]
  affected?: {
    package: { ecosystem: string; name: string; purl: string }
    ranges?: { type: string; events: Record<string, string>[] }[]
    versions?: string[]
  }[]
  references: { type: string; url: string }[]
  credits?: { name: string; type?: string }[]
  database_specific: Record<string, unknown>
}

const sendmail = toOsv(sendmailSnapshot) as Osv[]
const widgetry = toOsv(widgetrySnapshot) as Osv[]
const byKey = (key: string) => widgetry[widgetrySnapshot.vulnerabilities.findIndex((v) => v.key === key)]!

describe('OSV of the sendmail case', () => {
  const [doc] = sendmail

  it('is one record, x_ and the advisory id, aliased to the CVE ID, dated by the snapshot', () => {
    expect(sendmail).toHaveLength(1)
    expect(doc).toMatchObject({
      id: 'x_LSA-2003-0001',
      aliases: ['CVE-2002-1337'],
      published: sendmailSnapshot.initialReleaseDate,
      modified: sendmailSnapshot.currentReleaseDate,
      summary: 'Buffer overflow in sendmail crackaddr() header processing',
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
      credits: [{ name: 'ISS X-Force', type: 'FINDER' }],
    })
  })

  it('leaves pkg:generic/sendmail out of `affected` (no OSV ecosystem) and describes it instead', () => {
    expect(doc!.affected).toBeUndefined()
    expect(doc!.details).toContain(
      '- Sendmail Consortium: sendmail (vers:generic/>=5.2|<8.12.8), affected; fixed in 8.12.8',
    )
    expect(doc!.database_specific.other_affected_products).toContainEqual({
      vendor: 'Sendmail Consortium',
      product: 'sendmail',
      purl: 'pkg:generic/sendmail',
      vers: 'vers:generic/>=5.2|<8.12.8',
      status: 'fixed',
      fixed_versions: ['8.12.8'],
    })
  })

  it('keeps vendor statements and the CWE under database_specific, not-affected Cray out of the products', () => {
    expect(doc!.database_specific.cwe_ids).toEqual(['CWE-120'])
    expect((doc!.database_specific.vendor_statements as { vendor: string }[]).map((s) => s.vendor)).toEqual([
      'Sendmail Consortium',
      'Red Hat',
      'Cray Inc.',
      'Cisco Systems',
    ])
    expect(doc!.details).not.toContain('Cray')
  })

  it('refers to the advisory first, and to each statement once', () => {
    expect(doc!.references[0]).toEqual({ type: 'ADVISORY', url: 'https://lockstep.example/advisories/LSA-2003-0001' })
    const urls = doc!.references.map((r) => r.url)
    expect(new Set(urls).size).toBe(urls.length)
    expect(urls).toContain('https://access.redhat.com/errata/RHSA-2003:073')
  })
})

describe('OSV of the widgetry case', () => {
  it('writes one record per vulnerability, with aliases only for CVE IDs', () => {
    expect(widgetry.map((d) => d.id)).toEqual(
      widgetrySnapshot.vulnerabilities.map((_, i) => (i === 0 ? 'x_LSA-2026-0002' : `x_LSA-2026-0002-${i + 1}`)),
    )
    expect(byKey('V3').aliases).toBeUndefined()
    expect(byKey('V4').aliases).toEqual(['CVE-2026-10004'])
  })

  it.each([
    [
      'V1',
      'npm',
      '@widgetry/core',
      'pkg:npm/%40widgetry/core',
      [{ type: 'SEMVER', events: [{ introduced: '2.0.0' }, { fixed: '2.4.1' }] }],
    ],
    [
      'V2',
      'PyPI',
      'widgetry-server',
      'pkg:pypi/widgetry-server',
      [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.8.3' }] }],
    ],
    [
      'V3',
      'Maven',
      'org.widgetry:widgetry-xml',
      'pkg:maven/org.widgetry/widgetry-xml',
      [{ type: 'ECOSYSTEM', events: [{ introduced: '3.0.0' }, { last_affected: '3.2.4' }] }],
    ],
    [
      'V4',
      'Debian',
      'widgetry',
      'pkg:deb/debian/widgetry',
      [
        {
          type: 'ECOSYSTEM',
          events: [
            { introduced: '2.0.0-1' },
            { fixed: '2.3.0-2' },
            { introduced: '2.4.0-1' },
            { fixed: '2.4.1-1+deb12u1' },
          ],
        },
      ],
    ],
    [
      'V5',
      'AlmaLinux',
      'widgetry',
      'pkg:rpm/almalinux/widgetry',
      [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.4.1-1.el9' }] }],
    ],
    // Go module versions lose their "v" in SEMVER ranges.
    [
      'V6',
      'Go',
      'github.com/widgetry/widgetry-go',
      'pkg:golang/github.com/widgetry/widgetry-go',
      [{ type: 'SEMVER', events: [{ introduced: '1.2.0' }, { fixed: '1.5.3' }] }],
    ],
    ['V7', 'npm', 'widgetry-cli', 'pkg:npm/widgetry-cli', [{ type: 'SEMVER', events: [{ introduced: '0' }] }]],
  ])('%s: %s package %s with its ranges', (key, ecosystem, name, purl, ranges) => {
    const [first] = byKey(key).affected!
    expect(first!.package).toEqual({ ecosystem, name, purl })
    expect(first!.ranges).toEqual(ranges)
  })

  it('lists exact versions as `versions`, and leaves a range OSV cannot write (">1.0.0") to the details', () => {
    const doc = byKey('V9')
    expect(doc.affected).toHaveLength(1)
    expect(doc.affected![0]).toMatchObject({
      package: { ecosystem: 'PyPI', name: 'widgetry-server' },
      versions: ['1.9.0', '1.9.1'],
    })
    expect(doc.affected![0]!.ranges).toBeUndefined()
    expect(doc.details).toContain('widgetry-web (vers:maven/>1.0.0|<1.4.0)')
  })

  it('keeps a Fedora RPM (no OSV ecosystem without a release) out of `affected`, beside the AlmaLinux one', () => {
    const doc = byKey('V5')
    expect(doc.affected!.map((a) => a.package.ecosystem)).toEqual(['AlmaLinux'])
    expect(doc.details).toContain('Fedora Project: widgetry (vers:rpm/<2.4.1-1.fc40), affected; fixed in 2.4.1-1.fc40')
  })

  it('lists nothing as affected when every vendor says it is not', () => {
    expect(byKey('V10').affected).toBeUndefined()
  })

  it('gives CVSS 4.0 as CVSS_V4, both versions when both are scored', () => {
    expect(byKey('V2').severity).toEqual([
      { type: 'CVSS_V4', score: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N' },
    ])
    expect(byKey('V4').severity!.map((s) => s.type)).toEqual(['CVSS_V3', 'CVSS_V4'])
    expect(byKey('V7').severity).toBeUndefined()
  })

  it('credits with OSV types where the role is known', () => {
    expect(byKey('V1').credits).toEqual([
      { name: 'Jane Researcher', type: 'FINDER' },
      { name: 'Example National CERT', type: 'COORDINATOR' },
      { name: 'Fuzzotron', type: 'TOOL' },
      { name: 'An anonymous reviewer' },
    ])
  })
})

describe("OSV naming the same case's records on a peer instance (federation)", () => {
  const osvSchema = JSON.parse(
    readFileSync(path.resolve(process.cwd(), '../shared/conformance/osv/validation/schema.json'), 'utf8'),
  ) as object
  const peerPage = 'https://cert-b.example/advisories/LSA-2026-0042'
  const shared = toOsv({
    ...widgetrySnapshot,
    peerAdvisories: [
      {
        id: 'LSA-2026-0042',
        url: peerPage,
        publisher: 'CERT-B',
        osv: [
          { id: 'x_LSA-2026-0042', cve: null },
          { id: 'x_LSA-2026-0042-2', cve: 'CVE-2026-10002' },
          { id: 'x_LSA-2026-0042-3', cve: null },
        ],
      },
    ],
  }) as (Osv & { related?: string[] })[]
  const [v1, v2, v3] = shared

  it("aliases each record to the peer's record of the same vulnerability: same CVE ID, else same position", () => {
    expect(v1!.aliases).toEqual(['CVE-2026-10001', 'x_LSA-2026-0042'])
    expect(v2!.aliases).toEqual(['CVE-2026-10002', 'x_LSA-2026-0042-2'])
    expect(v3!.aliases).toEqual(['x_LSA-2026-0042-3'])
  })

  it("lists the peer's other records of the case as related, and its advisory page as a reference", () => {
    expect(v1!.related).toEqual(['x_LSA-2026-0042-2', 'x_LSA-2026-0042-3'])
    expect(v2!.related).toEqual(['x_LSA-2026-0042', 'x_LSA-2026-0042-3'])
    for (const record of shared) expect(record.references).toContainEqual({ type: 'ADVISORY', url: peerPage })
  })

  it('stays valid against the OSV schema, and names no peer when the case is not shared', () => {
    for (const record of shared) expect(validateOsv(record, osvSchema)).toEqual([])
    expect((widgetry[2] as Osv & { related?: string[] }).related).toBeUndefined()
    expect(widgetry[2]!.aliases).toBeUndefined()
  })
})

describe('a package whose purl type requires a version (cran, swift)', () => {
  // packageurl-js refuses to write such a purl without its version; the export must not fail for it.
  const withPurl = (purl: string) => ({
    ...widgetrySnapshot,
    vulnerabilities: widgetrySnapshot.vulnerabilities.map((v, i) =>
      i === 0 ? { ...v, affected: v.affected.map((a) => ({ ...a, purl, range: null })) } : v,
    ),
  })

  it('exports a CRAN package named with its version, under the CRAN ecosystem', () => {
    const [record] = toOsv(withPurl('pkg:cran/A3@1.0.0')) as Osv[]
    expect(record!.affected![0]!.package).toMatchObject({ ecosystem: 'CRAN', name: 'A3', purl: 'pkg:cran/A3' })
  })

  it('exports a Swift package named with its version', () => {
    expect(() => toOsv(withPurl('pkg:swift/github.com/Alamofire/Alamofire@5.4.3'))).not.toThrow()
  })
})
