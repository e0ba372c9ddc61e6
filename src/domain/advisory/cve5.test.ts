// CVE JSON 5.2 export: the record's metadata, the CNA container's products (with their purls and
// CPE names) and versions read from vers ranges, CPE applicability, problem type, metrics and
// references. Schema validation: validate.test.ts.
import { describe, expect, it } from 'vitest'
import { toCveRecord, toCveRecords, type CveNumberingAuthority } from './cve5.js'
import { sendmailSnapshot, widgetrySnapshot, withCpeNames } from '../../../test/support/advisorySnapshots.js'
import type { AdvisorySnapshot } from './snapshot.js'

const cna: CveNumberingAuthority = { orgId: 'b3476cb9-2e3d-41a6-98d0-0f47421a65b6', shortName: 'lockstep' }

interface CveRecord {
  dataType: string
  dataVersion: string
  cveMetadata: Record<string, unknown>
  containers: {
    cna: Record<string, unknown> & {
      affected: Record<string, unknown>[]
      references: { url: string; tags?: string[] }[]
    }
  }
}

const record = (snapshot = sendmailSnapshot, key = 'V1') =>
  toCveRecord(
    snapshot,
    snapshot.vulnerabilities.find((v) => v.key === key)!,
    cna,
  ) as CveRecord

describe('CVE record of CVE-2002-1337', () => {
  const doc = record()
  const container = doc.containers.cna

  it('is a PUBLISHED 5.2 record of the CNA, dated by the snapshot', () => {
    expect(doc.dataType).toBe('CVE_RECORD')
    expect(doc.dataVersion).toBe('5.2')
    expect(doc.cveMetadata).toEqual({
      cveId: 'CVE-2002-1337',
      assignerOrgId: cna.orgId,
      assignerShortName: 'lockstep',
      state: 'PUBLISHED',
      datePublished: sendmailSnapshot.initialReleaseDate,
      dateUpdated: sendmailSnapshot.currentReleaseDate,
    })
    expect(container.providerMetadata).toEqual({
      orgId: cna.orgId,
      shortName: 'lockstep',
      dateUpdated: sendmailSnapshot.currentReleaseDate,
    })
    expect(container.datePublic).toBe(sendmailSnapshot.initialReleaseDate)
  })

  it('reads the vers range as "5.2 up to 8.12.8" and gives each stating vendor its default status', () => {
    expect(container.affected).toEqual([
      {
        vendor: 'Sendmail Consortium',
        product: 'sendmail',
        packageURL: 'pkg:generic/sendmail',
        versions: [{ version: '5.2', status: 'affected', versionType: 'custom', lessThan: '8.12.8' }],
        defaultStatus: 'unaffected',
      },
      { vendor: 'Red Hat', product: 'Red Hat products', defaultStatus: 'affected' },
      { vendor: 'Cray Inc.', product: 'Cray Inc. products', defaultStatus: 'unaffected' },
      { vendor: 'Cisco Systems', product: 'Cisco Systems products', defaultStatus: 'unknown' },
    ])
  })

  it('has the CWE, the CVSS 3.1 metric, an English description, the credit and the advisory as first reference', () => {
    expect(container.problemTypes).toEqual([
      {
        descriptions: [
          {
            lang: 'en',
            type: 'CWE',
            cweId: 'CWE-120',
            description: "CWE-120 Buffer Copy without Checking Size of Input ('Classic Buffer Overflow')",
          },
        ],
      },
    ])
    expect(container.metrics).toEqual([
      {
        format: 'CVSS',
        scenarios: [{ lang: 'en', value: 'GENERAL' }],
        cvssV3_1: {
          version: '3.1',
          vectorString: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
          baseScore: 9.8,
          baseSeverity: 'CRITICAL',
        },
      },
    ])
    expect(container.descriptions).toEqual([{ lang: 'en', value: sendmailSnapshot.vulnerabilities[0]!.description }])
    expect(container.credits).toEqual([{ lang: 'en', value: 'ISS X-Force', type: 'finder' }])
    expect(container.references[0]).toEqual({
      url: 'https://lockstep.example/advisories/LSA-2003-0001',
      name: 'LSA-2003-0001: Remote buffer overflow in sendmail address parsing',
      tags: ['third-party-advisory'],
    })
    expect(container.references.find((r) => r.url.includes('RHSA-2003:073'))?.tags).toEqual(['vendor-advisory'])
  })
})

