// CVE JSON 5.1 export: the record's metadata, the CNA container's products and versions read from
// vers ranges, problem type, metrics and references. Schema validation: validate.test.ts.
import { describe, expect, it } from 'vitest'
import { toCveRecord, toCveRecords, type CveNumberingAuthority } from './cve5.js'
import { sendmailSnapshot, widgetrySnapshot } from '../../../test/support/advisorySnapshots.js'

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

  it('is a PUBLISHED 5.1 record of the CNA, dated by the snapshot', () => {
    expect(doc.dataType).toBe('CVE_RECORD')
    expect(doc.dataVersion).toBe('5.1')
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
