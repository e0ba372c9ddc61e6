// Two instances, each with its own database, on loopback ports: their admins add each other as
// peers and confirm fingerprints; a message from A reaches B signed, is recorded in both instance
// ledgers, and is applied once even when sent again; B refuses what is unsigned, wrongly signed,
// replayed, stale, from an unknown or unconfirmed instance, oversized or not what its digest says;
// and a message sent while B is down is delivered once B is back, exactly once.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signedPostHeaders } from '../../src/commands/federation/signing.js'
import { pingActivity } from '../../src/domain/federation/activities.js'
import { generateFederationKey } from '../../src/security/federationKey.js'
import { ensureFederationKey } from '../../src/store/federation/key.js'
import { verifyInstanceLedger } from '../../src/store/federation/instanceLedger.js'
import { signedIn } from '../support/api.js'
import { availableBackends } from '../support/databases.js'
import { makeUser } from '../support/factories.js'
import { eventually, startInstance, type Instance } from '../support/federatedInstances.js'

const outboxRow = (i: Instance, activityId: string) =>
  i.database.db
    .selectFrom('federation_outbox')
    .selectAll()
    .where('activity_id', '=', activityId)
    .executeTakeFirstOrThrow()
const kindsIn = async (i: Instance, kind: string) =>
  i.database.db.selectFrom('instance_ledger_entries').selectAll().where('kind', '=', kind).execute()

