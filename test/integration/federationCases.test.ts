// Federation's case protocol between two instances (each its own database, loopback ports):
// CERT-A offers a case to CERT-B (a Vultron RmInviteToCase); B's coordinators see only what A's
// policy let cross (no TLP:RED or AMBER+STRICT, no private thread, no finder's name without
// consent), accept it (a shared case opened on B, linked to A's) or decline it with a reason; both
// case ledgers and both instance ledgers record every message. A TLP:RED case is refused before
// anything is queued; an offer made while B is down arrives when B is back; the embargo instant in
// force (on either side, and with a third instance) reaches every sharing instance through its
// embargo machine, and each releases at it, once, never early, with another one down; an answer to
// an invitation never sent and a TLP:RED case from a peer are refused at the inbox.
import { randomUUID } from 'node:crypto'
import { releaseCase } from '../../src/commands/release/release.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signedPostHeaders } from '../../src/commands/federation/signing.js'
import { answerInvite, inviteToCase } from '../../src/domain/federation/caseOffer.js'
import { ensureFederationKey } from '../../src/store/federation/key.js'
import { verifyInstanceLedger } from '../../src/store/federation/instanceLedger.js'
import { verifyCaseLedger } from '../../src/store/ledger.js'
import { availableBackends } from '../support/databases.js'
import { makeCase, makeUser } from '../support/factories.js'
import {
  closeAll,
  eventually,
  ledgerOf,
  pinPeer,
  startInstance,
  startPinnedPair,
  type Instance,
} from '../support/federatedInstances.js'

interface OfferJson {
  id: string
  state: string
  title: string
  tlp: string
  notes: { content: string; tlp: string }[]
  finders: (string | null)[]
  originCaseUrl: string
  sharedCaseUrl: string | null
  caseNumber: string | null
  reason: string | null
}

/** A case on `i` with a finder, and messages: case-wide AMBER and RED, and one in the finder's private thread. */
async function caseWithThreads(i: Instance, title: string, finderName: string) {
  const db = i.database.db
  const finder = await makeUser(db, { name: finderName })
  const c = await makeCase({ db }, { finder, title })
  const finderSeat = await db
    .selectFrom('participants')
    .select('id')
    .where('case_id', '=', c.id)
    .where('user_id', '=', finder.id)
    .executeTakeFirstOrThrow()
  await db
    .insertInto('case_messages')
    .values([
      { case_id: c.id, body: 'Affects 8.12 and later; patch attached soon.', tlp: 'AMBER' },
      { case_id: c.id, body: 'The exploit works on the ministry’s mail relay.', tlp: 'RED' },
      { case_id: c.id, participant_id: finderSeat.id, body: 'Please keep my employer out of it.', tlp: 'AMBER' },
    ])
    .execute()
  return c
}

