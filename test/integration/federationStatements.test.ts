// Vendors' statements across three instances (issue 17): A shares a case with B, and B shares its
// copy with C; A and C do not know each other. What a vendor on B states reaches A and C; what a
// vendor on C states reaches B and, passed on by B, A; nothing goes back where it came from or
// arrives twice. A's release checklist lists the peers' statements, and A's released CSAF, OSV and
// page carry them as those vendors' positions "via CERT-B" / "via CERT-C", but only those that had
// arrived by the instant: one received after it waits for the next revision. A case relabelled
// AMBER+STRICT on B stops passing them on. (federationSharing.test.ts: two instances.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { releaseCase } from '../../src/commands/release/release.js'
import { signedIn, type Client } from '../support/api.js'
import { availableBackends } from '../support/databases.js'
import { makeCase, makeMember, makeOrganization } from '../support/factories.js'
import {
  closeAll,
  eventually,
  ledgerOf,
  pinBothWays,
  startInstance,
  startPinnedPair,
  type Instance,
} from '../support/federatedInstances.js'

type PeerShared = {
  vendors: { name: string; rmState: string; peer: { name: string } }[]
  statements: { vendor: string; status: string; peer: { name: string } }[]
}
const peerShared = async (i: Instance, caseId: string) =>
  (await i.admin.get(`/api/v1/cases/${caseId}/peer-shared`)).json() as PeerShared

/** `from` offers its case to `to`, which accepts: the case's id on `to`. */
async function share(from: Instance, to: Instance, toId: string, caseId: string, title: string) {
  expect((await from.admin.post(`/api/v1/cases/${caseId}/peer-offers`, { peerId: toId })).statusCode).toBe(202)
  const offers = await eventually(
    async () => (await to.admin.get('/api/v1/federation/offers')).json() as { id: string; title: string }[],
    (o) => o.some((x) => x.title === title),
  )
  const accepted = await to.admin.post(
    `/api/v1/federation/offers/${offers.find((x) => x.title === title)!.id}/accept`,
    {},
  )
  const number = accepted.json().caseNumber as string
  await eventually(
    async () => (await from.admin.get(`/api/v1/cases/${caseId}/peer-offers`)).json().offers as { state: string }[],
    (o) => o.some((x) => x.state === 'accepted'),
  )
  return (
    await to.database.db.selectFrom('cases').select('id').where('case_number', '=', number).executeTakeFirstOrThrow()
  ).id
}

/** A vendor on `i` told of the case: its member's client and its participation. */
async function vendorOn(i: Instance, caseId: string, name: string) {
  const org = await makeOrganization(i.database.db, { name, kind: 'vendor' })
  await i.database.db
    .insertInto('organization_contacts')
    .values({ organization_id: org.id, email: `security@${name.split(' ')[0]!.toLowerCase()}.example` })
    .execute()
  const client = await signedIn(i.app, await makeMember(i.database.db, org, 'admin'))
  expect((await i.admin.post(`/api/v1/cases/${caseId}/vendors/notify`, { organizationIds: [org.id] })).statusCode).toBe(
    200,
  )
  const participant = await i.database.db
    .selectFrom('participants')
    .select('id')
    .where('case_id', '=', caseId)
    .where('organization_id', '=', org.id)
    .executeTakeFirstOrThrow()
  return { client, participantId: participant.id }
}

/** The vendor states, the instance's coordinator approves. */
async function approvedStatement(i: Instance, vendor: Client, caseId: string, body: object) {
  const vulnerability = await i.database.db
    .selectFrom('vulnerabilities')
    .select('id')
    .where('case_id', '=', caseId)
    .executeTakeFirstOrThrow()
  const stated = await vendor.post(`/api/v1/cases/${caseId}/vulnerabilities/${vulnerability.id}/statements`, body)
  expect(stated.statusCode).toBe(201)
  expect((await i.admin.post(`/api/v1/cases/${caseId}/statements/${stated.json().id}/approve`, {})).statusCode).toBe(
    204,
  )
}

