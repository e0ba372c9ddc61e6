// A peer's approved statements in this instance's advisory (federation): where each goes (by CVE
// ID, else by title), what is left out (received after the instant, an older one of the same
// vendor, a vendor of ours by the same name, a status unknown here), and the documents written
// with one in them: CSAF (product status, remediation, a note naming the peer) passing the strict
// schema and every mandatory test, OSV and CVE 5.1 passing theirs, the page's "via CERT-B".
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { sendmailSnapshot } from '../../../test/support/advisorySnapshots.js'
import { toPublicJson } from './advisoryJson.js'
import { toCsaf } from './csaf.js'
import { toCveRecords } from './cve5.js'
import { toHtmlPage } from './html.js'
import { toOsv } from './osv.js'
import { placePeerStatements, type PeerStatementIn } from './peerStatements.js'
import type { AdvisorySnapshot } from './snapshot.js'
import { validateCsaf, validateCveRecord, validateOsv } from './validate.js'

const conformance = path.resolve(process.cwd(), '../shared/conformance')
const readJson = (file: string) => JSON.parse(readFileSync(path.join(conformance, file), 'utf8')) as object
const cna = { orgId: 'b3476cb9-2e3d-41a6-98d0-0f47421a65b6', shortName: 'lockstep' }

const B = { name: 'CERT-B', url: 'https://cert-b.example' }
const instant = new Date('2026-12-07T12:00:00Z')
const given = (over: Partial<PeerStatementIn>): PeerStatementIn => ({
  origin: B,
  vendorKey: `${B.url}/cases/LS-2026-0007/participants/5`,
  vendor: 'Nordic Router Oy',
  vulnerability: { title: 'Remote root in prescan()', cve: 'CVE-2026-10001' },
  status: 'fixed',
  justification: null,
  fixedVersions: ['8.12.9'],
  remediation: 'Upgrade the firmware.',
  approvedAt: new Date('2026-12-07T09:00:00Z'),
  receivedAt: new Date('2026-12-07T09:00:01Z'),
  ...over,
})
const here = [
  { title: 'Remote root in prescan()', cve: 'CVE-2026-10001', ownVendors: ['Sendmail Inc.'] },
  { title: 'A second flaw', cve: null, ownVendors: [] },
]

describe("where a peer's statement goes in the advisory", () => {
  it('by CVE ID, else by title; marked with the coordinator that approved it', () => {
    const placed = placePeerStatements(
      here,
      [given({}), given({ vulnerability: { title: 'a second FLAW', cve: 'CVE-2026-10002' } })],
      instant,
    )
    expect(placed.map((p) => [p.vulnerability, p.leftOut])).toEqual([
      [0, null],
      [1, null],
    ])
    expect(placed[0]!.advisory).toEqual({
      vendor: 'Nordic Router Oy',
      status: 'fixed',
      justification: null,
      fixedVersions: ['8.12.9'],
      remediation: 'Upgrade the firmware.',
      references: [],
      date: '2026-12-07T09:00:00.000Z',
      via: B,
    })
  })

  it('only what arrived by the instant, the latest approved of each vendor, never over our own vendor', () => {
    const placed = placePeerStatements(
      here,
      [
        given({ status: 'affected', fixedVersions: [], approvedAt: new Date('2026-12-06T09:00:00Z') }),
        given({}),
        // Approved later still, but received after the instant: the next revision's.
        given({
          status: 'not_affected',
          approvedAt: new Date('2026-12-07T11:00:00Z'),
          receivedAt: new Date('2026-12-07T12:00:01Z'),
        }),
        given({ vendorKey: 'https://cert-b.example/cases/LS-2026-0007/participants/6', vendor: 'sendmail inc.' }),
        given({
          vendorKey: 'https://cert-b.example/cases/LS-2026-0007/participants/7',
          vendor: 'Odd Oy',
          status: 'maybe',
        }),
        given({
          vendorKey: 'https://cert-b.example/cases/LS-2026-0007/participants/8',
          vulnerability: { title: 'Elsewhere', cve: null },
        }),
      ],
      instant,
    )
    expect(placed.map((p) => [p.statement.vendor, p.advisory?.status ?? null, p.leftOut])).toEqual([
      ['Nordic Router Oy', 'fixed', null],
      ['sendmail inc.', null, 'sendmail inc. made a statement here too: that one is published'],
      ['Odd Oy', null, 'the status “maybe” is unknown'],
      ['Nordic Router Oy', null, 'no vulnerability here is “Elsewhere”'],
    ])
  })
})