for (const backend of availableBackends()) {
  describe(`federation: sharing a case [${backend}]`, () => {
    let a: Instance, b: Instance
    let bAtA: string
    beforeAll(async () => {
      ;({ a, b, bAtA } = await startPinnedPair(backend))
    })
    afterAll(() => closeAll(a, b))

    const offersAtB = async () => (await b.admin.get('/api/v1/federation/offers')).json() as OfferJson[]
    const outboxCount = async () =>
      Number(
        (
          await a.database.db
            .selectFrom('federation_outbox')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )

    it('refuses to offer a TLP:RED or AMBER+STRICT case, or to an unknown peer, and queues nothing', async () => {
      const c = await makeCase({ db: a.database.db }, { title: 'Red case' })
      const before = await outboxCount()
      for (const tlp of ['RED', 'AMBER+STRICT'] as const) {
        await a.database.db.updateTable('cases').set({ tlp }).where('id', '=', c.id).execute()
        const refused = await a.admin.post(`/api/v1/cases/${c.id}/peer-offers`, { peerId: bAtA })
        expect(refused.statusCode).toBe(409)
        expect(refused.json().detail).toContain(`TLP:${tlp}`)
      }
      const unknown = await a.admin.post(`/api/v1/cases/${c.id}/peer-offers`, { peerId: randomUUID() })
      expect(unknown.statusCode).toBe(404)
      const bad = await a.admin.post(`/api/v1/cases/${c.id}/peer-offers`, { peerId: 'CERT-B' })
      expect(bad.statusCode).toBe(422)
      expect(JSON.stringify(bad.json())).toContain('peerId')
      expect(await outboxCount()).toBe(before)
      expect(await ledgerOf(a, c.id, 'case.offered_to_peer')).toEqual([])
    })

    it('offers a case; B sees only what A lets cross, accepts it, and both sides record it', async () => {
      const c = await caseWithThreads(a, 'Remote root in prescan()', 'Eve Finder')
      const sent = await a.admin.post(`/api/v1/cases/${c.id}/peer-offers`, { peerId: bAtA })
      expect(sent.statusCode).toBe(202)
      const { activityId } = sent.json() as { activityId: string }

      const [offer] = await eventually(offersAtB, (o) => o.length === 1)
      expect(offer).toMatchObject({
        state: 'offered',
        title: 'Remote root in prescan()',
        tlp: 'AMBER',
        originCaseUrl: `${a.url}/cases/${c.case_number}`,
        finders: [null],
      })
      // The RED message and the finder's private thread stayed on A.
      expect(offer!.notes).toEqual([{ content: 'Affects 8.12 and later; patch attached soon.', tlp: 'AMBER' }])

      const accepted = await b.admin.post(`/api/v1/federation/offers/${offer!.id}/accept`, {})
      expect(accepted.statusCode).toBe(200)
      const caseNumber = accepted.json().caseNumber as string
      const shared = (await b.admin.get(`/api/v1/cases/${caseNumber}`)).json()
      expect(shared.title).toBe('Remote root in prescan()')
      expect(shared.abilities.offer_to_peer).toBe(true)
      const sharedId = shared.id as string
      const sharedNotes = await b.database.db
        .selectFrom('case_messages')
        .select('body')
        .where('case_id', '=', sharedId)
        .execute()
      expect(sharedNotes.map((m) => m.body)).toEqual(['From CERT-A: Affects 8.12 and later; patch attached soon.'])
      expect(await ledgerOf(b, sharedId, 'case.shared_from_peer')).toEqual([
        {
          payload: expect.objectContaining({
            peer: a.url,
            originCaseUrl: `${a.url}/cases/${c.case_number}`,
            inviteActivityId: activityId,
          }),
        },
      ])
      // Answering twice is refused; the offer now points at the shared case.
      expect((await b.admin.post(`/api/v1/federation/offers/${offer!.id}/decline`, {})).statusCode).toBe(409)
      expect((await offersAtB())[0]).toMatchObject({ state: 'accepted', caseNumber })

      const atA = await eventually(
        async () => (await a.admin.get(`/api/v1/cases/${c.id}/peer-offers`)).json().offers as OfferJson[],
        (o) => o[0]?.state === 'accepted',
      )
      expect(atA[0]).toMatchObject({ state: 'accepted', sharedCaseUrl: `${b.url}/cases/${caseNumber}` })
      expect(await ledgerOf(a, c.id, 'case.offered_to_peer')).toEqual([
        {
          payload: expect.objectContaining({
            peer: b.url,
            activityId,
            crossed: expect.objectContaining({ notes: 1, keptHome: 2, findersNamed: 0 }),
          }),
        },
      ])
      expect(await ledgerOf(a, c.id, 'case.peer_answered')).toEqual([
        { payload: expect.objectContaining({ accepted: true, sharedCaseUrl: `${b.url}/cases/${caseNumber}` }) },
      ])
      // Offered again to the same peer: refused while the first stands.
      expect((await a.admin.post(`/api/v1/cases/${c.id}/peer-offers`, { peerId: bAtA })).statusCode).toBe(409)
      for (const [i, id] of [
        [a, c.id],
        [b, sharedId],
      ] as const)
        expect((await verifyCaseLedger(i.database.db, id)).ok).toBe(true)
    })

    it('names the finder only with consent; an offer made while B is down arrives later; B declines it', async () => {
      const c = await caseWithThreads(a, 'Header overflow in sendmail', 'Mallory Reporter')
      await b.goDown()
      try {
        const sent = await a.admin.post(`/api/v1/cases/${c.id}/peer-offers`, {
          peerId: bAtA,
          shareFinderIdentity: true,
        })
        expect(sent.statusCode).toBe(202)
        const waiting = await eventually(
          () =>
            a.database.db
              .selectFrom('federation_outbox')
              .select(['attempts', 'status'])
              .where('activity_id', '=', sent.json().activityId)
              .executeTakeFirstOrThrow(),
          (row) => row.attempts >= 2,
        )
        expect(waiting.status).not.toBe('delivered')
      } finally {
        await b.comeBack()
      }
      const offers = await eventually(offersAtB, (o) => o.some((x) => x.title === 'Header overflow in sendmail'), 30)
      const offer = offers.find((x) => x.title === 'Header overflow in sendmail')!
      expect(offer.finders).toEqual(['Mallory Reporter'])
      const declined = await b.admin.post(`/api/v1/federation/offers/${offer.id}/decline`, {
        reason: 'Not in our constituency',
      })
      expect(declined.statusCode).toBe(200)
      expect(declined.json().caseNumber).toBeNull()
      const atA = await eventually(
        async () => (await a.admin.get(`/api/v1/cases/${c.id}/peer-offers`)).json().offers as OfferJson[],
        (o) => o[0]?.state === 'declined',
      )
      expect(atA[0]!.reason).toBe('Not in our constituency')
      expect(await ledgerOf(a, c.id, 'case.peer_answered')).toEqual([
        { payload: expect.objectContaining({ accepted: false, reason: 'Not in our constituency' }) },
      ])
      const answered = await b.database.db
        .selectFrom('instance_ledger_entries')
        .select('payload')
        .where('kind', '=', 'case_offer.answered')
        .execute()
      expect(answered.map((e) => (e.payload as { accepted: boolean }).accepted).sort()).toEqual([false, true])
      expect((await verifyInstanceLedger(a.database.db)).ok).toBe(true)
      expect((await verifyInstanceLedger(b.database.db)).ok).toBe(true)
    })

    // The first release in a process starts the CSAF validator's worker thread (loaded from source):
    // on a busy machine that alone can take most of a minute. The timeout only guards against a hang.
    it(
      'one embargo instant: the terms in force on A reach B as it accepts; each releases at that instant, once, never early, with the other down',
      { timeout: 180_000 },
      async () => {
        const endsAt = new Date(Date.now() + 3600_000)
        const c = await makeCase({ db: a.database.db }, { title: 'Embargoed overflow' })
        await a.database.db
          .updateTable('cases')
          .set({ em_state: 'active', embargo_ends_at: endsAt })
          .where('id', '=', c.id)
          .execute()
        expect((await a.admin.post(`/api/v1/cases/${c.id}/peer-offers`, { peerId: bAtA })).statusCode).toBe(202)
        const offers = await eventually(offersAtB, (o) => o.some((x) => x.title === 'Embargoed overflow'))
        const offer = offers.find((x) => x.title === 'Embargoed overflow')!
        const caseNumber = (await b.admin.post(`/api/v1/federation/offers/${offer.id}/accept`, {})).json()
          .caseNumber as string
        const sharedAtB = () =>
          b.database.db
            .selectFrom('cases')
            .select(['id', 'em_state', 'embargo_ends_at'])
            .where('case_number', '=', caseNumber)
            .executeTakeFirstOrThrow()
        const shared = await eventually(sharedAtB, (x) => x.em_state === 'active')
        expect(shared.embargo_ends_at?.toISOString()).toBe(endsAt.toISOString())
        expect(await ledgerOf(a, c.id, 'case.embargo_shared')).toEqual([
          { payload: expect.objectContaining({ peer: b.url, endsAt: endsAt.toISOString() }) },
        ])
        expect(await ledgerOf(b, shared.id, 'embargo.active')).toEqual([
          { payload: expect.objectContaining({ peer: a.url, endsAt: endsAt.toISOString() }) },
        ])

        const release = (i: Instance, caseId: string, at: Date) =>
          releaseCase(i.database.db, caseId, at, { kind: 'embargo_end' }, { config: i.config })
        const justBefore = new Date(endsAt.getTime() - 1)
        // B is unreachable at the instant: A releases on its own, then B does when it runs again.
        await b.goDown()
        try {
          expect(await release(a, c.id, justBefore)).toEqual({ released: false, why: 'not yet' })
          expect(await release(a, c.id, endsAt)).toMatchObject({ released: true, lateMs: 0 })
          expect(await release(a, c.id, endsAt)).toEqual({ released: false, why: 'already released' })
        } finally {
          await b.comeBack()
        }
        expect(await release(b, shared.id, justBefore)).toEqual({ released: false, why: 'not yet' })
        expect(await release(b, shared.id, endsAt)).toMatchObject({ released: true, lateMs: 0 })
        expect(await release(b, shared.id, endsAt)).toEqual({ released: false, why: 'already released' })
        for (const [i, id] of [
          [a, c.id],
          [b, shared.id],
        ] as const) {
          const released = await ledgerOf(i, id, 'advisory.released')
          expect(released).toHaveLength(1)
        }
      },
    )

    it('terms agreed on B after sharing reach A through the embargo machine, with their ledger entries', async () => {
      const c = await makeCase({ db: a.database.db }, { title: 'Agreed on the other side' })
      expect((await a.admin.post(`/api/v1/cases/${c.id}/peer-offers`, { peerId: bAtA })).statusCode).toBe(202)
      const offers = await eventually(offersAtB, (o) => o.some((x) => x.title === 'Agreed on the other side'))
      const offer = offers.find((x) => x.title === 'Agreed on the other side')!
      const caseNumber = (await b.admin.post(`/api/v1/federation/offers/${offer.id}/accept`, {})).json()
        .caseNumber as string
      await eventually(
        async () => (await a.admin.get(`/api/v1/cases/${c.id}/peer-offers`)).json().offers as OfferJson[],
        (o) => o[0]?.state === 'accepted',
      )
      const endsAt = new Date(Date.now() + 14 * 86400_000)
      endsAt.setUTCSeconds(0, 0)
      const proposed = await b.admin.post(`/api/v1/cases/${caseNumber}/embargo/proposals`, {
        endsAt: endsAt.toISOString(),
      })
      expect(proposed.statusCode).toBe(201)
      const sealed = await b.admin.post(
        `/api/v1/cases/${caseNumber}/embargo/proposals/${proposed.json().open.id}/answer`,
        {
          answer: 'accept',
        },
      )
      expect(sealed.json()).toMatchObject({ state: 'active' })
      const atA = await eventually(
        () =>
          a.database.db
            .selectFrom('cases')
            .select(['em_state', 'embargo_ends_at'])
            .where('id', '=', c.id)
            .executeTakeFirstOrThrow(),
        (x) => x.em_state === 'active',
      )
      expect(atA.embargo_ends_at?.toISOString()).toBe(endsAt.toISOString())
      expect((await ledgerOf(a, c.id, 'embargo.proposed')).map((e) => e.payload)).toEqual([
        expect.objectContaining({ peer: b.url, endsAt: endsAt.toISOString() }),
      ])
      expect((await a.admin.get(`/api/v1/cases/${c.id}/embargo`)).statusCode).toBe(200)
    })

    it('three instances: A offers to B and C, both accept, the instant agreed on A reaches both, all three release at it', async () => {
      const c3 = await startInstance(backend, 'CERT-C')
      try {
        const cAtA = await pinPeer(a, c3)
        await pinPeer(c3, a)
        const c = await makeCase({ db: a.database.db }, { title: 'Three coordinators' })
        for (const peerId of [bAtA, cAtA])
          expect((await a.admin.post(`/api/v1/cases/${c.id}/peer-offers`, { peerId })).statusCode).toBe(202)
        const shared: { i: Instance; caseId: string }[] = [{ i: a, caseId: c.id }]
        for (const i of [b, c3]) {
          const offers = await eventually(
            async () => (await i.admin.get('/api/v1/federation/offers')).json() as OfferJson[],
            (o) => o.some((x) => x.title === 'Three coordinators'),
          )
          const offer = offers.find((x) => x.title === 'Three coordinators')!
          const number = (await i.admin.post(`/api/v1/federation/offers/${offer.id}/accept`, {})).json().caseNumber
          const row = await i.database.db
            .selectFrom('cases')
            .select('id')
            .where('case_number', '=', number)
            .executeTakeFirstOrThrow()
          shared.push({ i, caseId: row.id })
        }
        await eventually(
          async () => (await a.admin.get(`/api/v1/cases/${c.id}/peer-offers`)).json().offers as OfferJson[],
          (o) => o.length === 2 && o.every((x) => x.state === 'accepted'),
        )
        // Terms agreed on A after both joined: A's embargo machine sends them to both.
        const endsAt = new Date(Date.now() + 14 * 86400_000)
        endsAt.setUTCSeconds(0, 0)
        const proposed = await a.admin.post(`/api/v1/cases/${c.id}/embargo/proposals`, { endsAt: endsAt.toISOString() })
        expect(proposed.statusCode).toBe(201)
        const sealed = await a.admin.post(`/api/v1/cases/${c.id}/embargo/proposals/${proposed.json().open.id}/answer`, {
          answer: 'accept',
        })
        expect(sealed.json()).toMatchObject({ state: 'active' })
        for (const { i, caseId } of shared) {
          const row = await eventually(
            () =>
              i.database.db
                .selectFrom('cases')
                .select(['em_state', 'embargo_ends_at'])
                .where('id', '=', caseId)
                .executeTakeFirstOrThrow(),
            (x) => x.em_state === 'active',
          )
          expect(row.embargo_ends_at?.toISOString()).toBe(endsAt.toISOString())
        }
        const outcomes = []
        for (const { i, caseId } of shared) {
          const release = (at: Date) =>
            releaseCase(i.database.db, caseId, at, { kind: 'embargo_end' }, { config: i.config })
          expect(await release(new Date(endsAt.getTime() - 1))).toEqual({ released: false, why: 'not yet' })
          outcomes.push(await release(endsAt))
          expect(await release(endsAt)).toEqual({ released: false, why: 'already released' })
        }
        expect(outcomes).toEqual([0, 1, 2].map(() => expect.objectContaining({ released: true, lateMs: 0 })))
      } finally {
        await c3.close()
      }
    })

    it('refuses at the inbox an answer to an invitation never sent, and a TLP:RED case', async () => {
      const key = await ensureFederationKey(b.database.db)
      const post = async (activity: unknown) => {
        const body = JSON.stringify(activity)
        const headers = signedPostHeaders(key, { inboxUrl: `${a.url}/federation/inbox`, body })
        return fetch(`${a.url}/federation/inbox`, { method: 'POST', headers, body })
      }
      const from = `${b.url}/federation/actor`
      const to = `${a.url}/federation/actor`
      const stray = await post(
        answerInvite({
          id: `${b.url}/federation/activities/${randomUUID()}`,
          from,
          to,
          inviteId: `${a.url}/federation/activities/${randomUUID()}`,
          accepted: true,
          at: new Date(),
        }),
      )
      expect(stray.status).toBe(422)
      expect(((await stray.json()) as { detail: string }).detail).toMatch(/no invitation/)
      const red = await post(
        inviteToCase({
          id: `${b.url}/federation/activities/${randomUUID()}`,
          from,
          to,
          by: 'B',
          at: new Date(),
          object: {
            type: 'VulnerabilityCase',
            id: `${b.url}/cases/LS-2026-0001`,
            name: 'Red',
            summary: '',
            'lockstep:caseNumber': 'LS-2026-0001',
            'lockstep:tlp': 'RED',
            'lockstep:vulnerabilities': [],
            'lockstep:notes': [],
            'lockstep:finders': [],
          },
        }),
      )
      expect(red.status).toBe(422)
      expect(
        await a.database.db
          .selectFrom('federation_case_offers')
          .select('id')
          .where('direction', '=', 'received')
          .execute(),
      ).toEqual([])
    })
  })
}
