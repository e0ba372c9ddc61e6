// A report (not yet a case) sent to several peers at once (issue 17 item 6, onward notification):
// CERT-A sends one report to B and C in one request; each gets it in its own triage queue, the
// finder unnamed without consent; B finds it valid and C does not, and A sees when each was told,
// reached and ruled. And: the finder named with consent; a peer told later with why; the
// refusals (TLP:RED, a peer not pinned, a peer told twice, an empty justification) queue nothing.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signedPostHeaders } from '../../src/commands/federation/signing.js'
import { submitReportTo, type SubmittedReport } from '../../src/domain/federation/reportOffer.js'
import { ensureFederationKey } from '../../src/store/federation/key.js'
import { availableBackends } from '../support/databases.js'
import { makeReport } from '../support/factories.js'
import type { PeerTold, PeersToldOf } from '../support/peersTold.js'
import { closeAll, eventually, startAWithTwoPeers, type Instance } from '../support/federatedInstances.js'

interface Told extends PeerTold {
  tlp: string
  reason: string | null
}
interface PeersTold extends PeersToldOf<Told> {
  peers: { id: string; name: string }[]
  receivedFrom: { peerName: string; originReportUrl: string; tlp: string } | null
}
interface ReportItem {
  id: string
  title: string
  trackingId: string
}

