// The federation routes' probes for test/integration/policyRoutes.test.ts (kept here so that file
// grows by one line): each request sets up what it needs, a peer document served on loopback for
// adding a peer, peer rows for confirming, pinging and removing one.
import http from 'node:http'
import type { Kysely } from 'kysely'
import { generateFederationKey, fingerprintOf } from '../../src/security/federationKey.js'
import type { Database, UserRow } from '../../src/store/schema.js'
import { makeCase, makeReport } from './factories.js'

let n = 0
let documents: Promise<string> | undefined

/** A loopback server answering a peer document for any `/<name>/.well-known/lockstep-peer`. */
function peerDocumentServer(): Promise<string> {
  return (documents ??= new Promise((resolve) => {
    const key = generateFederationKey()
    const server = http.createServer((req, res) => {
      const name = /^\/([\w-]+)\/\.well-known\/lockstep-peer$/.exec(req.url ?? '')?.[1]
      if (!name) return void res.writeHead(404).end()
      const baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/${name}`
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          type: 'LockstepPeer',
          version: 1,
          baseUrl,
          name,
          inbox: `${baseUrl}/federation/inbox`,
          actor: `${baseUrl}/federation/actor`,
          algorithm: 'ed25519',
          keyId: key.keyId,
          publicKeyPem: key.publicKeyPem,
          fingerprint: fingerprintOf(key.keyId),
        }),
      )
    })
    server.unref()
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as { port: number }).port}`))
  }))
}

async function peerRow(db: Kysely<Database>, state: 'pending' | 'pinned') {
  const key = generateFederationKey()
  const baseUrl = `https://peer-${Date.now()}-${n++}.example.test`
  return db
    .insertInto('federation_peers')
    .values({
      base_url: baseUrl,
      name: 'Probe peer',
      inbox_url: `${baseUrl}/federation/inbox`,
      key_id: key.keyId,
      public_key_pem: key.publicKeyPem,
      state,
    })
    .returning(['id', 'key_id'])
    .executeTakeFirstOrThrow()
}

