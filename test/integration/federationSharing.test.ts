// What keeps crossing after a case is shared (issue 17 item 2), between two instances: messages of
// the case-wide thread both ways (shown as "Name (CERT-A)", never echoed back), a RED-labelled
// message and a private thread's message staying home, a vendor's approved statement and its state
// and fix shown read-only on the other side, and the case going public on one moving the other's
// case status (with a ledger entry naming the peer). (federationCases.test.ts: the offer itself.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signedIn, type Client } from '../support/api.js'
import { availableBackends } from '../support/databases.js'
import { makeCase, makeMember, makeOrganization } from '../support/factories.js'
import { closeAll, eventually, startPinnedPair, type Instance } from '../support/federatedInstances.js'

const ledgerOf = (i: Instance, caseId: string, kind: string) =>
  i.database.db
    .selectFrom('ledger_entries')
    .select(['payload', 'actor_name'])
    .where('case_id', '=', caseId)
    .where('kind', '=', kind)
    .execute()

type Message = { author: string; body: string; tlp: string }
const caseWide = async (client: Client, caseRef: string) =>
  (await client.get(`/api/v1/cases/${caseRef}/threads/case/messages`)).json() as Message[]

for (const backend of availableBackends()) {
  describe(`federation: what keeps crossing after a case is shared [${backend}]`, () => {
    let a: Instance, b: Instance
    let caseId: string
    let sharedId: string
    let vendor: Client
    let vendorParticipantId: string
    let adminNameAtA: string

    beforeAll(async () => {
      let bAtA: string
      ;({ a, b, bAtA } = await startPinnedPair(backend))
      const c = await makeCase({ db: a.database.db }, { title: 'Shared after the offer' })
      caseId = c.id
      expect((await a.admin.post(`/api/v1/cases/${caseId}/peer-offers`, { peerId: bAtA })).statusCode).toBe(202)
      const offers = await eventually(
        async () => (await b.admin.get('/api/v1/federation/offers')).json() as { id: string }[],
        (o) => o.length === 1,
      )
      const caseNumber = (await b.admin.post(`/api/v1/federation/offers/${offers[0]!.id}/accept`, {})).json()
        .caseNumber as string
      await eventually(
        async () => (await a.admin.get(`/api/v1/cases/${caseId}/peer-offers`)).json().offers as { state: string }[],
        (o) => o[0]?.state === 'accepted',
      )
      sharedId = (
        await b.database.db
          .selectFrom('cases')
          .select('id')
          .where('case_number', '=', caseNumber)
          .executeTakeFirstOrThrow()
      ).id
      // A vendor on B, told of the case.
      const org = await makeOrganization(b.database.db, { name: 'Nordic Router Oy', kind: 'vendor' })
      await b.database.db
        .insertInto('organization_contacts')
        .values({ organization_id: org.id, email: 'security@nordic-router.example' })
        .execute()
      vendor = await signedIn(b.app, await makeMember(b.database.db, org, 'admin'))
      expect(
        (await b.admin.post(`/api/v1/cases/${sharedId}/vendors/notify`, { organizationIds: [org.id] })).statusCode,
      ).toBe(200)
      vendorParticipantId = (
        await b.database.db
          .selectFrom('participants')
          .select('id')
          .where('case_id', '=', sharedId)
          .where('organization_id', '=', org.id)
          .executeTakeFirstOrThrow()
      ).id
      adminNameAtA = (
        await a.database.db
          .selectFrom('users')
          .select('name')
          .where('instance_role', '=', 'admin')
          .executeTakeFirstOrThrow()
      ).name
    })
    afterAll(() => closeAll(a, b))

    it("A's message in the case-wide thread is shown on B from “Name (CERT-A)”; B's vendor's answer on A; neither comes back", async () => {
      const posted = await a.admin.post(`/api/v1/cases/${caseId}/threads/case/messages`, {
        body: 'The patch is attached upstream.',
        tlp: 'AMBER',
      })
      expect(posted.statusCode).toBe(201)
      const atB = await eventually(
        () => caseWide(b.admin, sharedId),
        (m) => m.some((x) => x.body === 'The patch is attached upstream.'),
      )
      expect(atB.find((x) => x.body === 'The patch is attached upstream.')).toMatchObject({
        author: `${adminNameAtA} (CERT-A)`,
        tlp: 'AMBER',
      })
      // B's vendor reads it where it reads the case, and answers in the same thread.
      expect((await caseWide(vendor, sharedId)).map((m) => m.body)).toContain('The patch is attached upstream.')
      const answered = await vendor.post(`/api/v1/cases/${sharedId}/threads/case/messages`, {
        body: 'Our build with it passes.',
        tlp: 'GREEN',
      })
      expect(answered.statusCode).toBe(201)
      const atA = await eventually(
        () => caseWide(a.admin, caseId),
        (m) => m.some((x) => x.body === 'Our build with it passes.'),
      )
      expect(atA.find((x) => x.body === 'Our build with it passes.')!.author).toMatch(/ \(CERT-B\)$/)
      // Each message once on each side: the one taken from the peer was not sent back.
      await new Promise((r) => setTimeout(r, 500))
      expect((await caseWide(a.admin, caseId)).map((m) => m.body)).toEqual([
        'The patch is attached upstream.',
        'Our build with it passes.',
      ])
      expect((await caseWide(b.admin, sharedId)).map((m) => m.body)).toEqual([
        'The patch is attached upstream.',
        'Our build with it passes.',
      ])
      expect(await ledgerOf(a, caseId, 'case.note_shared')).toHaveLength(1)
      expect(await ledgerOf(b, sharedId, 'case.note_shared')).toHaveLength(1)
      const released = await ledgerOf(b, sharedId, 'information.released')
      expect(released.map((e) => e.payload)).toContainEqual(expect.objectContaining({ peer: a.url }))
    })

    it("a RED-labelled message and a private thread's message stay home", async () => {
      await a.admin.post(`/api/v1/cases/${caseId}/threads/case/messages`, { body: 'The exploit: RED.', tlp: 'RED' })
      await vendor.post(`/api/v1/cases/${sharedId}/threads/${vendorParticipantId}/messages`, {
        body: 'Only for the coordinators here.',
        tlp: 'GREEN',
      })
      // A marker after each: once it has crossed, what was written before it would have too.
      await a.admin.post(`/api/v1/cases/${caseId}/threads/case/messages`, { body: 'Marker from A.', tlp: 'GREEN' })
      await vendor.post(`/api/v1/cases/${sharedId}/threads/case/messages`, { body: 'Marker from B.', tlp: 'GREEN' })
      const atB = await eventually(
        () => caseWide(b.admin, sharedId),
        (m) => m.some((x) => x.body === 'Marker from A.'),
      )
      const atA = await eventually(
        () => caseWide(a.admin, caseId),
        (m) => m.some((x) => x.body === 'Marker from B.'),
      )
      expect(atB.map((m) => m.body)).not.toContain('The exploit: RED.')
      const everywhereAtA = await a.database.db.selectFrom('case_messages').select('body').execute()
      expect(everywhereAtA.map((m) => m.body)).not.toContain('Only for the coordinators here.')
      expect(atA.map((m) => m.body)).not.toContain('Only for the coordinators here.')
    })

    it("B's vendor accepts, has a fix ready and its statement is approved: A shows them read-only; B's case going public moves A's status", async () => {
      for (const event of ['validate', 'accept']) {
        const moved = await vendor.post(`/api/v1/cases/${sharedId}/participants/${vendorParticipantId}/transitions`, {
          event,
        })
        expect(moved.statusCode).toBe(204)
      }
      expect(
        (
          await vendor.post(`/api/v1/cases/${sharedId}/participants/${vendorParticipantId}/events`, {
            event: 'fixReady',
          })
        ).statusCode,
      ).toBe(204)
      const vulnerability = await b.database.db
        .selectFrom('vulnerabilities')
        .select(['id', 'title'])
        .where('case_id', '=', sharedId)
        .executeTakeFirstOrThrow()
      const stated = await vendor.post(`/api/v1/cases/${sharedId}/vulnerabilities/${vulnerability.id}/statements`, {
        status: 'fixed',
        fixedVersions: ['8.12.9'],
      })
      expect(stated.statusCode).toBe(201)
      // Not approved yet: nothing crosses.
      const peerShared = async () =>
        (await a.admin.get(`/api/v1/cases/${caseId}/peer-shared`)).json() as {
          vendors: { name: string; rmState: string; fixReady: string | null; peer: { name: string } }[]
          statements: { vendor: string; vulnerability: string; status: string; fixedVersions: string[] }[]
        }
      const approved = await b.admin.post(`/api/v1/cases/${sharedId}/statements/${stated.json().id}/approve`, {})
      expect(approved.statusCode).toBe(204)
      const seen = await eventually(peerShared, (s) => s.statements.length === 1 && s.vendors[0]?.fixReady !== null)
      expect(seen.statements[0]).toMatchObject({
        vendor: 'Nordic Router Oy',
        vulnerability: vulnerability.title,
        status: 'fixed',
        fixedVersions: ['8.12.9'],
      })
      expect(seen.vendors).toEqual([
        expect.objectContaining({
          name: 'Nordic Router Oy',
          rmState: 'accepted',
          peer: expect.objectContaining({ name: 'CERT-B' }),
        }),
      ])
      // They are B's vendors, not participants of A's case.
      const participantsAtA = await a.database.db
        .selectFrom('participants')
        .select('roles')
        .where('case_id', '=', caseId)
        .execute()
      expect(participantsAtA.filter((p) => p.roles.includes('vendor'))).toEqual([])

      // The case goes public on B: A's case status moves, its ledger naming B.
      const publicAt = new Date(Date.now() - 60_000)
      expect(
        (await b.admin.post(`/api/v1/cases/${sharedId}/events`, { event: 'publicAware', at: publicAt.toISOString() }))
          .statusCode,
      ).toBe(204)
      const caseAtA = await eventually(
        () =>
          a.database.db
            .selectFrom('cases')
            .select('public_aware_at')
            .where('id', '=', caseId)
            .executeTakeFirstOrThrow(),
        (c) => c.public_aware_at !== null,
      )
      expect(caseAtA.public_aware_at!.toISOString()).toBe(publicAt.toISOString())
      const events = await ledgerOf(a, caseId, 'cs.event')
      expect(events).toContainEqual(
        expect.objectContaining({
          actor_name: 'CERT-B (shared case)',
          payload: expect.objectContaining({ event: 'publicAware', reference: expect.stringContaining(b.url) }),
        }),
      )
      // Not sent back: B took no status from A.
      expect(await ledgerOf(b, sharedId, 'case.peer_status')).toEqual([])
    })

    it('a vulnerability added on A after acceptance announces its advisory again: B learns the new OSV record', async () => {
      const announced = async () =>
        (
          await b.database.db
            .selectFrom('federation_case_offers')
            .select('peer_advisory')
            .where('case_id', '=', sharedId)
            .executeTakeFirstOrThrow()
        ).peer_advisory as { osv: { id: string }[] } | null
      const before = (await eventually(announced, (x) => x !== null))!.osv.length
      const added = await a.admin.post(`/api/v1/cases/${caseId}/vulnerabilities`, { title: 'A second flaw' })
      expect(added.statusCode).toBe(201)
      const after = await eventually(announced, (x) => x!.osv.length === before + 1)
      expect(after!.osv).toHaveLength(before + 1)
      expect(await ledgerOf(a, caseId, 'case.advisory_announced')).toHaveLength(2)
    })
  })
}