/** The sendmail snapshot with Nordic Router Oy's statement approved on CERT-B on its first vulnerability. */
function withPeerStatement(status: 'fixed' | 'not_affected'): AdvisorySnapshot {
  const [first, ...rest] = sendmailSnapshot.vulnerabilities
  const advisory = placePeerStatements(
    [{ title: first!.title, cve: first!.cve, ownVendors: [] }],
    [
      given({
        vulnerability: { title: first!.title, cve: first!.cve },
        status,
        justification: status === 'not_affected' ? 'component_not_present' : null,
        fixedVersions: status === 'fixed' ? ['8.12.9'] : [],
        remediation: status === 'fixed' ? 'Upgrade the firmware.' : null,
      }),
    ],
    instant,
  )[0]!.advisory!
  return {
    ...sendmailSnapshot,
    vulnerabilities: [{ ...first!, statements: [...first!.statements, advisory] }, ...rest],
  }
}

describe("the released documents with a peer's statement in them", () => {
  for (const status of ['fixed', 'not_affected'] as const) {
    it(`CSAF, OSV and CVE 5.1 stay valid with a peer's “${status}”, and each carries it`, async () => {
      const snapshot = withPeerStatement(status)
      const csaf = toCsaf(snapshot) as {
        product_tree: { branches: { name: string }[] }
        vulnerabilities: { notes: { title: string; text: string }[]; product_status: Record<string, string[]> }[]
      }
      expect(await validateCsaf(csaf)).toEqual([])
      expect(csaf.product_tree.branches.map((b) => b.name)).toContain('Nordic Router Oy')
      const csafStatus = status === 'fixed' ? 'fixed' : 'known_not_affected'
      expect(csaf.vulnerabilities[0]!.product_status[csafStatus]!.some((id) => id.length > 0)).toBe(true)
      expect(csaf.vulnerabilities[0]!.notes).toContainEqual({
        category: 'other',
        title: 'Statements approved by other coordinators',
        text: 'Nordic Router Oy: via CERT-B (https://cert-b.example).',
      })

      const osvSchema = readJson('osv/validation/schema.json')
      const [osv] = toOsv(snapshot) as { database_specific: { vendor_statements: object[] } }[]
      expect(validateOsv(osv, osvSchema)).toEqual([])
      expect(osv!.database_specific.vendor_statements).toContainEqual(
        expect.objectContaining({ vendor: 'Nordic Router Oy', status, approved_by: B }),
      )

      const cveSchema = readJson('cve5/CVE_Record_Format_bundled.json')
      const records = toCveRecords(snapshot, cna) as { containers: { cna: { affected: { vendor: string }[] } } }[]
      for (const record of records) expect(validateCveRecord(record, cveSchema)).toEqual([])
      expect(records[0]!.containers.cna.affected.map((a) => a.vendor)).toContain('Nordic Router Oy')
    })
  }

  it('the page names the peer beside the vendor; the public JSON says who approved it; our own vendors are not marked', () => {
    const snapshot = withPeerStatement('fixed')
    const page = toHtmlPage(snapshot)
    expect(page).toContain('<th scope="row">Nordic Router Oy <span class="via">via CERT-B</span></th>')
    expect(page.match(/class="via"/g)).toHaveLength(1)
    const json = toPublicJson(snapshot) as { vulnerabilities: { statements: { vendor: string; via?: object }[] }[] }
    expect(json.vulnerabilities[0]!.statements.find((s) => s.vendor === 'Nordic Router Oy')!.via).toEqual(B)
    expect(JSON.stringify(toCsaf(sendmailSnapshot))).not.toContain('other coordinators')
  })
})