for (const backend of availableBackends()) {
  describe(`federation transport [${backend}]`, () => {
    let a: Instance
    let b: Instance
    let bPeerIdAtA: string

    beforeAll(async () => {
      a = await startInstance(backend, 'CERT-A')
      b = await startInstance(backend, 'CERT-B')
    })
    afterAll(async () => {
      await a?.close()
      await b?.close()
    })

    /** A ping from A to B as bytes, and A's signed headers for it. */
    async function fromA(o: { text?: string; now?: Date; id?: string } = {}) {
      const activity = pingActivity({
        id: o.id ?? `${a.url}/federation/activities/${randomUUID()}`,
        from: `${a.url}/federation/actor`,
        to: `${b.url}/federation/actor`,
        text: o.text ?? 'hello',
        at: new Date(),
      })
      const body = JSON.stringify(activity)
      const headers = signedPostHeaders(await ensureFederationKey(a.database.db), {
        inboxUrl: `${b.url}/federation/inbox`,
        body,
        ...(o.now ? { now: o.now } : {}),
      })
      return { body, headers, activity }
    }
    const post = (headers: Record<string, string>, body: string) =>
      fetch(`${b.url}/federation/inbox`, { method: 'POST', headers, body })

    it('publishes each instance’s description with its key and fingerprint', async () => {
      const doc = (await (await fetch(`${a.url}/.well-known/lockstep-peer`)).json()) as Record<string, string>
      expect(doc).toMatchObject({
        type: 'LockstepPeer',
        baseUrl: a.url,
        name: 'CERT-A',
        inbox: `${a.url}/federation/inbox`,
        algorithm: 'ed25519',
      })
      expect(doc.fingerprint).toMatch(/^([0-9A-F]{4} ){15}[0-9A-F]{4}$/)
    })

    it('adds a peer as pending, refuses a wrong fingerprint, pins on the right one, both ways', async () => {
      const added = await a.admin.post('/api/v1/federation/peers', { url: `${b.url}/` })
      expect(added.statusCode).toBe(201)
      expect(added.json()).toMatchObject({ baseUrl: b.url, name: 'CERT-B', state: 'pending' })
      bPeerIdAtA = added.json().id
      const bFingerprint = (
        (await (await fetch(`${b.url}/.well-known/lockstep-peer`)).json()) as { fingerprint: string }
      ).fingerprint
      expect(added.json().fingerprint).toBe(bFingerprint)

      // A message to a peer not yet confirmed is refused before anything is queued.
      expect((await a.admin.post(`/api/v1/federation/peers/${bPeerIdAtA}/ping`, { text: 'too soon' })).statusCode).toBe(
        409,
      )
      const wrong = await a.admin.post(`/api/v1/federation/peers/${bPeerIdAtA}/confirm`, { fingerprint: '0000 1111' })
      expect(wrong.statusCode).toBe(422)
      expect(wrong.json().detail).toMatch(/fingerprint/)
      const pinned = await a.admin.post(`/api/v1/federation/peers/${bPeerIdAtA}/confirm`, {
        fingerprint: bFingerprint.toLowerCase().replace(/ /g, ':'),
      })
      expect(pinned.statusCode).toBe(200)
      expect(pinned.json().state).toBe('pinned')

      const back = await b.admin.post('/api/v1/federation/peers', { url: a.url })
      expect(back.statusCode).toBe(201)
      expect(
        (
          await b.admin.post(`/api/v1/federation/peers/${back.json().id}/confirm`, {
            fingerprint: back.json().fingerprint,
          })
        ).statusCode,
      ).toBe(200)
      // Adding the same peer twice is refused; listing shows both pinned.
      expect((await b.admin.post('/api/v1/federation/peers', { url: a.url })).statusCode).toBe(409)
      expect((await a.admin.get('/api/v1/federation/peers')).json().map((p: { state: string }) => p.state)).toEqual([
        'pinned',
      ])
    })

    it('delivers a ping from A to B, recorded in both instance ledgers', async () => {
      const sent = await a.admin.post(`/api/v1/federation/peers/${bPeerIdAtA}/ping`, { text: 'Hello from CERT-A' })
      expect(sent.statusCode).toBe(202)
      const { activityId } = sent.json()
      const received = await eventually(
        () => kindsIn(b, 'federation.received'),
        (r) => r.length === 1,
      )
      expect(received.map((e) => e.payload)).toEqual([
        expect.objectContaining({ activityId, peer: a.url, activityType: 'Create/Note', summary: 'Hello from CERT-A' }),
      ])
      const delivered = await eventually(
        () => kindsIn(a, 'federation.sent'),
        (r) => r.length === 1,
      )
      expect(delivered[0]!.payload).toMatchObject({ activityId, peer: b.url, attempts: 1 })
      const messages = (await a.admin.get('/api/v1/federation/messages')).json()
      expect(messages.sent[0]).toMatchObject({ activityId, status: 'delivered' })
      expect((await b.admin.get('/api/v1/federation/messages')).json().received[0]).toMatchObject({
        activityId,
        peer: a.url,
      })
      for (const i of [a, b]) expect((await verifyInstanceLedger(i.database.db)).ok).toBe(true)
      const ledger = (await b.admin.get('/api/v1/federation/ledger')).json()
      expect(ledger.verdict.ok).toBe(true)
      expect(ledger.entries.map((e: { kind: string }) => e.kind)).toEqual([
        'federation.received',
        'peer.pinned',
        'peer.added',
      ])
    })

    it('applies an activity sent again (a lost answer) once, and answers it as a duplicate', async () => {
      const first = await fromA({ text: 'once' })
      expect((await post(first.headers, first.body)).status).toBe(202)
      const again = await fromA({ id: first.activity.id, text: 'once' }) // signed afresh, as a retry is
      const res = await post(again.headers, again.body)
      expect(res.status).toBe(202)
      expect(await res.json()).toMatchObject({ duplicate: true })
      const taken = (await kindsIn(b, 'federation.received')).filter(
        (e) => (e.payload as { activityId: string }).activityId === first.activity.id,
      )
      expect(taken).toHaveLength(1)
    })

    it('refuses the unsigned, the wrongly signed, the replayed, the stale, the tampered and the oversized', async () => {
      const before = (await kindsIn(b, 'federation.received')).length
      const m = await fromA()
      const { 'signature-input': _i, signature: _s, ...unsigned } = m.headers
      expect((await post(unsigned, m.body)).status).toBe(401)

      // Signed with another key under A's key id.
      const forged = signedPostHeaders(
        { ...generateFederationKey(), keyId: (await ensureFederationKey(a.database.db)).keyId },
        { inboxUrl: `${b.url}/federation/inbox`, body: m.body },
      )
      expect((await post(forged, m.body)).status).toBe(401)
      // A covered header changed after signing.
      expect(
        (await post({ ...m.headers, 'content-digest': `sha-256=:${Buffer.alloc(32).toString('base64')}:` }, m.body))
          .status,
      ).toBe(401)
      // The body changed, its digest header kept: the signature holds, the digest does not.
      expect((await post(m.headers, m.body.replace('hello', 'HELLO'))).status).toBe(400)

      expect((await post(m.headers, m.body)).status).toBe(202)
      const replay = await post(m.headers, m.body)
      expect(replay.status).toBe(409)

      const stale = await fromA({ now: new Date(Date.now() - 10 * 60_000) })
      expect((await post(stale.headers, stale.body)).status).toBe(401)
      const future = await fromA({ now: new Date(Date.now() + 10 * 60_000) })
      expect((await post(future.headers, future.body)).status).toBe(401)

      const big = await fromA({ text: 'x'.repeat(300 * 1024) })
      expect((await post(big.headers, big.body)).status).toBe(413)
      expect((await post({ ...m.headers, 'content-type': 'text/plain' }, m.body)).status).toBe(415)

      expect((await kindsIn(b, 'federation.received')).length).toBe(before + 1)
      const refusals = b.logs.filter((l) => l.includes('federation: message refused'))
      expect(refusals.map((l) => JSON.parse(l).reason)).toEqual(
        expect.arrayContaining(['unsigned', 'bad-signature', 'bad-digest', 'replayed', 'stale']),
      )
      // The log says why, never the signature itself.
      const signatureValue = /:([^:]+):/.exec(m.headers.signature!)![1]!
      expect(refusals.some((l) => l.includes(signatureValue))).toBe(false)
    })

    it('refuses an instance it does not know (401) and one whose fingerprint is not confirmed (403)', async () => {
      const stranger = generateFederationKey()
      const m = await fromA()
      expect(
        (await post(signedPostHeaders(stranger, { inboxUrl: `${b.url}/federation/inbox`, body: m.body }), m.body))
          .status,
      ).toBe(401)

      const pending = generateFederationKey()
      await b.database.db
        .insertInto('federation_peers')
        .values({
          base_url: 'http://127.0.0.1:9',
          name: 'Pending',
          inbox_url: 'http://127.0.0.1:9/federation/inbox',
          key_id: pending.keyId,
          public_key_pem: pending.publicKeyPem,
        })
        .execute()
      const res = await post(
        signedPostHeaders(pending, { inboxUrl: `${b.url}/federation/inbox`, body: m.body }),
        m.body,
      )
      expect(res.status).toBe(403)
      expect(b.logs.some((l) => l.includes('"reason":"unknown-peer"'))).toBe(true)
      expect(b.logs.some((l) => l.includes('"reason":"unpinned-peer"'))).toBe(true)
    })

    it('delivers a message sent while B is down once B is back, exactly once', async () => {
      await b.goDown()
      const sent = await a.admin.post(`/api/v1/federation/peers/${bPeerIdAtA}/ping`, { text: 'while you were out' })
      expect(sent.statusCode).toBe(202)
      const { activityId } = sent.json()
      // At least two attempts fail while B is down, each put back for a later try.
      const waiting = await eventually(
        () => outboxRow(a, activityId),
        (row) => row.attempts >= 2,
      )
      expect(waiting.status).not.toBe('delivered')
      expect(waiting.last_error).toBeTruthy()
      await b.comeBack()
      const row = await eventually(
        () => outboxRow(a, activityId),
        (r) => r.status === 'delivered',
        30,
      )
      expect(row.status).toBe('delivered')
      const received = (await kindsIn(b, 'federation.received')).filter(
        (e) => (e.payload as { activityId: string }).activityId === activityId,
      )
      expect(received).toHaveLength(1)
      const sentEntries = (await kindsIn(a, 'federation.sent')).filter(
        (e) => (e.payload as { activityId: string }).activityId === activityId,
      )
      expect(sentEntries).toHaveLength(1)
      expect((sentEntries[0]!.payload as { attempts: number }).attempts).toBeGreaterThan(1)
    })

    it('sends again a message a server was sending when it died, once', async () => {
      const m = await fromA({ text: 'interrupted' })
      await a.database.db
        .insertInto('federation_outbox')
        .values({
          peer_id: bPeerIdAtA,
          activity_id: m.activity.id,
          activity_type: 'Create/Note',
          body: m.body,
          status: 'sending',
          attempts: 1,
          claimed_at: new Date(),
          claimed_by: randomUUID(), // a server with no session left
        })
        .execute()
      const row = await eventually(
        () => outboxRow(a, m.activity.id),
        (r) => r.status === 'delivered',
      )
      expect(row.attempts).toBe(2)
      const taken = (await kindsIn(b, 'federation.received')).filter(
        (e) => (e.payload as { activityId: string }).activityId === m.activity.id,
      )
      expect(taken).toHaveLength(1)
    })

    it('tells a peer that posts too fast, and an unsigned sender far sooner, to come back later (429, Retry-After); the delivery loop does', async () => {
      const takenOf = async (activityId: string) =>
        (await kindsIn(b, 'federation.received')).filter(
          (e) => (e.payload as { activityId: string }).activityId === activityId,
        )
      b.config.federationInbox = { windowSeconds: 2, perPeer: 3, perUnverified: 2 }
      try {
        // A's messages straight to B's inbox, until B says to slow down: that one is not taken.
        let limited: { res: Response; id: string } | undefined
        for (let n = 0; n < 20 && !limited; n++) {
          const m = await fromA({ text: `burst ${n}` })
          const res = await post(m.headers, m.body)
          if (res.status === 429) limited = { res, id: m.activity.id }
          else expect(res.status).toBe(202)
        }
        expect(limited?.res.status).toBe(429)
        expect(Number(limited!.res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
        expect(limited!.res.headers.get('content-type')).toContain('application/problem+json')
        expect(await takenOf(limited!.id)).toEqual([])

        // Unsigned requests: refused (401) twice, then held back (429), by address.
        const unsigned = []
        for (let n = 0; n < 3; n++)
          unsigned.push(
            (
              await fetch(`${b.url}/federation/inbox`, {
                method: 'POST',
                headers: { 'content-type': 'application/activity+json' },
                body: '{}',
              })
            ).status,
          )
        expect(unsigned).toEqual([401, 401, 429])

        // Through A's outbox: B's 429 is tried again no sooner than its Retry-After, then delivered once.
        const sent = await a.admin.post(`/api/v1/federation/peers/${bPeerIdAtA}/ping`, { text: 'slowly' })
        const { activityId } = sent.json()
        // Keep B's allowance used up until A's loop has met the 429.
        const held = await eventually(
          async () => {
            const m = await fromA({ text: 'filler' })
            await post(m.headers, m.body)
            return outboxRow(a, activityId)
          },
          (r) => r.last_status === 429 || r.status === 'delivered',
        )
        expect(held.last_status).toBe(429)
        expect(a.deliveryLog.join('\n')).toMatch(/will be tried again in [12] s .*429/)
        const row = await eventually(
          () => outboxRow(a, activityId),
          (r) => r.status === 'delivered',
        )
        expect(row.attempts).toBeGreaterThan(1)
        expect(await takenOf(activityId)).toHaveLength(1)
      } finally {
        delete b.config.federationInbox
      }
    })

    it('refuses a removed peer’s messages, and only the admin manages peers', async () => {
      const peers = (await b.admin.get('/api/v1/federation/peers')).json() as { id: string; baseUrl: string }[]
      const aAtB = peers.find((p) => p.baseUrl === a.url)!
      expect((await b.admin.delete(`/api/v1/federation/peers/${aAtB.id}`)).statusCode).toBe(204)
      const m = await fromA()
      expect((await post(m.headers, m.body)).status).toBe(401)
      expect((await kindsIn(b, 'peer.removed')).length).toBe(1)
      const coordinator = await signedIn(b.app, await makeUser(b.database.db, { instanceRole: 'coordinator' }))
      expect((await coordinator.get('/api/v1/federation/peers')).statusCode).toBe(403)
      expect((await coordinator.post('/api/v1/federation/peers', { url: a.url })).statusCode).toBe(403)
    })
  })
}