describe('CVE records of the widgetry case', () => {
  it('exist only for vulnerabilities with a CVE ID', () => {
    const records = toCveRecords(widgetrySnapshot, cna) as CveRecord[]
    expect(records.map((r) => r.cveMetadata.cveId)).toEqual(
      widgetrySnapshot.vulnerabilities.filter((v) => v.cve).map((v) => v.cve),
    )
    expect(() => record(widgetrySnapshot, 'V3')).toThrow(/V3 of LSA-2026-0002 has no CVE ID/)
  })

  it('names the package collection and writes each interval of a range, Go versions without "v"', () => {
    expect(record(widgetrySnapshot, 'V4').containers.cna.affected[0]).toEqual({
      vendor: 'Debian',
      product: 'widgetry',
      collectionURL: 'https://packages.debian.org',
      packageName: 'widgetry',
      packageURL: 'pkg:deb/debian/widgetry',
      versions: [
        { version: '2.0.0-1', status: 'affected', versionType: 'deb', lessThan: '2.3.0-2' },
        { version: '2.4.0-1', status: 'affected', versionType: 'deb', lessThan: '2.4.1-1+deb12u1' },
      ],
      defaultStatus: 'unaffected',
    })
    expect(record(widgetrySnapshot, 'V6').containers.cna.affected[0]).toMatchObject({
      packageName: 'github.com/widgetry/widgetry-go',
      versions: [{ version: '1.2.0', status: 'affected', versionType: 'semver', lessThan: '1.5.3' }],
    })
  })

  it('gives both metrics when both versions are scored', () => {
    const metrics = record(widgetrySnapshot, 'V4').containers.cna.metrics as Record<string, unknown>[]
    expect(metrics.map((m) => Object.keys(m).find((k) => k.startsWith('cvss')))).toEqual(['cvssV3_1', 'cvssV4_0'])
  })

  it('lists exact versions one by one with the fix, and falls back to "unknown" for a range it cannot write', () => {
    const [server, web] = record(widgetrySnapshot, 'V9').containers.cna.affected
    expect(server!.versions).toEqual([
      { version: '1.9.0', status: 'affected' },
      { version: '1.9.1', status: 'affected' },
      { version: '1.9.2', status: 'unaffected' },
    ])
    expect(web).toMatchObject({ versions: [{ version: '1.4.0', status: 'unaffected' }], defaultStatus: 'unknown' })
  })

  it("leaves out the problem type without a CWE and clips a long title to the schema's 256 characters", () => {
    const long = {
      ...widgetrySnapshot,
      vulnerabilities: [{ ...widgetrySnapshot.vulnerabilities[0]!, title: 'x'.repeat(300), cwe: null, cweName: null }],
    }
    const container = (toCveRecord(long, long.vulnerabilities[0]!, cna) as CveRecord).containers.cna
    expect((container.title as string).length).toBe(256)
    expect(container.problemTypes).toBeUndefined()
  })
})

