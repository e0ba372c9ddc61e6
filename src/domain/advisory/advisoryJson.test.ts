// The public JSON: everything on the advisory page, the statements with their labels, and links
// to every other format.
import { describe, expect, it } from 'vitest'
import { toPublicJson } from './advisoryJson.js'
import { sendmailSnapshot, widgetrySnapshot } from '../../../test/support/advisorySnapshots.js'

describe('public JSON', () => {
  const json = toPublicJson(sendmailSnapshot)

  it('names its format and carries the advisory text and dates', () => {
    expect(json).toMatchObject({
      format: 'lockstep-advisory/1',
      id: 'LSA-2003-0001',
      title: sendmailSnapshot.title,
      publisher: {
        name: 'National Infrastructure Protection Center',
        url: 'https://lockstep.example',
        contact: 'security@lockstep.example',
      },
      initialReleaseDate: sendmailSnapshot.initialReleaseDate,
      currentReleaseDate: sendmailSnapshot.currentReleaseDate,
      overview: sendmailSnapshot.overview,
      description: sendmailSnapshot.description,
      impact: sendmailSnapshot.impact,
      solution: sendmailSnapshot.solution,
      revisions: sendmailSnapshot.revisions,
      references: sendmailSnapshot.references,
      credits: [{ name: 'ISS X-Force', contribution: 'found and reported the flaw', type: 'finder' }],
    })
  })

  it('gives each vulnerability its ids, scores, products and statements table', () => {
    const [vuln] = json.vulnerabilities
    expect(vuln).toMatchObject({
      id: 'LSA-2003-0001',
      key: 'V1',
      cve: 'CVE-2002-1337',
      osvId: 'x_LSA-2003-0001',
      cwe: { id: 'CWE-120', name: "Buffer Copy without Checking Size of Input ('Classic Buffer Overflow')" },
      cvss: [
        {
          version: '3.1',
          vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
          baseScore: 9.8,
          baseSeverity: 'CRITICAL',
        },
      ],
      affected: [
        {
          vendor: 'Sendmail Consortium',
          product: 'sendmail',
          purl: 'pkg:generic/sendmail',
          range: 'vers:generic/>=5.2|<8.12.8',
          fixedVersions: ['8.12.8'],
        },
      ],
      links: {
        osv: 'https://lockstep.example/osv/x_LSA-2003-0001.json',
        cve: 'https://lockstep.example/cve/CVE-2002-1337.json',
      },
    })
    expect(vuln!.statements.map((s) => [s.vendor, s.statusLabel, s.justificationLabel])).toEqual([
      ['Sendmail Consortium', 'Fixed', null],
      ['Red Hat', 'Affected', null],
      ['Cray Inc.', 'Not affected', 'The vulnerable component is not in the product.'],
      ['Cisco Systems', 'Under investigation', null],
    ])
  })

  it('links every format', () => {
    expect(json.links).toEqual({
      page: 'https://lockstep.example/advisories/LSA-2003-0001',
      json: 'https://lockstep.example/advisories/LSA-2003-0001.json',
      csaf: 'https://lockstep.example/.well-known/csaf/white/2003/lsa-2003-0001.json',
      atomFeed: 'https://lockstep.example/advisories.atom',
      rolieFeed: 'https://lockstep.example/.well-known/csaf/feed-tlp-white.json',
    })
  })

  it('has no CVE link for a vulnerability without a CVE ID, and copies rather than shares lists', () => {
    const widgetry = toPublicJson(widgetrySnapshot)
    expect(widgetry.vulnerabilities[2]).toMatchObject({ cve: null, links: { cve: null } })
    expect(widgetry.vulnerabilities[0]!.affected[0]!.fixedVersions).not.toBe(
      widgetrySnapshot.vulnerabilities[0]!.affected[0]!.fixedVersions,
    )
    expect(widgetry.credits.at(-1)).toEqual({
      name: 'An anonymous reviewer',
      contribution: 'checked the fixes',
      type: null,
    })
  })
})
