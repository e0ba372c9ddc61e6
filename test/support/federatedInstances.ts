// Lockstep instances that federate, in one test process: each its own database, its own HTTP
// server on a loopback port and its own federation delivery loop, with a signed-in admin. One can
// be stopped (its database kept) and started again on the same port, to play a peer that is down.
import net from 'node:net'
import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import { buildApp } from '../../src/adapters/http/app.js'
import { startFederationDelivery, type FederationDelivery } from '../../src/adapters/jobs/federationDelivery.js'
import type { Config } from '../../src/config.js'
import { ensureFederationKey } from '../../src/store/federation/key.js'
import type { Database } from '../../src/store/schema.js'
import { Client, signedIn, testConfig } from './api.js'
import { openTestDatabase, type Backend, type TestDatabase } from './databases.js'
import { makeUser } from './factories.js'

export interface Instance {
  name: string
  url: string
  config: Config
  database: TestDatabase
  app: FastifyInstance
  admin: Client
  delivery: FederationDelivery
  /** Every line the instance's HTTP server logged (pino JSON). */
  logs: string[]
  /** What the delivery loop said. */
  deliveryLog: string[]
  /** Stops answering HTTP (the database and the delivery loop stay). */
  goDown(): Promise<void>
  comeBack(): Promise<void>
  close(): Promise<void>
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port
      server.close(() => resolve(port))
    })
  })
}

export async function startInstance(backend: Backend, name: string): Promise<Instance> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const database = await openTestDatabase(backend)
  const config = testConfig({ publicUrl: url, host: '127.0.0.1', port })
  config.release = { ...config.release, publisherName: name }
  const logs: string[] = []
  const deliveryLog: string[] = []
  const build = async () => {
    const app = await buildApp({
      db: database.db,
      config,
      logger: { level: 'info', stream: { write: (line: string) => void logs.push(line) } },
    })
    await app.listen({ host: '127.0.0.1', port })
    return app
  }
  const instance: Instance = {
    name,
    url,
    config,
    database,
    app: await build(),
    admin: undefined as unknown as Client,
    delivery: startFederationDelivery({
      db: database.db,
      intervalMs: 100,
      retryBaseSeconds: 0.2,
      log: (m) => void deliveryLog.push(m),
    }),
    logs,
    deliveryLog,
    async goDown() {
      await instance.app.close()
    },
    async comeBack() {
      instance.app = await build()
      // The same session on the new server (a second sign-in would reuse the TOTP code).
      const before = instance.admin
      instance.admin = new Client(instance.app, { ls_session: before.cookie('ls_session')! }, before.csrf)
    },
    async close() {
      await instance.delivery.stop()
      await instance.app.close()
      await database.close()
    },
  }
  const adminUser = await makeUser(database.db, { instanceRole: 'admin' })
  instance.admin = await signedIn(instance.app, adminUser)
  return instance
}

/** Polls until `check` holds (deliveries are asynchronous), for at most `seconds`. */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, seconds = 15): Promise<T> {
  const deadline = Date.now() + seconds * 1000
  let value = await read()
  while (!check(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100))
    value = await read()
  }
  return value
}

/** A adds B as a peer and confirms its fingerprint (as B's admin would tell it); answers B's id at A. */
export async function pinPeer(a: Instance, b: Instance): Promise<string> {
  const added = await a.admin.post('/api/v1/federation/peers', { url: b.url })
  if (added.statusCode !== 201) throw new Error(`adding ${b.name} at ${a.name}: ${added.body}`)
  const { id, fingerprint } = added.json() as { id: string; fingerprint: string }
  const pinned = await a.admin.post(`/api/v1/federation/peers/${id}/confirm`, { fingerprint })
  if (pinned.statusCode !== 200) throw new Error(`pinning ${b.name} at ${a.name}: ${pinned.body}`)
  return id
}

/**
 * `at` already trusts `other` as a pinned peer, as if its admin had confirmed the fingerprint, written
 * straight to `at`'s database (for tests that start from there; pinPeer goes through the API).
 * Answers `other`'s id at `at`.
 */
export async function trustPeer(
  at: Kysely<Database>,
  other: { url: string; name: string; db: Kysely<Database> },
): Promise<string> {
  const key = await ensureFederationKey(other.db)
  const row = await at
    .insertInto('federation_peers')
    .values({
      base_url: other.url,
      name: other.name,
      inbox_url: `${other.url}/federation/inbox`,
      key_id: key.keyId,
      public_key_pem: key.publicKeyPem,
      state: 'pinned',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** `a` and `b` pin each other, as both admins would; answers `b`'s id at `a`. */
export async function pinBothWays(a: Instance, b: Instance): Promise<string> {
  const bAtA = await pinPeer(a, b)
  await pinPeer(b, a)
  return bAtA
}

/** CERT-A and CERT-B, pinned both ways: the two, and B's id at A. */
export async function startPinnedPair(backend: Backend): Promise<{ a: Instance; b: Instance; bAtA: string }> {
  const [a, b] = await Promise.all([startInstance(backend, 'CERT-A'), startInstance(backend, 'CERT-B')])
  return { a, b, bAtA: await pinBothWays(a, b) }
}

/** CERT-A with CERT-B and CERT-C, each pinned both ways with A (B and C do not know each other). */
export async function startAWithTwoPeers(backend: Backend) {
  const [{ a, b, bAtA }, c] = await Promise.all([startPinnedPair(backend), startInstance(backend, 'CERT-C')])
  return { a, b, c, bAtA, cAtA: await pinBothWays(a, c) }
}

/** Closes every instance that was started (a set-up that failed half-way leaves some undefined). */
export async function closeAll(...instances: (Instance | undefined)[]): Promise<void> {
  await Promise.all(instances.map((i) => i?.close()))
}

/** The payloads of a case's ledger entries of one kind on `i`. */
export const ledgerOf = (i: Instance, caseId: string, kind: string) =>
  i.database.db
    .selectFrom('ledger_entries')
    .select('payload')
    .where('case_id', '=', caseId)
    .where('kind', '=', kind)
    .execute()