/** An offer a pinned peer made here, waiting for an answer. */
async function receivedOffer(db: Kysely<Database>) {
  const peer = await peerRow(db, 'pinned')
  const origin = `https://peer-${n++}.example.test/cases/LS-2026-0001`
  return db
    .insertInto('federation_case_offers')
    .values({
      direction: 'received',
      peer_id: peer.id,
      invite_activity_id: `https://peer.example.test/federation/activities/${n++}`,
      origin_case_url: origin,
      offered_case: JSON.stringify({
        type: 'VulnerabilityCase',
        id: origin,
        name: 'Probe case',
        summary: '',
        'lockstep:caseNumber': 'LS-2026-0001',
        'lockstep:tlp': 'AMBER',
        'lockstep:vulnerabilities': [],
        'lockstep:notes': [],
        'lockstep:finders': [],
      }),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
}

type Ctx = { db: Kysely<Database> }
type World = { self: UserRow }
const manage = ['instance', 'manage_peers', 'instance'] as [string, string, string]
const list = ['instance', 'list_peers', 'instance'] as [string, string, string]

export const federationProbes = [
  { route: 'GET /api/v1/federation/peers', cell: list, request: async () => ({ url: '/api/v1/federation/peers' }) },
  {
    route: 'GET /api/v1/federation/messages',
    cell: list,
    request: async () => ({ url: '/api/v1/federation/messages' }),
  },
  { route: 'GET /api/v1/federation/ledger', cell: list, request: async () => ({ url: '/api/v1/federation/ledger' }) },
  {
    route: 'POST /api/v1/federation/peers',
    cell: manage,
    request: async () => ({
      url: '/api/v1/federation/peers',
      body: { url: `${await peerDocumentServer()}/probe-${n++}` },
    }),
  },
  {
    route: 'POST /api/v1/federation/peers/:id/confirm',
    cell: manage,
    request: async (t: Ctx) => {
      const peer = await peerRow(t.db, 'pending')
      return { url: `/api/v1/federation/peers/${peer.id}/confirm`, body: { fingerprint: fingerprintOf(peer.key_id) } }
    },
  },
  {
    route: 'POST /api/v1/federation/peers/:id/ping',
    cell: manage,
    request: async (t: Ctx) => ({
      url: `/api/v1/federation/peers/${(await peerRow(t.db, 'pinned')).id}/ping`,
      body: { text: 'probe' },
    }),
  },
  {
    route: 'DELETE /api/v1/federation/peers/:id',
    cell: manage,
    request: async (t: Ctx) => ({ url: `/api/v1/federation/peers/${(await peerRow(t.db, 'pinned')).id}` }),
  },
  {
    route: 'POST /api/v1/cases/:id/peer-offers',
    cell: ['case', 'offer_to_peer', 'selfTakesPart'] as [string, string, string],
    request: async (t: Ctx, w: World) => ({
      url: `/api/v1/cases/${(await makeCase(t, { finder: w.self })).id}/peer-offers`,
      body: { peerId: (await peerRow(t.db, 'pinned')).id },
    }),
  },
  {
    route: 'GET /api/v1/cases/:id/peer-offers',
    cell: ['case', 'read_ledger', 'selfTakesPart'] as [string, string, string],
    request: async (t: Ctx, w: World) => ({
      url: `/api/v1/cases/${(await makeCase(t, { finder: w.self })).id}/peer-offers`,
    }),
  },
  {
    route: 'GET /api/v1/federation/offers',
    cell: ['instance', 'list_peer_offers', 'instance'] as [string, string, string],
    request: async () => ({ url: '/api/v1/federation/offers' }),
  },
  // Handoff and onward notification (routes/federationHandoff.ts).
  ...(
    [
      ['POST', 'handoff', 'hand_over_to_peer', (peerId: string) => ({ peerId })],
      ['GET', 'handoff', 'read', null],
      ['POST', 'peer-offers/deferrals', 'offer_to_peer', (peerId: string) => ({ peerId, justification: 'Probe.' })],
      ['GET', 'peers-told', 'read_ledger', null],
      ['GET', 'peer-shared', 'read_ledger', null],
    ] as const
  ).map(([method, path, action, body]) => ({
    route: `${method} /api/v1/cases/:id/${path}`,
    cell: ['case', action, 'selfTakesPart'] as [string, string, string],
    request: async (t: Ctx, w: World) => ({
      url: `/api/v1/cases/${(await makeCase(t, { finder: w.self })).id}/${path}`,
      ...(body ? { body: body((await peerRow(t.db, 'pinned')).id) } : {}),
    }),
  })),
  // A report sent on to peers (routes/federationReports.ts).
  ...(
    [
      ['POST', 'peer-offers', 'send_to_peer', (peerId: string) => ({ peerIds: [peerId] })],
      ['POST', 'peer-offers/deferrals', 'send_to_peer', (peerId: string) => ({ peerId, justification: 'Probe.' })],
      ['GET', 'peers-told', 'triage', null],
    ] as const
  ).map(([method, path, action, body]) => ({
    route: `${method} /api/v1/reports/:id/${path}`,
    cell: ['report', action, 'bySelf'] as [string, string, string],
    request: async (t: Ctx, w: World) => ({
      url: `/api/v1/reports/${(await makeReport(t.db, { reporterUserId: w.self.id })).id}/${path}`,
      ...(body ? { body: body((await peerRow(t.db, 'pinned')).id) } : {}),
    }),
  })),
  ...(['accept', 'decline'] as const).map((answer) => ({
    route: `POST /api/v1/federation/offers/:id/${answer}`,
    cell: ['instance', 'answer_peer_offer', 'instance'] as [string, string, string],
    request: async (t: Ctx) => ({
      url: `/api/v1/federation/offers/${(await receivedOffer(t.db)).id}/${answer}`,
      body: {},
    }),
  })),
]
