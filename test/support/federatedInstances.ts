// Lockstep instances that federate, in one test process: each its own database, its own HTTP
// server on a loopback port and its own federation delivery loop, with a signed-in admin. One can
// be stopped (its database kept) and started again on the same port, to play a peer that is down.
import net from 'node:net'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../src/adapters/http/app.js'
import { startFederationDelivery, type FederationDelivery } from '../../src/adapters/jobs/federationDelivery.js'
import type { Config } from '../../src/config.js'
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
