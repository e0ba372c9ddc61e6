// CSAF 2.1: generated documents checked with csaf-validator-lib's csaf_2_1 strict schema,
// mandatory and recommended tests (validate21.ts), over snapshots with CVSS 3.1, CVSS 4.0, SSVC,
// EPSS, CWE, a revision, a withdrawal and a replacement; and the fields 2.1 changed, read back.
import { describe, expect, it } from 'vitest'
import { toCsaf21 } from './csaf21.js'
import { validateCsaf21, validateCsaf21Recommended } from './validate21.js'
import { coordinateTriageInputs, sendmailSnapshot, widgetrySnapshot } from '../../../test/support/advisorySnapshots.js'
import type { AdvisorySnapshot } from './snapshot.js'
import { coordinatorTriage, triageSelections } from '../ssvc.js'

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

const scored: AdvisorySnapshot = {
  ...sendmailSnapshot,
  id: 'LSA-2003-0002',
  vulnerabilities: sendmailSnapshot.vulnerabilities.map((v) => ({
    ...v,
    ssvc: {
      role: 'Coordinator',
      date: '2003-03-03T12:00:00.000Z',
      selections: [
        { namespace: 'ssvc', name: 'Exploitation', version: '1.1.0', values: ['public poc'] },
        { namespace: 'ssvc', name: 'Automatable', version: '2.0.0', values: ['yes'] },
      ],
    },
    epss: { probability: '0.97215', percentile: '0.99820', date: '2003-03-05T00:00:00.000Z' },
    firstKnownExploitation: { exploitedAt: '2003-03-04T00:00:00.000Z', recordedAt: '2003-03-05T14:30:00.000Z' },
  })),
}
// A case's vulnerability with the coordinator's SSVC triage decision, as the release freezes it.
const triaged = coordinatorTriage(coordinateTriageInputs)
const decided: AdvisorySnapshot = {
  ...sendmailSnapshot,
  id: 'LSA-2003-0006',
  vulnerabilities: sendmailSnapshot.vulnerabilities.map((v) => ({
    ...v,
    ssvc: { role: 'Coordinator', date: '2003-03-03T12:00:00.000Z', selections: triageSelections(triaged) },
  })),
}
const withdrawn: AdvisorySnapshot = {
  ...sendmailSnapshot,
  id: 'LSA-2003-0003',
  withdrawn: { reason: 'Published for the wrong case; nothing in it applies.' },
}
const superseded: AdvisorySnapshot = {
  ...sendmailSnapshot,
  id: 'LSA-2003-0004',
  supersededBy: {
    id: 'LSA-2003-0005',
    url: 'https://lockstep.example/.well-known/csaf/v2.1/clear/2003/lsa-2003-0005.json',
    reason: 'The fix was incomplete; LSA-2003-0005 covers both flaws.',
  },
}

describe.each([
  ['CVSS 3.1, CWE and a revision (sendmail)', sendmailSnapshot, []],
  ['SSVC, EPSS and a first known exploitation', scored, []],
  ["the coordinator's SSVC triage decision on a vulnerability", decided, []],
  // One of widgetry's vulnerabilities has no score at all: recommended test 6.2.3 says so, and
  // nothing else may be reported.
  [
    'CVSS 4.0, every VEX status (widgetry)',
    widgetrySnapshot,
    ['CSAF 2.1 6.2.3: /vulnerabilities/6/product_status/known_affected/0: missing metric'],
  ],
  ['withdrawn', withdrawn, []],
  ['superseded', superseded, []],
] as const)('CSAF 2.1 of a snapshot with %s', (_name, snapshot, expected) => {
  it('passes the strict schema, every mandatory and every recommended test', async () => {
    const doc = toCsaf21(snapshot)
    expect(await validateCsaf21(doc)).toEqual([])
    expect(await validateCsaf21Recommended(doc)).toEqual(expected)
  })

  it('says 2.1, TLP:CLEAR, a licence and its own 2.1 address first', () => {
    const doc = toCsaf21(snapshot) as Json
    expect(doc.$schema).toBe('https://docs.oasis-open.org/csaf/csaf/v2.1/schema/csaf.json')
    expect(doc.document.csaf_version).toBe('2.1')
    expect(doc.document.distribution.tlp.label).toBe('CLEAR')
    expect(doc.document.license_expression).toBe('CC-BY-4.0')
    expect(doc.document.references[0]).toEqual({
      category: 'self',
      summary: `${snapshot.id} in CSAF 2.1`,
      url: `https://lockstep.example/.well-known/csaf/v2.1/clear/${snapshot.initialReleaseDate.slice(0, 4)}/${snapshot.id.toLowerCase()}.json`,
    })
  })
})

