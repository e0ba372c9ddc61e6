// The embargo negotiated across two instances sharing a case, and the advisories that name each
// other (issue 17): A proposes, the proposal is on B's table; a vendor on B counters it; A sees the
// counter-proposal and agrees; the instant is the same on both and both release at it, once; each
// released CSAF document lists the other's advisory and each OSV record aliases the other's. An
// embargo ended early on B ends on A, and is not sent back. (federationCases.test.ts: the offer.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { releaseCase } from '../../src/commands/release/release.js'
import { nextCounter } from '../../src/store/counters.js'
import { verifyCaseLedger } from '../../src/store/ledger.js'
import { signedIn } from '../support/api.js'
import { availableBackends } from '../support/databases.js'
import { makeCase, makeMember, makeOrganization } from '../support/factories.js'
import { closeAll, eventually, ledgerOf, startPinnedPair, type Instance } from '../support/federatedInstances.js'

for (const backend of availableBackends()) {
  describe(`federation: the embargo negotiated across instances [${backend}]`, () => {
    let a: Instance, b: Instance
    let bAtA: string
    beforeAll(async () => {
      ;({ a, b, bAtA } = await startPinnedPair(backend))
    })
    afterAll(() => closeAll(a, b))

    const offersAtB = async () =>
      (await b.admin.get('/api/v1/federation/offers')).json() as { id: string; title: string }[]
    const acceptedAtA = async (caseId: string) =>
      (await a.admin.get(`/api/v1/cases/${caseId}/peer-offers`)).json().offers as { state: string }[]

    /** A case on A offered to B and accepted there: its id on A, its number and id on B. */
    async function sharedWithB(title: string) {
      const c = await makeCase({ db: a.database.db }, { title })
      expect((await a.admin.post(`/api/v1/cases/${c.id}/peer-offers`, { peerId: bAtA })).statusCode).toBe(202)
      const offers = await eventually(offersAtB, (o) => o.some((x) => x.title === title))
      const offer = offers.find((x) => x.title === title)!
      const caseNumber = (await b.admin.post(`/api/v1/federation/offers/${offer.id}/accept`, {})).json()
        .caseNumber as string
      await eventually(
        () => acceptedAtA(c.id),
        (o) => o[0]?.state === 'accepted',
      )
      const sharedId = (
        await b.database.db
          .selectFrom('cases')
          .select('id')
          .where('case_number', '=', caseNumber)
          .executeTakeFirstOrThrow()
      ).id
      return { caseId: c.id, caseNumber, sharedId }
    }
    const embargoAt = async (i: Instance, caseRef: string) =>
      (await i.admin.get(`/api/v1/cases/${caseRef}/embargo`)).json() as {
        state: string
        endsAt: string | null
        open: { id: string; endsAt: string; proposer: string; kind: string } | null
      }
    const daysAhead = (days: number) => {
      const at = new Date(Date.now() + days * 86400_000)
      at.setUTCSeconds(0, 0)
      return at
    }

    /** The CSAF document and OSV records released for the case on `i`, with the advisory's id. */
    async function releasedDocuments(i: Instance, caseId: string) {
      const advisory = await i.database.db
        .selectFrom('advisories')
        .select(['id', 'public_id'])
        .where('case_id', '=', caseId)
        .executeTakeFirstOrThrow()
      const docs = await i.database.db
        .selectFrom('published_documents')
        .select(['path', 'body'])
        .where('advisory_id', '=', advisory.id)
        .execute()
      const parsed = docs
        .filter((d) => d.path.endsWith('.json'))
        .map((d) => JSON.parse(String(d.body)) as Record<string, unknown>)
      const csaf = parsed.find((d) => (d.document as { csaf_version?: string } | undefined)?.csaf_version === '2.0')
      const osv = parsed.filter((d) => typeof d.schema_version === 'string')
      return {
        publicId: advisory.public_id,
        references: (csaf?.document as { references: { category: string; url: string }[] }).references,
        osv: osv as { id: string; aliases?: string[]; references: { url: string }[] }[],
      }
    }

    it("a vendor on B counters A's proposal; A sees the counter-proposal and agrees; one instant on both, both release at it; the advisories name each other", async () => {
      // B's advisory numbers run ahead of A's, so that the two instances' OSV ids differ.
      for (let n = 0; n < 20; n++) await nextCounter(b.database.db, `advisory-${new Date().getUTCFullYear()}`)
      const { caseId, caseNumber, sharedId } = await sharedWithB('Negotiated across instances')
      const org = await makeOrganization(b.database.db, { name: 'Nordic Router Oy', kind: 'vendor' })
      await b.database.db
        .insertInto('organization_contacts')
        .values({ organization_id: org.id, email: 'security@nordic-router.example' })
        .execute()
      const vendor = await signedIn(b.app, await makeMember(b.database.db, org, 'admin'))
      const notified = await b.admin.post(`/api/v1/cases/${sharedId}/vendors/notify`, { organizationIds: [org.id] })
      expect(notified.statusCode).toBe(200)

      // A proposes: the proposal is on the table on B, where B's vendor can answer it.
      const first = daysAhead(30)
      expect(
        (await a.admin.post(`/api/v1/cases/${caseId}/embargo/proposals`, { endsAt: first.toISOString() })).statusCode,
      ).toBe(201)
      const atB = await eventually(
        () => embargoAt(b, caseNumber),
        (e) => e.open?.endsAt === first.toISOString(),
      )
      expect(atB.state).toBe('proposed')
      expect(atB.open!.proposer).toContain('CERT-A')
      expect((await ledgerOf(b, sharedId, 'embargo.proposed')).map((e) => e.payload)).toEqual([
        expect.objectContaining({ peer: a.url, endsAt: first.toISOString() }),
      ])

      // B's vendor counters; A sees the counter-proposal on its table and agrees to it.
      const counter = daysAhead(45)
      const countered = await vendor.post(`/api/v1/cases/${sharedId}/embargo/proposals`, {
        endsAt: counter.toISOString(),
      })
      expect(countered.statusCode).toBe(201)
      const atA = await eventually(
        () => embargoAt(a, caseId),
        (e) => e.open?.endsAt === counter.toISOString(),
      )
      expect(atA.open!.proposer).toContain('Nordic Router Oy')
      expect(atA.open!.proposer).toContain('CERT-B')
      expect((await ledgerOf(a, caseId, 'embargo.countered')).map((e) => e.payload)).toEqual([
        expect.objectContaining({ peer: b.url, endsAt: counter.toISOString() }),
      ])
      const agreed = await a.admin.post(`/api/v1/cases/${caseId}/embargo/proposals/${atA.open!.id}/answer`, {
        answer: 'accept',
      })
      expect(agreed.json()).toMatchObject({ state: 'active', endsAt: counter.toISOString() })
      const nowAtB = await eventually(
        () => embargoAt(b, caseNumber),
        (e) => e.state === 'active',
      )
      expect(nowAtB.endsAt).toBe(counter.toISOString())
      // A's own proposal crossed once and the counter did not come back to B.
      expect(await ledgerOf(a, caseId, 'case.embargo_proposal_shared')).toHaveLength(1)
      expect(await ledgerOf(b, sharedId, 'case.embargo_proposal_shared')).toHaveLength(1)

      // A's advisory, announced once A took B's Accept, is known on B before the instant.
      await eventually(
        () => ledgerOf(b, sharedId, 'case.peer_advisory'),
        (e) => e.length === 1,
      )
      for (const [i, id] of [
        [a, caseId],
        [b, sharedId],
      ] as const) {
        const release = (at: Date) => releaseCase(i.database.db, id, at, { kind: 'embargo_end' }, { config: i.config })
        expect(await release(new Date(counter.getTime() - 1))).toEqual({ released: false, why: 'not yet' })
        expect(await release(counter)).toMatchObject({ released: true, lateMs: 0 })
        expect(await release(counter)).toEqual({ released: false, why: 'already released' })
        expect((await verifyCaseLedger(i.database.db, id)).ok).toBe(true)
      }
      // Released at its term, the embargo's end is not sent as an early end.
      expect(await ledgerOf(a, caseId, 'case.embargo_end_shared')).toEqual([])
      // Each side's advisory names the other's: CSAF references, OSV aliases.
      const atAReleased = await releasedDocuments(a, caseId)
      const atBReleased = await releasedDocuments(b, sharedId)
      expect(atAReleased.publicId).not.toBe(atBReleased.publicId)
      expect(atAReleased.references).toContainEqual(
        expect.objectContaining({ category: 'external', url: `${b.url}/advisories/${atBReleased.publicId}` }),
      )
      expect(atBReleased.references).toContainEqual(
        expect.objectContaining({ category: 'external', url: `${a.url}/advisories/${atAReleased.publicId}` }),
      )
      expect(atAReleased.osv.length).toBeGreaterThan(0)
      expect(atAReleased.osv[0]!.aliases).toContain(atBReleased.osv[0]!.id)
      expect(atBReleased.osv[0]!.aliases).toContain(atAReleased.osv[0]!.id)
      expect((await ledgerOf(a, caseId, 'case.peer_advisory')).map((e) => e.payload)).toEqual([
        expect.objectContaining({ peer: b.url, advisory: atBReleased.publicId }),
      ])
    })

    it('an embargo ended early on B ends on A, with its ledger entry, and is not sent back', async () => {
      const { caseId, caseNumber, sharedId } = await sharedWithB('Ended early on the other side')
      const endsAt = daysAhead(20)
      const proposed = await a.admin.post(`/api/v1/cases/${caseId}/embargo/proposals`, { endsAt: endsAt.toISOString() })
      const sealed = await a.admin.post(`/api/v1/cases/${caseId}/embargo/proposals/${proposed.json().open.id}/answer`, {
        answer: 'accept',
      })
      expect(sealed.json()).toMatchObject({ state: 'active' })
      await eventually(
        () => embargoAt(b, caseNumber),
        (e) => e.state === 'active',
      )
      const ended = await b.admin.post(`/api/v1/cases/${caseNumber}/embargo/terminate`, {
        reason: 'Exploit seen in the wild',
      })
      expect(ended.statusCode).toBeLessThan(300)
      const atA = await eventually(
        () => embargoAt(a, caseId),
        (e) => e.state === 'exited',
      )
      expect(atA.state).toBe('exited')
      expect((await ledgerOf(a, caseId, 'embargo.ended')).map((e) => e.payload)).toEqual([
        expect.objectContaining({ reason: 'Exploit seen in the wild (ended at CERT-B)' }),
      ])
      expect(await ledgerOf(b, sharedId, 'case.embargo_end_shared')).toEqual([
        { payload: expect.objectContaining({ peer: a.url, reason: 'Exploit seen in the wild' }) },
      ])
      expect(await ledgerOf(a, caseId, 'case.embargo_end_shared')).toEqual([])
    })

    /** A vendor with a contact, notified on the case on `i`: a party asked about the embargo there. */
    async function vendorOn(i: Instance, caseRef: string, name: string) {
      const org = await makeOrganization(i.database.db, { name, kind: 'vendor' })
      await i.database.db
        .insertInto('organization_contacts')
        .values({ organization_id: org.id, email: `security@${org.id}.example` })
        .execute()
      expect(
        (await i.admin.post(`/api/v1/cases/${caseRef}/vendors/notify`, { organizationIds: [org.id] })).statusCode,
      ).toBe(200)
      return signedIn(i.app, await makeMember(i.database.db, org, 'admin'))
    }
    type Answer = { participantId: string | null; name: string; state: string }
    const answersAt = async (i: Instance, caseRef: string) =>
      (await i.admin.get(`/api/v1/cases/${caseRef}/embargo`)).json() as {
        state: string
        open: { id: string; answers: Answer[] } | null
      }
    const answerOf = (e: { open: { answers: Answer[] } | null }, name: string) =>
      e.open?.answers.find((x) => x.name === name)?.state

    it("a vendor on B accepts, then a vendor on A: sealed on A only once both have; each side keeps the other's signed ledger head", async () => {
      const { caseId, caseNumber, sharedId } = await sharedWithB('Answers counted where proposed')
      const vendorA = await vendorOn(a, caseId, 'Alpine Switch AG')
      const vendorB = await vendorOn(b, sharedId, 'Nordic Router Oy')
      const endsAt = daysAhead(25)
      expect(
        (await a.admin.post(`/api/v1/cases/${caseId}/embargo/proposals`, { endsAt: endsAt.toISOString() })).statusCode,
      ).toBe(201)
      // B's parties appear on A's list as soon as the proposal is on B's table (its Read).
      const asked = await eventually(
        () => answersAt(a, caseId),
        (e) => answerOf(e, 'Nordic Router Oy (CERT-B)') === 'invited',
      )
      expect(asked.open!.answers.map((x) => x.name)).toEqual(
        expect.arrayContaining(['Alpine Switch AG', 'Nordic Router Oy (CERT-B)']),
      )
      const atB = await eventually(
        () => embargoAt(b, caseNumber),
        (e) => e.open?.endsAt === endsAt.toISOString(),
      )
      const byB = await vendorB.post(`/api/v1/cases/${sharedId}/embargo/proposals/${atB.open!.id}/answer`, {
        answer: 'accept',
      })
      expect(byB.json()).toMatchObject({ state: 'proposed' }) // counted on A, not sealed on B
      const heard = await eventually(
        () => answersAt(a, caseId),
        (e) => answerOf(e, 'Nordic Router Oy (CERT-B)') === 'signatory',
      )
      expect(heard.state).toBe('proposed') // A's own vendor has not answered yet
      expect((await ledgerOf(a, caseId, 'embargo.peer_answers')).map((e) => e.payload)).toContainEqual(
        expect.objectContaining({ peer: b.url, activityType: 'Accept' }),
      )
      expect(await ledgerOf(b, sharedId, 'case.embargo_answers_shared')).toContainEqual({
        payload: expect.objectContaining({ peer: a.url, activityType: 'Accept' }),
      })

      const byA = await vendorA.post(`/api/v1/cases/${caseId}/embargo/proposals/${heard.open!.id}/answer`, {
        answer: 'accept',
      })
      expect(byA.json()).toMatchObject({ state: 'active', endsAt: endsAt.toISOString() })
      const activeAtB = await eventually(
        () => embargoAt(b, caseNumber),
        (e) => e.state === 'active',
      )
      expect(activeAtB.endsAt).toBe(endsAt.toISOString())

      // Each side holds a head of the other's ledger that verifies and is one the other signed.
      type Heads = {
        heads: { sequence: number; hash: string }[]
        peerHeads: { peerUrl: string; sequence: number; hash: string; verified: boolean }[]
      }
      const headsOf = async (i: Instance, ref: string) =>
        (await i.admin.get(`/api/v1/cases/${ref}/ledger/heads`)).json() as Heads
      for (const [here, ref, there, theirRef] of [
        [a, caseId, b, sharedId],
        [b, sharedId, a, caseId],
      ] as const) {
        const mine = await eventually(
          () => headsOf(here, ref),
          (h) => h.peerHeads.length === 1,
        )
        expect(mine.peerHeads[0]).toMatchObject({ peerUrl: there.url, verified: true })
        const theirs = (await headsOf(there, theirRef)).heads
        expect(theirs).toContainEqual(
          expect.objectContaining({ sequence: mine.peerHeads[0]!.sequence, hash: mine.peerHeads[0]!.hash }),
        )
      }
    })

    it("a vendor on B rejects A's proposal: A's view shows it against the vendor's name and instance", async () => {
      const { caseId, sharedId, caseNumber } = await sharedWithB('Rejected on the other side')
      await vendorOn(a, caseId, 'Alpine Switch AG')
      const vendorB = await vendorOn(b, sharedId, 'Nordic Router Oy')
      const endsAt = daysAhead(28)
      await a.admin.post(`/api/v1/cases/${caseId}/embargo/proposals`, { endsAt: endsAt.toISOString() })
      const atB = await eventually(
        () => embargoAt(b, caseNumber),
        (e) => e.open?.endsAt === endsAt.toISOString(),
      )
      const declined = await vendorB.post(`/api/v1/cases/${sharedId}/embargo/proposals/${atB.open!.id}/answer`, {
        answer: 'decline',
      })
      expect(declined.statusCode).toBe(200)
      const atA = await eventually(
        () => answersAt(a, caseId),
        (e) => answerOf(e, 'Nordic Router Oy (CERT-B)') === 'declined',
      )
      expect(atA.state).toBe('proposed')
      expect(atA.open!.answers).toContainEqual(
        expect.objectContaining({ participantId: null, name: 'Nordic Router Oy (CERT-B)', state: 'declined' }),
      )
      expect((await ledgerOf(a, caseId, 'embargo.peer_answers')).map((e) => e.payload)).toContainEqual(
        expect.objectContaining({ peer: b.url, activityType: 'Reject' }),
      )
    })

    it('the two ledgers are compared as messages cross: agreement seen, then a rewritten entry found, once', async () => {
      const { caseId, sharedId } = await sharedWithB('Ledgers compared')
      type PeerHeads = {
        peerHeads: { sequence: number; disagreement: string | null; confirmedSequence: number | null }[]
      }
      const peerHeadsAt = async (i: Instance, ref: string) =>
        ((await i.admin.get(`/api/v1/cases/${ref}/ledger/heads`)).json() as PeerHeads).peerHeads
      const note = async (i: Instance, ref: string, body: string) =>
        expect(
          (await i.admin.post(`/api/v1/cases/${ref}/threads/case/messages`, { body, tlp: 'GREEN' })).statusCode,
        ).toBe(201)
      const arrived = (i: Instance, ref: string, body: string) =>
        eventually(
          () =>
            i.database.db
              .selectFrom('case_messages')
              .select('id')
              .where('case_id', '=', ref)
              .where('body', '=', body)
              .execute(),
          (rows) => rows.length === 1,
        )

      // A's note carries A's head to B; B's answer carries it back, and A finds it in its ledger.
      await note(a, caseId, 'From A.')
      await arrived(b, sharedId, 'From A.')
      const [heldByB] = await peerHeadsAt(b, sharedId)
      await note(b, sharedId, 'From B.')
      const [agreed] = await eventually(
        () => peerHeadsAt(a, caseId),
        (h) => h[0]?.confirmedSequence != null,
      )
      expect(agreed).toMatchObject({ confirmedSequence: heldByB!.sequence, disagreement: null })

      // Somebody with the database rewrites the entry of A's ledger that B holds a signed head of.
      await a.database.db
        .updateTable('ledger_entries')
        .set({ hash: 'f'.repeat(64) })
        .where('case_id', '=', caseId)
        .where('sequence', '=', heldByB!.sequence)
        .execute()
      await note(b, sharedId, 'From B, again.')
      const [found] = await eventually(
        () => peerHeadsAt(a, caseId),
        (h) => h[0]?.disagreement != null,
      )
      expect(found!.disagreement).toMatch(
        new RegExp(
          `holds a signed head of this ledger for entry ${heldByB!.sequence} that the ledger no longer matches`,
        ),
      )
      expect(found!.confirmedSequence).toBe(heldByB!.sequence) // what agreed before still did
      // Written to A's ledger once: a later message finds the same and adds nothing.
      await note(b, sharedId, 'From B, a third time.')
      await arrived(a, caseId, 'From B, a third time.')
      expect(await ledgerOf(a, caseId, 'case.peer_ledger_disagrees')).toEqual([
        { payload: expect.objectContaining({ peer: b.url, reason: found!.disagreement }) },
      ])
      // B's view of its own ledger is untouched: nothing disagrees there.
      expect((await peerHeadsAt(b, sharedId))[0]).toMatchObject({ disagreement: null })
    })
  })
}