/** The released CSAF document, OSV records and page of the case on `i`. */
async function released(i: Instance, caseId: string) {
  const advisory = await i.database.db
    .selectFrom('advisories')
    .select('id')
    .where('case_id', '=', caseId)
    .executeTakeFirstOrThrow()
  const docs = await i.database.db
    .selectFrom('published_documents')
    .select(['path', 'body', 'content_type'])
    .where('advisory_id', '=', advisory.id)
    .execute()
  const parsed = docs.filter((d) => d.path.endsWith('.json')).map((d) => JSON.parse(String(d.body)))
  const csaf = parsed.find((d) => d.document?.csaf_version === '2.0') as {
    vulnerabilities: { notes: { title: string; text: string }[]; product_status: Record<string, string[]> }[]
    product_tree: { branches: { name: string }[] }
  }
  const osv = parsed.filter((d) => typeof d.schema_version === 'string') as {
    database_specific: { vendor_statements?: { vendor: string; status: string; approved_by?: { name: string } }[] }
  }[]
  const page = String(docs.find((d) => d.content_type.startsWith('text/html'))?.body ?? '')
  return { csaf, osv, page }
}

for (const backend of availableBackends()) {
  describe(`federation: vendors' statements across three instances [${backend}]`, () => {
    let a: Instance, b: Instance, c: Instance
    let atA: string
    let atB: string
    let atC: string
    let nordic: { client: Client; participantId: string }
    let baltic: { client: Client; participantId: string }

    beforeAll(async () => {
      let bAtA: string
      ;({ a, b, bAtA } = await startPinnedPair(backend))
      c = await startInstance(backend, 'CERT-C')
      const cAtB = await pinBothWays(b, c)
      const title = 'Statements across three'
      atA = (await makeCase({ db: a.database.db }, { title })).id
      atB = await share(a, b, bAtA, atA, title)
      atC = await share(b, c, cAtB, atB, title)
      nordic = await vendorOn(b, atB, 'Nordic Router Oy')
      baltic = await vendorOn(c, atC, 'Baltic Modem AS')
    })
    afterAll(() => closeAll(a, b, c))

    it("B's vendor's statement reaches A and C; C's reaches B and, passed on by B, A; none comes back or arrives twice", async () => {
      await approvedStatement(b, nordic.client, atB, { status: 'affected' })
      await approvedStatement(c, baltic.client, atC, {
        status: 'not_affected',
        justification: 'component_not_present',
      })
      const seenAtA = await eventually(
        () => peerShared(a, atA),
        (s) => s.statements.length === 2,
      )
      expect(seenAtA.statements.map((s) => [s.vendor, s.status, s.peer.name]).sort()).toEqual([
        ['Baltic Modem AS', 'not_affected', 'CERT-C'],
        ['Nordic Router Oy', 'affected', 'CERT-B'],
      ])
      const seenAtC = await eventually(
        () => peerShared(c, atC),
        (s) => s.statements.length === 1,
      )
      expect(seenAtC.statements.map((s) => [s.vendor, s.peer.name])).toEqual([['Nordic Router Oy', 'CERT-B']])
      // A vendor's status goes the same way: C's vendor accepts, A learns it through B.
      for (const event of ['validate', 'accept'])
        expect(
          (
            await baltic.client.post(`/api/v1/cases/${atC}/participants/${baltic.participantId}/transitions`, {
              event,
            })
          ).statusCode,
        ).toBe(204)
      const vendorsAtA = await eventually(
        () => peerShared(a, atA),
        (s) => s.vendors.some((v) => v.name === 'Baltic Modem AS' && v.rmState === 'accepted'),
      )
      expect(vendorsAtA.vendors.find((v) => v.name === 'Baltic Modem AS')!.peer.name).toBe('CERT-C')

      // Settled: each statement once on each side, nothing sent back to where it was given.
      await new Promise((r) => setTimeout(r, 500))
      expect((await peerShared(b, atB)).statements.map((s) => s.vendor)).toEqual(['Baltic Modem AS'])
      expect(await ledgerOf(a, atA, 'case.peer_statement')).toHaveLength(2)
      expect(await ledgerOf(b, atB, 'case.peer_statement')).toHaveLength(1)
      expect(await ledgerOf(c, atC, 'case.peer_statement')).toHaveLength(1)
      expect((await ledgerOf(a, atA, 'case.peer_statement')).map((e) => e.payload)).toContainEqual(
        expect.objectContaining({ peer: b.url, vendor: 'Baltic Modem AS', origin: 'CERT-C', originUrl: c.url }),
      )
      // B sent its own vendor's to A and C, and passed C's on to A only; C sent its own to B only.
      expect(await ledgerOf(b, atB, 'case.statement_shared')).toHaveLength(3)
      expect(await ledgerOf(c, atC, 'case.statement_shared')).toHaveLength(1)
      expect(await ledgerOf(a, atA, 'case.statement_shared')).toEqual([])
    })

    it("A's checklist lists them; A's release carries them as of the instant; one arriving later is in the revision", async () => {
      const readiness = (await a.admin.get(`/api/v1/cases/${atA}/release-readiness`)).json() as {
        fromPeers: { vendor: string; via: { name: string }; leftOut: string | null }[]
      }
      expect(readiness.fromPeers.map((p) => [p.vendor, p.via.name, p.leftOut]).sort()).toEqual([
        ['Baltic Modem AS', 'CERT-C', null],
        ['Nordic Router Oy', 'CERT-B', null],
      ])
      // Terms in force on A, whose instant then passes (set here: the release runs late).
      const endsAt = new Date(Date.now() + 10 * 86400_000)
      endsAt.setUTCSeconds(0, 0)
      const proposed = await a.admin.post(`/api/v1/cases/${atA}/embargo/proposals`, { endsAt: endsAt.toISOString() })
      expect(proposed.statusCode).toBe(201)
      const sealed = await a.admin.post(`/api/v1/cases/${atA}/embargo/proposals/${proposed.json().open.id}/answer`, {
        answer: 'accept',
      })
      expect(sealed.json()).toMatchObject({ state: 'active' })
      const instant = new Date()
      await a.database.db.updateTable('cases').set({ embargo_ends_at: instant }).where('id', '=', atA).execute()

      // After the instant, B's vendor has a fix and says so: it reaches A, but too late for the release.
      await approvedStatement(b, nordic.client, atB, { status: 'fixed', fixedVersions: ['4.2.1'] })
      await eventually(
        () => peerShared(a, atA),
        (s) => s.statements.some((x) => x.vendor === 'Nordic Router Oy' && x.status === 'fixed'),
      )
      const outcome = await releaseCase(a.database.db, atA, new Date(), { kind: 'embargo_end' }, { config: a.config })
      expect(outcome).toMatchObject({ released: true })

      const first = await released(a, atA)
      expect(first.csaf.product_tree.branches.map((x) => x.name)).toEqual(
        expect.arrayContaining(['Nordic Router Oy', 'Baltic Modem AS']),
      )
      const note = first.csaf.vulnerabilities[0]!.notes.find(
        (n) => n.title === 'Statements approved by other coordinators',
      )
      expect(note?.text).toContain('Nordic Router Oy: via CERT-B')
      expect(note?.text).toContain('Baltic Modem AS: via CERT-C')
      expect(first.csaf.vulnerabilities[0]!.product_status.fixed).toBeUndefined()
      expect(first.csaf.vulnerabilities[0]!.product_status.known_not_affected?.length).toBeGreaterThan(0)
      expect(first.osv[0]!.database_specific.vendor_statements).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            vendor: 'Nordic Router Oy',
            status: 'affected',
            approved_by: expect.objectContaining({ name: 'CERT-B' }),
          }),
          expect.objectContaining({
            vendor: 'Baltic Modem AS',
            status: 'not_affected',
            approved_by: expect.objectContaining({ name: 'CERT-C' }),
          }),
        ]),
      )
      expect(first.page).toContain('Nordic Router Oy <span class="via">via CERT-B</span>')

      // The next revision takes the statement that arrived after the instant.
      const revised = await a.admin.post(`/api/v1/cases/${atA}/advisory/revisions`, {
        summary: 'Nordic Router Oy fixed it.',
      })
      expect(revised.statusCode).toBeLessThan(300)
      const second = await released(a, atA)
      expect(second.csaf.vulnerabilities[0]!.product_status.fixed?.length).toBeGreaterThan(0)
      expect(second.osv[0]!.database_specific.vendor_statements).toContainEqual(
        expect.objectContaining({ vendor: 'Nordic Router Oy', status: 'fixed' }),
      )
    })

    it('relabelled AMBER+STRICT on B, the case stops passing C’s vendors’ statements on to A', async () => {
      await b.database.db.updateTable('cases').set({ tlp: 'AMBER+STRICT' }).where('id', '=', atB).execute()
      await approvedStatement(c, baltic.client, atC, { status: 'affected' })
      await eventually(
        () => peerShared(b, atB),
        (s) => s.statements.some((x) => x.vendor === 'Baltic Modem AS' && x.status === 'affected'),
      )
      await new Promise((r) => setTimeout(r, 500))
      expect(await ledgerOf(b, atB, 'case.statement_shared')).toHaveLength(5) // and Nordic's fix to A and C since
      const atAStatements = (await peerShared(a, atA)).statements
      expect(atAStatements.find((s) => s.vendor === 'Baltic Modem AS')!.status).toBe('not_affected')
    })
  })
}