describe('CSAF 2.1 fields', () => {
  it('writes the CWE with its list version, metrics in place of scores, and the disclosure date', () => {
    const [vuln] = (toCsaf21(sendmailSnapshot) as Json).vulnerabilities
    expect(vuln.cwe).toBeUndefined()
    expect(vuln.scores).toBeUndefined()
    expect(vuln.cwes).toEqual([
      {
        id: 'CWE-120',
        name: "Buffer Copy without Checking Size of Input ('Classic Buffer Overflow')",
        version: '4.17',
      },
    ])
    expect(vuln.metrics).toEqual([
      {
        content: {
          cvss_v3: {
            baseScore: 9.8,
            baseSeverity: 'CRITICAL',
            vectorString: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
            version: '3.1',
          },
        },
        products: vuln.product_status.known_affected,
      },
    ])
    expect(vuln.disclosure_date).toBe(sendmailSnapshot.initialReleaseDate)
  })

  it('gives CVSS 4.0 as cvss_v4', () => {
    const doc = toCsaf21(widgetrySnapshot) as Json
    expect(doc.vulnerabilities[1].metrics[0].content.cvss_v4).toMatchObject({ version: '4.0', baseScore: 8.7 })
  })

  it("writes a vulnerability's SSVC triage decision as ssvc_v1 selections in the official names, outcome last", () => {
    const [vuln] = (toCsaf21(decided) as Json).vulnerabilities
    const ssvc = vuln.metrics[0].content.ssvc_v1
    expect(ssvc).toMatchObject({ id: 'CVE-2002-1337', role: 'Coordinator', timestamp: '2003-03-03T12:00:00.000Z' })
    expect(ssvc.selections[0]).toEqual({ name: 'Report Public', namespace: 'ssvc', values: ['No'], version: '1.0.0' })
    expect(ssvc.selections[5]).toEqual({
      name: 'Utility',
      namespace: 'ssvc',
      values: ['Super Effective'],
      version: '1.0.1',
    })
    expect(ssvc.selections.at(-1)).toEqual({
      name: 'Decline, Track, Coordinate',
      namespace: 'ssvc',
      values: ['Coordinate'],
      version: '1.0.1',
    })
  })

  it('writes SSVC, EPSS and the first known exploitation where the snapshot knows them', () => {
    const [vuln] = (toCsaf21(scored) as Json).vulnerabilities
    expect(vuln.metrics[0].content.ssvc_v1).toMatchObject({ id: 'CVE-2002-1337', role: 'Coordinator' })
    expect(vuln.metrics[0].content.epss).toEqual({
      percentile: '0.99820',
      probability: '0.97215',
      timestamp: '2003-03-05T00:00:00.000Z',
    })
    expect(vuln.first_known_exploitation_dates).toEqual([
      {
        date: '2003-03-05T14:30:00.000Z',
        exploitation_date: '2003-03-04T00:00:00.000Z',
        product_ids: vuln.product_status.known_affected,
      },
    ])
  })

  it('writes a withdrawn advisory as csaf_withdrawn and a replaced one as csaf_superseded, without products', () => {
    const gone = toCsaf21(withdrawn) as Json
    expect(gone.document.category).toBe('csaf_withdrawn')
    expect(gone.document.notes.at(-1)).toMatchObject({ title: 'Reasoning for Withdrawal', category: 'description' })
    expect(gone.product_tree).toBeUndefined()
    expect(gone.vulnerabilities).toBeUndefined()
    const replaced = toCsaf21(superseded) as Json
    expect(replaced.document.category).toBe('csaf_superseded')
    expect(replaced.document.references.at(-1)).toEqual({
      category: 'external',
      summary: 'Superseding Document: LSA-2003-0005',
      url: superseded.supersededBy!.url,
    })
  })

  it('gives a draft under embargo at TLP:AMBER, undisclosed, and still valid', async () => {
    const doc = toCsaf21(sendmailSnapshot, { tlp: 'AMBER' }) as Json
    expect(doc.document.distribution.tlp.label).toBe('AMBER')
    expect(doc.document.tracking.status).toBe('draft')
    expect(doc.vulnerabilities[0].disclosure_date).toBeUndefined()
    expect(await validateCsaf21(doc)).toEqual([])
  })

  // A vendor named beyond ASCII ("Müller") has no CPE 2.3 name: its products go without one.
  it('gives a vendor whose name CPE cannot write no CPE name, and stays valid', async () => {
    const renamed = (vendor: string) => (vendor === 'Cray Inc.' ? 'Crày Inc.' : vendor)
    const snapshot: AdvisorySnapshot = {
      ...sendmailSnapshot,
      vulnerabilities: sendmailSnapshot.vulnerabilities.map((v) => ({
        ...v,
        affected: v.affected.map((a) => ({ ...a, vendor: renamed(a.vendor) })),
        statements: v.statements.map((st) => ({ ...st, vendor: renamed(st.vendor) })),
      })),
    }
    const doc = toCsaf21(snapshot) as Json
    const cray = doc.product_tree.branches.find((b: { name: string }) => b.name === 'Crày Inc.')
    expect(cray).toBeDefined()
    expect(JSON.stringify(cray)).not.toContain('"cpe"')
    expect(JSON.stringify(doc.product_tree)).toContain('"cpe":"cpe:2.3:*:red_hat:*:*:*:*:*:*:*:*:*"')
    expect(await validateCsaf21(doc)).toEqual([])
  })

  it('still reports a CVSS 4.0 score that does not fit its severity (the float workaround hides nothing else)', async () => {
    const doc = toCsaf21(widgetrySnapshot) as Json
    doc.vulnerabilities[1].metrics[0].content.cvss_v4.baseSeverity = 'LOW'
    const problems = await validateCsaf21(doc)
    expect(problems.some((p) => p.includes('/vulnerabilities/1/metrics/0/content/cvss_v4'))).toBe(true)
  })
})