for (const backend of availableBackends()) {
  describe(`federation: a report sent to several peers [${backend}]`, () => {
    let a: Instance, b: Instance, c: Instance
    let bAtA: string, cAtA: string
    beforeAll(async () => {
      ;({ a, b, c, bAtA, cAtA } = await startAWithTwoPeers(backend))
    })
    afterAll(() => closeAll(a, b, c))

    const finderReport = async (title: string) => {
      const r = await makeReport(a.database.db, { title })
      await a.database.db
        .updateTable('reports')
        .set({ reporter_name: 'Mark Dowd', reporter_organization: 'ISS X-Force' })
        .where('id', '=', r.id)
        .execute()
      return r
    }
    const reportAt = async (i: Instance, title: string) =>
      (
        await eventually(
          async () => (await i.admin.get('/api/v1/reports?view=all&limit=100')).json().items as ReportItem[],
          (items) => items.some((x) => x.title === title),
        )
      ).find((x) => x.title === title)!
    const peersTold = (i: Instance, id: string) =>
      i.admin.get(`/api/v1/reports/${id}/peers-told`).then((r) => r.json() as PeersTold)
    const outboxCount = async () =>
      Number(
        (
          await a.database.db
            .selectFrom('federation_outbox')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )

    it('sends one report to two peers; each triages it; the sender sees when each was told, reached and ruled', async () => {
      const report = await finderReport('Remote root in crackaddr()')
      const sent = await a.admin.post(`/api/v1/reports/${report.id}/peer-offers`, { peerIds: [bAtA, cAtA] })
      expect(sent.statusCode).toBe(202)
      expect(sent.json().offers.map((o: { peerId: string }) => o.peerId)).toEqual([bAtA, cAtA])

      // On B: in its own triage queue, Received, the finder not named (no consent), from CERT-A.
      const atB = await reportAt(b, 'Remote root in crackaddr()')
      const detail = (await b.admin.get(`/api/v1/reports/${atB.id}`)).json()
      expect(detail.state).toBe('received')
      expect(detail.reporter).toBeNull()
      expect(detail.affected).toEqual(report.affected)
      expect(detail.description).toContain('A buffer overflow in crackaddr() in sendmail.')
      expect(JSON.stringify(detail)).not.toContain('Mark Dowd')
      expect(JSON.stringify(detail)).not.toContain('finder@example.test')
      expect((await peersTold(b, atB.id)).receivedFrom).toEqual({
        peerName: 'CERT-A',
        originReportUrl: `${a.url}/reports/${report.tracking_id}`,
        tlp: 'AMBER',
        receivedAt: expect.any(String),
      })
      expect(detail.history.map((h: { kind: string }) => h.kind)).toEqual(['report.received_from_peer'])

      // B finds it valid, C does not: each ruling goes back to A.
      const atC = await reportAt(c, 'Remote root in crackaddr()')
      expect((await b.admin.post(`/api/v1/reports/${atB.id}/transitions`, { event: 'validate' })).statusCode).toBe(200)
      expect(
        (
          await c.admin.post(`/api/v1/reports/${atC.id}/transitions`, {
            event: 'invalidate',
            reason: 'No such product in our constituency.',
          })
        ).statusCode,
      ).toBe(200)
      const seen = await eventually(
        () => peersTold(a, report.id),
        (p) => p.told.every((t) => t.deliveredAt && t.answeredAt),
      )
      expect(seen.told.map((t) => [t.peerName, t.state, t.tlp, t.reason])).toEqual([
        ['CERT-B', 'accepted', 'AMBER', null],
        ['CERT-C', 'declined', 'AMBER', 'No such product in our constituency.'],
      ])
      for (const t of seen.told) {
        expect(Date.parse(t.deliveredAt!)).toBeGreaterThanOrEqual(Date.parse(t.toldAt))
        expect(Date.parse(t.answeredAt!)).toBeGreaterThanOrEqual(Date.parse(t.toldAt))
      }
      const history = (await a.admin.get(`/api/v1/reports/${report.id}`)).json().history as { kind: string }[]
      expect(history.map((h) => h.kind).sort()).toEqual([
        'report.peer_answered',
        'report.peer_answered',
        'report.sent_to_peer',
        'report.sent_to_peer',
      ])
      // The ruling went back once.
      const bHistory = (await b.admin.get(`/api/v1/reports/${atB.id}`)).json().history as { kind: string }[]
      expect(bHistory.filter((h) => h.kind === 'report.ruling_sent')).toHaveLength(1)
    })

    it('names the finder only with consent, under the label chosen', async () => {
      const report = await finderReport('Named with consent')
      const sent = await a.admin.post(`/api/v1/reports/${report.id}/peer-offers`, {
        peerIds: [bAtA],
        tlp: 'GREEN',
        shareFinderIdentity: true,
      })
      expect(sent.statusCode).toBe(202)
      const atB = await reportAt(b, 'Named with consent')
      const detail = (await b.admin.get(`/api/v1/reports/${atB.id}`)).json()
      expect(detail.reporter).toMatchObject({ name: 'Mark Dowd', organization: 'ISS X-Force', email: null })
      expect((await peersTold(b, atB.id)).receivedFrom?.tlp).toBe('GREEN')
    })

    it('records a peer told later with why, and refuses what may not go, queueing nothing', async () => {
      const report = await finderReport('Refusals and deferrals')
      const before = await outboxCount()
      const red = await a.admin.post(`/api/v1/reports/${report.id}/peer-offers`, { peerIds: [bAtA], tlp: 'RED' })
      expect(red.statusCode).toBe(422)
      expect(JSON.stringify(red.json())).toContain('"tlp"')
      const unknown = await a.admin.post(`/api/v1/reports/${report.id}/peer-offers`, {
        peerIds: [bAtA, randomUUID()],
      })
      expect(unknown.statusCode).toBe(422)
      expect(JSON.stringify(unknown.json())).toContain('peerIds.1')
      const none = await a.admin.post(`/api/v1/reports/${report.id}/peer-offers`, { peerIds: [] })
      expect(none.statusCode).toBe(422)
      expect(await outboxCount()).toBe(before)

      const justification = 'The vendor asked for a week before the national CSIRT hears of it.'
      const empty = await a.admin.post(`/api/v1/reports/${report.id}/peer-offers/deferrals`, {
        peerId: cAtA,
        justification: ' ',
      })
      expect(empty.statusCode).toBe(422)
      const deferred = await a.admin.post(`/api/v1/reports/${report.id}/peer-offers/deferrals`, {
        peerId: cAtA,
        justification,
        until: '2027-01-15T09:00:00.000Z',
      })
      expect(deferred.statusCode).toBe(201)
      expect((await a.admin.post(`/api/v1/reports/${report.id}/peer-offers`, { peerIds: [bAtA] })).statusCode).toBe(202)
      const twice = await a.admin.post(`/api/v1/reports/${report.id}/peer-offers`, { peerIds: [cAtA, bAtA] })
      expect(twice.statusCode).toBe(409)
      expect(await outboxCount()).toBe(before + 1)
      const told = await peersTold(a, report.id)
      expect(told.told.map((t) => t.peerName)).toEqual(['CERT-B'])
      expect(told.deferred).toEqual([
        {
          peerId: cAtA,
          peerName: 'CERT-C',
          justification,
          until: '2027-01-15T09:00:00.000Z',
          decidedAt: expect.any(String),
          decidedBy: expect.any(String),
        },
      ])
      expect(told.peers.map((p) => p.name)).toEqual(['CERT-B', 'CERT-C'])
      // Told already: a deferral is refused now.
      const late = await a.admin.post(`/api/v1/reports/${report.id}/peer-offers/deferrals`, {
        peerId: bAtA,
        justification,
      })
      expect(late.statusCode).toBe(409)
    })

    // What a peer sends is held to this instance's own rules: B posts straight to A's inbox.
    const offerFromB = async (report: Partial<SubmittedReport> & { name: string }) => {
      const activity = submitReportTo({
        id: `${b.url}/federation/activities/${randomUUID()}`,
        from: `${b.url}/federation/actor`,
        to: `${a.url}/federation/actor`,
        by: 'B',
        at: new Date(),
        object: {
          type: 'VulnerabilityReport',
          id: `${b.url}/reports/LSR-2026-0999`,
          content: 'A heap overflow in the widget parser.',
          'lockstep:trackingId': 'LSR-2026-0999',
          'lockstep:tlp': 'AMBER',
          'lockstep:impact': null,
          'lockstep:reproduction': null,
          'lockstep:affected': [{ vendor: 'Acme', product: 'Widget', versions: null, purl: 'pkg:npm/widget' }],
          'lockstep:publicAlready': false,
          'lockstep:publicReferences': [],
          'lockstep:exploitedAlready': false,
          'lockstep:exploitedReferences': [],
          'lockstep:cvssVector': null,
          'lockstep:cwe': null,
          'lockstep:finder': null,
          ...report,
        },
      })
      const body = JSON.stringify(activity)
      const headers = signedPostHeaders(await ensureFederationKey(b.database.db), {
        inboxUrl: `${a.url}/federation/inbox`,
        body,
      })
      const res = await fetch(`${a.url}/federation/inbox`, { method: 'POST', headers, body })
      return { status: res.status, body: (await res.json()) as { detail?: string } }
    }
    const reportsTitled = async (title: string) =>
      (await a.database.db.selectFrom('reports').select('id').where('title', '=', title).execute()).length

    it('refuses a report a peer offers a second time under a new activity id: one copy in triage', async () => {
      const id = `${b.url}/reports/LSR-2026-0901`
      expect((await offerFromB({ id, name: 'Offered twice' })).status).toBe(202)
      const again = await offerFromB({ id, name: 'Offered twice' })
      expect(again.status).toBe(422)
      expect(again.body.detail).toBe(`the report ${id} was offered to this instance already`)
      expect(await reportsTitled('Offered twice')).toBe(1)
    })

    it('refuses a report whose product has a blank vendor or a purl that does not read, taking nothing', async () => {
      const products = [
        [{ vendor: ' ', product: 'Widget', versions: null, purl: null }, 'has no vendor'],
        [{ vendor: 'Acme', product: '', versions: null, purl: null }, 'has no product name'],
        [{ vendor: 'Acme', product: 'Widget', versions: null, purl: 'not a purl' }, 'has a purl that cannot be read'],
        [{ vendor: 'Acme', product: 'Widget', versions: null, purl: 42 }, 'has a purl that cannot be read'],
      ] as const
      for (const [i, [product, why]] of products.entries()) {
        const sent = await offerFromB({
          id: `${b.url}/reports/LSR-2026-091${i}`,
          name: 'Malformed product',
          'lockstep:affected': [
            { vendor: 'Acme', product: 'Gadget', versions: null, purl: null },
            product as unknown as SubmittedReport['lockstep:affected'][number],
          ],
        })
        expect(sent.status, why).toBe(422)
        expect(sent.body.detail).toContain(`the report's product 2 (lockstep:affected.1) ${why}`)
      }
      expect(await reportsTitled('Malformed product')).toBe(0)
    })

    it('sends a report received from a peer on under no looser label, and never names its finder further', async () => {
      expect(
        (
          await offerFromB({
            id: `${b.url}/reports/LSR-2026-0920`,
            name: 'Sent on from B',
            'lockstep:tlp': 'GREEN',
            'lockstep:finder': { name: 'Fran Finder', organization: 'Finders Ltd' },
          })
        ).status,
      ).toBe(202)
      const atA = await reportAt(a, 'Sent on from B')
      const before = await outboxCount()
      const looser = await a.admin.post(`/api/v1/reports/${atA.id}/peer-offers`, { peerIds: [cAtA], tlp: 'CLEAR' })
      expect(looser.statusCode).toBe(422)
      expect(looser.json().errors).toEqual([
        { field: 'tlp', message: 'is looser than TLP:GREEN, the label CERT-B sent the report under' },
      ])
      const named = await a.admin.post(`/api/v1/reports/${atA.id}/peer-offers`, {
        peerIds: [cAtA],
        tlp: 'GREEN',
        shareFinderIdentity: true,
      })
      expect(named.statusCode).toBe(422)
      expect(named.json().errors.map((e: { field: string }) => e.field)).toEqual(['shareFinderIdentity'])
      expect(await outboxCount()).toBe(before)
      const onward = await a.admin.post(`/api/v1/reports/${atA.id}/peer-offers`, { peerIds: [cAtA], tlp: 'AMBER' })
      expect(onward.statusCode).toBe(202)
      const atC = await reportAt(c, 'Sent on from B')
      const detail = (await c.admin.get(`/api/v1/reports/${atC.id}`)).json()
      expect(detail.reporter).toBeNull()
      expect(JSON.stringify(detail)).not.toContain('Fran Finder')
    })
  })
}
