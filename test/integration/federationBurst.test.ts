// Many messages at once between two instances: the writes that arrive together share one commit
// (store/groupCommit.ts), and this checks that sharing changes nothing a peer would notice. Every
// distinct message is taken (202) and recorded once, a replay or a resend in the same burst is
// refused or answered as a duplicate without undoing its neighbours, both instance ledgers still
// verify, and a burst queued in A's outbox reaches B exactly once.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signedPostHeaders } from '../../src/commands/federation/signing.js'
import { pingActivity } from '../../src/domain/federation/activities.js'
import { ensureFederationKey } from '../../src/store/federation/key.js'
import { verifyInstanceLedger } from '../../src/store/federation/instanceLedger.js'
import { enqueueActivity } from '../../src/store/federation/outbox.js'
import { inTransaction } from '../../src/store/db.js'
import { availableBackends } from '../support/databases.js'
import { eventually, pinPeer, startInstance, type Instance } from '../support/federatedInstances.js'

const BURST = 40

for (const backend of availableBackends()) {
  describe(`federation under a burst [${backend}]`, () => {
    let a: Instance
    let b: Instance
    let bAtA: string

    beforeAll(async () => {
      a = await startInstance(backend, 'CERT-A')
      b = await startInstance(backend, 'CERT-B')
      bAtA = await pinPeer(a, b)
      await pinPeer(b, a)
    })
    afterAll(async () => {
      await a?.close()
      await b?.close()
    })

    const received = (activityIds: string[]) =>
      b.database.db
        .selectFrom('instance_ledger_entries')
        .select('payload')
        .where('kind', '=', 'federation.received')
        .execute()
        .then((rows) => rows.filter((r) => activityIds.includes((r.payload as { activityId: string }).activityId)))

    const newId = () => `${a.url}/federation/activities/${randomUUID()}`
    const pingBody = (id: string) =>
      JSON.stringify(
        pingActivity({
          id,
          from: `${a.url}/federation/actor`,
          to: `${b.url}/federation/actor`,
          text: 'hi',
          at: new Date(),
        }),
      )
    async function signedPing(id = newId()) {
      const body = pingBody(id)
      const headers = signedPostHeaders(await ensureFederationKey(a.database.db), {
        inboxUrl: `${b.url}/federation/inbox`,
        body,
      })
      return { id, body, headers }
    }
    const post = (m: { headers: Record<string, string>; body: string }) =>
      fetch(`${b.url}/federation/inbox`, { method: 'POST', headers: m.headers, body: m.body }).then(async (r) => ({
        status: r.status,
        json: (await r.json()) as { duplicate?: boolean },
      }))

    it('takes every distinct message of a burst once, refusing its replays and answering its resends', async () => {
      const messages = await Promise.all(Array.from({ length: BURST }, () => signedPing()))
      const resent = await signedPing(messages[0]!.id) // the same activity, signed afresh
      const answers = await Promise.all([
        ...messages.map(post),
        post(messages[1]!), // the very same request again: a replay
        post(resent),
      ])
      const fresh = answers.slice(0, BURST)
      const [replay, resend] = answers.slice(BURST)
      // One of a pair may be the one taken, the other refused: the pair counts once either way.
      const firstPair = [fresh[1]!.status, replay!.status].sort()
      expect(firstPair).toEqual([202, 409])
      expect(fresh.filter((x, i) => i !== 1 && x.status === 202)).toHaveLength(BURST - 1)
      expect([fresh[0]!.json.duplicate, resend!.json.duplicate].sort()).toEqual([false, true])
      expect(resend!.status).toBe(202)

      const ids = messages.map((m) => m.id)
      expect(await received(ids)).toHaveLength(BURST)
      const inbox = await b.database.db
        .selectFrom('federation_inbox')
        .select('activity_id')
        .where('activity_id', 'in', ids)
        .execute()
      expect(inbox).toHaveLength(BURST)
      expect((await verifyInstanceLedger(b.database.db)).ok).toBe(true)
    })

    it('delivers a burst queued in the outbox to the peer exactly once, both ledgers verifying', async () => {
      const ids = Array.from({ length: BURST }, newId)
      await inTransaction(a.database.db, async (trx) => {
        for (const id of ids) {
          const body = pingBody(id)
          await enqueueActivity(trx, { peerId: bAtA, activityId: id, activityType: 'Create/Note', body })
        }
      })
      const delivered = await eventually(
        () =>
          a.database.db
            .selectFrom('federation_outbox')
            .select('activity_id')
            .where('activity_id', 'in', ids)
            .where('status', '=', 'delivered')
            .execute(),
        (rows) => rows.length === BURST,
      )
      expect(delivered).toHaveLength(BURST)
      expect(await received(ids)).toHaveLength(BURST)
      const sent = await a.database.db
        .selectFrom('instance_ledger_entries')
        .select('payload')
        .where('kind', '=', 'federation.sent')
        .execute()
      expect(sent.filter((r) => ids.includes((r.payload as { activityId: string }).activityId))).toHaveLength(BURST)
      expect((await verifyInstanceLedger(a.database.db)).ok).toBe(true)
      expect((await verifyInstanceLedger(b.database.db)).ok).toBe(true)
    })
  })
}