describe('what 5.2 adds: purls in affected, CPE names and CPE applicability', () => {
  const cpeSnapshot = withCpeNames(widgetrySnapshot)
  const vulnOf = (snapshot: AdvisorySnapshot, key: string) => snapshot.vulnerabilities.find((v) => v.key === key)!
  const containerOf = (snapshot: AdvisorySnapshot, vuln: AdvisorySnapshot['vulnerabilities'][number]) =>
    (toCveRecord(snapshot, { ...vuln, cve: vuln.cve ?? 'CVE-2026-10099' }, cna) as CveRecord).containers.cna

  it('gives packageURL without version, vers qualifier or encoded ":", keeping the other qualifiers', () => {
    const v2 = vulnOf(widgetrySnapshot, 'V2')
    const purls = [
      'pkg:deb/debian/curl@7.88.1-10?arch=i386&distro=bookworm',
      'pkg:pypi/django?vers=vers:pypi%2F%3C4.2.1',
      'pkg:docker/customer/dockerimage?repository_url=gcr.io:443',
      'pkg:golang/google.golang.org/genproto#googleapis/api/annotations',
    ]
    const vuln = { ...v2, affected: purls.map((purl) => ({ ...v2.affected[0]!, purl })) }
    expect(containerOf(widgetrySnapshot, vuln).affected.map((a) => a.packageURL)).toEqual([
      'pkg:deb/debian/curl?arch=i386&distro=bookworm',
      'pkg:pypi/django',
      'pkg:docker/customer/dockerimage?repository_url=gcr.io:443',
      'pkg:golang/google.golang.org/genproto#googleapis/api/annotations',
      undefined, // Acme Cloud's statement stands for all its products: no package to name
    ])
  })

  it('names the CPE in cpes and writes each interval of the range as a CPE range', () => {
    const container = containerOf(cpeSnapshot, vulnOf(cpeSnapshot, 'V4'))
    const criteria = 'cpe:2.3:a:debian:widgetry:*:*:*:*:*:*:*:*'
    expect(container.affected[0]!.cpes).toEqual([criteria])
    expect(container.cpeApplicability).toEqual([
      {
        nodes: [
          {
            operator: 'OR',
            negate: false,
            cpeMatch: [
              { vulnerable: true, criteria, versionStartIncluding: '2.0.0-1', versionEndExcluding: '2.3.0-2' },
              { vulnerable: true, criteria, versionStartIncluding: '2.4.0-1', versionEndExcluding: '2.4.1-1+deb12u1' },
            ],
          },
        ],
      },
    ])
  })

  it('names exact versions by their CPE names, one element per product, with inclusive ends and Go versions without "v"', () => {
    const [server] = containerOf(cpeSnapshot, vulnOf(cpeSnapshot, 'V9')).cpeApplicability as {
      nodes: { cpeMatch: unknown[] }[]
    }[]
    expect(server!.nodes[0]!.cpeMatch).toEqual([
      { vulnerable: true, criteria: 'cpe:2.3:a:widgetry_project:widgetry-server:1.9.0:*:*:*:*:*:*:*' },
      { vulnerable: true, criteria: 'cpe:2.3:a:widgetry_project:widgetry-server:1.9.1:*:*:*:*:*:*:*' },
    ])
    // widgetry-web's range (">1.0.0") cannot be written: it has cpes, but no applicability.
    expect(containerOf(cpeSnapshot, vulnOf(cpeSnapshot, 'V9')).cpeApplicability).toHaveLength(1)
    expect(containerOf(cpeSnapshot, vulnOf(cpeSnapshot, 'V3')).cpeApplicability).toEqual([
      expect.objectContaining({
        nodes: [expect.objectContaining({ cpeMatch: [expect.objectContaining({ versionEndIncluding: '3.2.4' })] })],
      }),
    ])
    expect(containerOf(cpeSnapshot, vulnOf(cpeSnapshot, 'V6')).cpeApplicability).toEqual([
      expect.objectContaining({
        nodes: [
          expect.objectContaining({
            cpeMatch: [expect.objectContaining({ versionStartIncluding: '1.2.0', versionEndExcluding: '1.5.3' })],
          }),
        ],
      }),
    ])
  })

  it('states every version affected when the range says "*" or the case gives neither range nor fix', () => {
    const all = { vulnerable: true, criteria: 'cpe:2.3:a:widgetry_project:widgetry-cli:*:*:*:*:*:*:*:*' }
    expect(containerOf(cpeSnapshot, vulnOf(cpeSnapshot, 'V7')).cpeApplicability).toEqual([
      { nodes: [{ operator: 'OR', negate: false, cpeMatch: [all] }] },
    ])
    const v7 = vulnOf(cpeSnapshot, 'V7')
    const unranged = { ...v7, affected: [{ ...v7.affected[0]!, range: null }] }
    expect(containerOf(cpeSnapshot, unranged).cpeApplicability).toEqual([
      { nodes: [{ operator: 'OR', negate: false, cpeMatch: [all] }] },
    ])
  })

  it('says nothing in cpeApplicability of a product not affected or known only by its fix', () => {
    const legacy = containerOf(cpeSnapshot, vulnOf(cpeSnapshot, 'V10'))
    expect(legacy.affected[0]!.cpes).toEqual(['cpe:2.3:a:legacy_widgets_ltd:\\@widgetry\\/legacy:*:*:*:*:*:*:*:*'])
    expect(legacy.cpeApplicability).toBeUndefined()
    const v2 = vulnOf(cpeSnapshot, 'V2')
    const fixOnly = { ...v2, affected: [{ ...v2.affected[0]!, range: null }] }
    expect(containerOf(cpeSnapshot, fixOnly).cpeApplicability).toBeUndefined()
  })

  // The case editor refuses such a name now; a snapshot of older data may still hold one.
  it('leaves out a CPE name the format cannot carry (an escaped space) rather than write an invalid record', () => {
    const v8 = vulnOf(cpeSnapshot, 'V8')
    const escapedSpace = 'cpe:2.3:a:example_appliances:widgetry\\ appliance:*:*:*:*:*:*:*:*'
    const oldData = { ...v8, affected: v8.affected.map((a, i) => (i === 0 ? { ...a, cpe: escapedSpace } : a)) }
    const appliance = containerOf(cpeSnapshot, oldData)
    expect(oldData.affected[0]!.cpe).toBe(escapedSpace)
    expect(appliance.affected[0]!.cpes).toBeUndefined()
    expect(appliance.cpeApplicability).toBeUndefined()
    // The fixture's own name, written with "_", is carried.
    expect(v8.affected[0]!.cpe).toBe('cpe:2.3:a:example_appliances:widgetry_appliance:*:*:*:*:*:*:*:*')
    expect(containerOf(cpeSnapshot, v8).affected[0]!.cpes).toEqual([v8.affected[0]!.cpe])
  })
})
