// Handoff and onward notification between three instances (issue 17 items 5 and 6): CERT-A hands
// a case over to CERT-B, which takes it over as its own with its history and vendors, while on A
// it stays readable and refuses every write (409); a hand-over CERT-C declines changes nothing on
// A but the ledger; one request offers a case to B and C at once, each peer's told / delivered /
// answered times shown on the case; a peer deliberately told later is recorded with why; and the
// refusals (a peer not pinned, named by its place in the list; an empty justification).
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { system } from '../../src/domain/actor.js'
import { addNewVendorToCase } from '../../src/commands/vendors/newVendor.js'
import { dueReleases, releaseCase } from '../../src/commands/release/release.js'
import { verifyCaseLedger } from '../../src/store/ledger.js'
import { availableBackends } from '../support/databases.js'
import { makeCase } from '../support/factories.js'
import type { PeerTold, PeersToldOf } from '../support/peersTold.js'
import { closeAll, eventually, startAWithTwoPeers, type Instance } from '../support/federatedInstances.js'

interface Told extends PeerTold {
  kind: string
}
type PeersTold = PeersToldOf<Told>

for (const backend of availableBackends()) {
  describe(`federation: handing a case over, telling several peers [${backend}]`, () => {
    let a: Instance, b: Instance, c: Instance
    let bAtA: string, cAtA: string
    beforeAll(async () => {
      ;({ a, b, c, bAtA, cAtA } = await startAWithTwoPeers(backend))
    })
    afterAll(() => closeAll(a, b, c))

    const offersAt = async (i: Instance) =>
      (await i.admin.get('/api/v1/federation/offers')).json() as { id: string; title: string; state: string }[]
    const offerOf = async (i: Instance, title: string) =>
      (await eventually(offersAt.bind(null, i), (o) => o.some((x) => x.title === title))).find(
        (x) => x.title === title,
      )!
    const ledgerKinds = async (i: Instance, caseId: string) =>
      (
        await i.database.db
          .selectFrom('ledger_entries')
          .select('kind')
          .where('case_id', '=', caseId)
          .orderBy('sequence')
          .execute()
      ).map((e) => e.kind)

    it('hands a case over: B owns it with its history and vendors; A still shows it but refuses writes', async () => {
      const kase = await makeCase({ db: a.database.db }, { title: 'Heap overflow in crackaddr()' })
      // Under an embargo agreed on A: its instant goes with the case, and A no longer releases at it.
      const endsAt = new Date(Math.ceil((Date.now() + 3600_000) / 1000) * 1000)
      await a.database.db
        .updateTable('cases')
        .set({ em_state: 'active', embargo_ends_at: endsAt })
        .where('id', '=', kase.id)
        .execute()
      await addNewVendorToCase(a.database.db, system, kase.id, {
        name: 'Sendmail Inc',
        email: 'security@sendmail.test',
      })
      const sent = await a.admin.post(`/api/v1/cases/${kase.id}/handoff`, { peerId: bAtA })
      expect(sent.statusCode).toBe(202)

      const offer = await offerOf(b, 'Heap overflow in crackaddr()')
      const accepted = await b.admin.post(`/api/v1/federation/offers/${offer.id}/accept`, {})
      expect(accepted.statusCode).toBe(200)
      const caseNumber = accepted.json().caseNumber as string

      // B: the case is its own, with the vendor that crossed and the history as A recorded it.
      const atB = (await b.admin.get(`/api/v1/cases/${caseNumber}`)).json()
      expect(atB.abilities.update).toBe(true)
      const takenOver = (await b.admin.get(`/api/v1/cases/${caseNumber}/handoff`)).json()
      expect(takenOver.takenOver.from).toBe('CERT-A')
      const sentences = takenOver.takenOver.history.map((h: { sentence: string }) => h.sentence)
      expect(sentences).toContain('Lockstep (console) added Sendmail Inc to the case')
      expect(sentences.some((s: string) => s.includes('offered to hand'))).toBe(false)
      const vendorAtB = await b.database.db
        .selectFrom('participants')
        .innerJoin('organizations', 'organizations.id', 'participants.organization_id')
        .innerJoin('organization_contacts', 'organization_contacts.organization_id', 'organizations.id')
        .select(['organizations.name', 'organization_contacts.email', 'participants.rm_state'])
        .where('participants.case_id', '=', atB.id)
        .execute()
      expect(vendorAtB).toEqual([{ name: 'Sendmail Inc', email: 'security@sendmail.test', rm_state: 'start' }])
      expect(await ledgerKinds(b, atB.id)).toContain('case.taken_over_from_peer')

      // A: handed over once B's Accept arrives; reads still work, every write is refused with 409.
      const handed = await eventually(
        async () => (await a.admin.get(`/api/v1/cases/${kase.id}/handoff`)).json(),
        (h) => h.handedOver !== null,
      )
      expect(handed.handedOver).toMatchObject({ to: 'CERT-B', url: `${b.url}/cases/${caseNumber}` })
      const write = await a.admin.post(`/api/v1/cases/${kase.id}/threads/case/messages`, {
        body: 'One more thing.',
        tlp: 'AMBER',
      })
      expect(write.statusCode).toBe(409)
      expect(write.json().detail).toMatch(/^This case was handed over to CERT-B at .+ UTC; it is read-only here$/)
      const again = await a.admin.post(`/api/v1/cases/${kase.id}/handoff`, { peerId: cAtA })
      expect(again.statusCode).toBe(409)
      const read = await a.admin.get(`/api/v1/cases/${kase.id}`)
      expect(read.statusCode).toBe(200)
      expect(read.json().abilities.update).toBe(false)
      expect((await a.admin.get(`/api/v1/cases/${kase.id}/threads/case`)).statusCode).toBe(200)
      expect((await ledgerKinds(a, kase.id)).slice(-4)).toEqual([
        'case.handoff_offered',
        'case.peer_answered',
        'case.handed_over',
        'case.embargo_shared',
      ])
      expect((await verifyCaseLedger(a.database.db, kase.id)).ok).toBe(true)

      // The agreed instant is in force on B through its embargo machine; A leaves the release to B.
      const embargoAtB = await eventually(
        () =>
          b.database.db
            .selectFrom('cases')
            .select(['em_state', 'embargo_ends_at'])
            .where('id', '=', atB.id)
            .executeTakeFirstOrThrow(),
        (x) => x.em_state === 'active',
      )
      expect(embargoAtB.embargo_ends_at?.toISOString()).toBe(endsAt.toISOString())
      expect(await dueReleases(a.database.db, endsAt)).not.toContain(kase.id)
      expect(await releaseCase(a.database.db, kase.id, endsAt, { kind: 'embargo_end' }, { config: a.config })).toEqual({
        released: false,
        why: 'handed over to a peer',
      })
    })

    it("moves the advisory draft with the case: the new owner's draft starts from it", async () => {
      const kase = await makeCase({ db: a.database.db }, { title: 'Draft goes along' })
      expect((await a.admin.get(`/api/v1/cases/${kase.id}/advisory`)).statusCode).toBe(200)
      const draft = {
        title: 'Remote root in crackaddr()',
        overview: 'Sendmail before 8.12.8 lets a remote attacker run code as root.',
        description: 'A buffer overflow in the address parser.',
        impact: 'Complete control of the mail server.',
        solution: 'Upgrade to 8.12.8.',
        references: [{ url: 'https://www.sendmail.org/8.12.8.html', summary: 'Release notes' }],
        credits: [{ name: 'Mark Dowd', contribution: 'found and reported the flaw' }],
      }
      const saved = await a.admin.put(`/api/v1/cases/${kase.id}/advisory`, { draft, note: 'Wording' })
      expect(saved.statusCode).toBe(200)
      const publicIdAtA = saved.json().id as string
      expect((await a.admin.post(`/api/v1/cases/${kase.id}/handoff`, { peerId: bAtA })).statusCode).toBe(202)
      const offer = await offerOf(b, 'Draft goes along')
      const accepted = await b.admin.post(`/api/v1/federation/offers/${offer.id}/accept`, {})
      const caseNumber = accepted.json().caseNumber as string

      const atB = (await b.admin.get(`/api/v1/cases/${caseNumber}/advisory`)).json()
      // No finder named with consent: the credits (a person's name) stay home, the rest crosses.
      expect(atB.draft).toEqual({ ...draft, credits: [] })
      expect(atB.version).toBe(1)
      expect(atB.versions.map((v: { note: string }) => v.note)).toEqual([
        `Draft from CERT-A (${publicIdAtA}, version 2)`,
      ])
      const caseAtB = (await b.admin.get(`/api/v1/cases/${caseNumber}`)).json()
      const kinds = await ledgerKinds(b, caseAtB.id)
      expect(kinds.indexOf('advisory.draft_from_peer')).toBeGreaterThan(kinds.indexOf('case.opened'))
      expect((await verifyCaseLedger(b.database.db, caseAtB.id)).ok).toBe(true)
    })

    it('a declined hand-over changes nothing but the ledger', async () => {
      const kase = await makeCase({ db: a.database.db }, { title: 'Declined hand-over' })
      expect((await a.admin.post(`/api/v1/cases/${kase.id}/handoff`, { peerId: cAtA })).statusCode).toBe(202)
      const offer = await offerOf(c, 'Declined hand-over')
      const declined = await c.admin.post(`/api/v1/federation/offers/${offer.id}/decline`, { reason: 'Not ours.' })
      expect(declined.statusCode).toBe(200)
      await eventually(
        () => ledgerKinds(a, kase.id),
        (k) => k.includes('case.peer_answered'),
      )
      expect((await a.admin.get(`/api/v1/cases/${kase.id}/handoff`)).json().handedOver).toBeNull()
      const write = await a.admin.post(`/api/v1/cases/${kase.id}/threads/case/messages`, {
        body: 'Still ours.',
        tlp: 'AMBER',
      })
      expect(write.statusCode).toBe(201)
    })

    it('offers a case to two peers at once, with when each was told, reached and answered', async () => {
      const kase = await makeCase({ db: a.database.db }, { title: 'Told to two' })
      const sent = await a.admin.post(`/api/v1/cases/${kase.id}/peer-offers`, { peerIds: [bAtA, cAtA] })
      expect(sent.statusCode).toBe(202)
      expect(sent.json().offers.map((o: { peerId: string }) => o.peerId)).toEqual([bAtA, cAtA])
      const offer = await offerOf(b, 'Told to two')
      await offerOf(c, 'Told to two')
      expect((await b.admin.post(`/api/v1/federation/offers/${offer.id}/accept`, {})).statusCode).toBe(200)

      const peersTold = () => a.admin.get(`/api/v1/cases/${kase.id}/peers-told`).then((r) => r.json() as PeersTold)
      const seen = await eventually(peersTold, (p) => p.told.every((t) => t.deliveredAt) && !!p.told[0]?.answeredAt)
      expect(seen.told.map((t) => [t.peerName, t.kind, t.state])).toEqual([
        ['CERT-B', 'invite', 'accepted'],
        ['CERT-C', 'invite', 'offered'],
      ])
      for (const t of seen.told) expect(Date.parse(t.deliveredAt!)).toBeGreaterThanOrEqual(Date.parse(t.toldAt))
      expect(Date.parse(seen.told[0]!.answeredAt!)).toBeGreaterThanOrEqual(Date.parse(seen.told[0]!.toldAt))
    })

    it('records a peer deliberately told later, with the justification', async () => {
      const kase = await makeCase({ db: a.database.db }, { title: 'Told later' })
      const until = '2027-01-15T09:00:00.000Z'
      const justification = 'The vendor asked for a week before the national CSIRT hears of it.'
      const deferred = await a.admin.post(`/api/v1/cases/${kase.id}/peer-offers/deferrals`, {
        peerId: cAtA,
        justification,
        until,
      })
      expect(deferred.statusCode).toBe(201)
      const told = (await a.admin.get(`/api/v1/cases/${kase.id}/peers-told`)).json() as PeersTold
      expect(told.told).toEqual([])
      expect(told.deferred).toEqual([
        {
          peerId: cAtA,
          peerName: 'CERT-C',
          justification,
          until,
          decidedAt: expect.any(String),
          decidedBy: expect.any(String),
        },
      ])
      expect(await ledgerKinds(a, kase.id)).toContain('case.peer_offer_deferred')
    })

    it('refuses a peer that is not pinned (naming its place) and an empty justification, changing nothing', async () => {
      const kase = await makeCase({ db: a.database.db }, { title: 'Refusals' })
      const before = await ledgerKinds(a, kase.id)
      const unknown = await a.admin.post(`/api/v1/cases/${kase.id}/peer-offers`, { peerIds: [bAtA, randomUUID()] })
      expect(unknown.statusCode).toBe(422)
      expect(JSON.stringify(unknown.json())).toContain('peerIds.1')
      expect(JSON.stringify(unknown.json())).not.toContain('peerIds.0')
      const empty = await a.admin.post(`/api/v1/cases/${kase.id}/peer-offers/deferrals`, {
        peerId: cAtA,
        justification: '   ',
      })
      expect(empty.statusCode).toBe(422)
      expect(JSON.stringify(empty.json())).toContain('justification')
      const none = await a.admin.post(`/api/v1/cases/${kase.id}/peer-offers`, { peerIds: [] })
      expect(none.statusCode).toBe(422)
      expect(JSON.stringify(none.json())).toContain('peerIds')
      expect(await ledgerKinds(a, kase.id)).toEqual(before)
      expect((await a.admin.get(`/api/v1/cases/${kase.id}/peers-told`)).json().told).toEqual([])
    })
  })
}
