// `npm run bench:federation`, on PostgreSQL (BENCH_DB=pglite for the embedded database): two
// instances, each with its own database, HTTP server on a loopback port and outbox delivery loop,
// pinned to each other. N messages are written to A's outbox at once; the figure is how many per
// second reach B (each signed with RFC 9421 on every attempt, checked, deduplicated and written to
// both instance ledgers, the outbox row settled durably) until the last is taken (target >= 200/s).
// Baseline in the same run: unsigned POSTs to a bare fastify route with the same concurrency.
import os from 'node:os'
import path from 'node:path'
import fs from 'node:fs'
import net from 'node:net'
import { randomUUID } from 'node:crypto'
import Fastify from 'fastify'
import { createBenchDatabase } from './benchDatabase.js'
import { loadConfig } from '../src/config.js'
import { openDatabase } from '../src/store/database.js'
import { migrate } from '../src/store/migrate.js'
import { buildApp } from '../src/adapters/http/app.js'
import { startFederationDelivery } from '../src/adapters/jobs/federationDelivery.js'
import { pingActivity } from '../src/domain/federation/activities.js'
import { actorOf } from '../src/domain/federation/peerDocument.js'
import { ensureFederationKey } from '../src/store/federation/key.js'
import { enqueueActivity } from '../src/store/federation/outbox.js'
import { verifyInstanceLedger } from '../src/store/federation/instanceLedger.js'
import { inTransaction } from '../src/store/db.js'

const N = Number(process.env.BENCH_MESSAGES ?? 2000)
const CONCURRENCY = 20 // the baseline's requests in flight, as in earlier runs (the delivery loop now claims 64)
const line = (s: string) => process.stdout.write(`${s}\n`)
const embedded = process.env.BENCH_DB === 'pglite'

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port
      server.close(() => resolve(port))
    })
  })
}

async function instance(name: string) {
  const bench = embedded ? null : await createBenchDatabase(`federation_${name.toLowerCase().replace(/\W/g, '_')}`)
  const dataDir = embedded ? fs.mkdtempSync(path.join(os.tmpdir(), `lockstep-bench-fed-${name}-`)) : ''
  const database = await openDatabase({ databaseUrl: bench?.url, dataDir })
  await migrate(database.db)
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    LOCKSTEP_SMTP_PORT: 'off',
    LOCKSTEP_PUBLIC_URL: url,
    ...(bench ? { DATABASE_URL: bench.url } : { LOCKSTEP_DATA: dataDir }),
  })
  const app = await buildApp({ db: database.db, config, logger: false })
  await app.listen({ host: '127.0.0.1', port })
  const key = await ensureFederationKey(database.db)
  return {
    name,
    url,
    db: database.db,
    key,
    async close() {
      await app.close()
      await database.close()
      await bench?.drop()
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
type Instance = Awaited<ReturnType<typeof instance>>

/** `a` pins `b`'s key (as its admin would after confirming the fingerprint); answers b's peer id at a. */
async function pin(a: Instance, b: Instance): Promise<string> {
  const row = await a.db
    .insertInto('federation_peers')
    .values({
      base_url: b.url,
      name: b.name,
      inbox_url: `${b.url}/federation/inbox`,
      key_id: b.key.keyId,
      public_key_pem: b.key.publicKeyPem,
      state: 'pinned',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

line(`Two instances on ${embedded ? 'PGlite' : 'PostgreSQL'}, ${N} messages from A to B...`)
const a = await instance('CERT-A')
const b = await instance('CERT-B')
const bAtA = await pin(a, b)
await pin(b, a)

await inTransaction(a.db, async (trx) => {
  for (let i = 0; i < N; i++) {
    const id = `${a.url}/federation/activities/${randomUUID()}`
    const body = JSON.stringify(
      pingActivity({ id, from: actorOf(a.url), to: actorOf(b.url), text: `message ${i}`, at: new Date() }),
    )
    await enqueueActivity(trx, { peerId: bAtA, activityId: id, activityType: 'Create/Note', body })
  }
})

const started = performance.now()
const delivery = startFederationDelivery({ db: a.db, intervalMs: 50, log: (m) => line(`  ${m}`) })
for (;;) {
  const { n } = await b.db
    .selectFrom('federation_inbox')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow()
  if (Number(n) >= N) break
  await new Promise((r) => setTimeout(r, 20))
}
const received = performance.now() - started
for (;;) {
  const { n } = await a.db
    .selectFrom('federation_outbox')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('status', '=', 'delivered')
    .executeTakeFirstOrThrow()
  if (Number(n) >= N) break
  await new Promise((r) => setTimeout(r, 20))
}
const settled = performance.now() - started
await delivery.stop()
const [ledgerA, ledgerB] = await Promise.all([verifyInstanceLedger(a.db), verifyInstanceLedger(b.db)])

// Baseline: the same number of unsigned POSTs, CONCURRENCY at a time, to a bare fastify route.
const bare = Fastify()
bare.post('/', async () => ({ ok: true }))
await bare.listen({ host: '127.0.0.1', port: 0 })
const bareUrl = `http://127.0.0.1:${(bare.server.address() as net.AddressInfo).port}/`
const bareStarted = performance.now()
for (let i = 0; i < N; i += CONCURRENCY)
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, N - i) }, () =>
      fetch(bareUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }).then((r) =>
        r.arrayBuffer(),
      ),
    ),
  )
const bareMs = performance.now() - bareStarted
await bare.close()

const rate = (ms: number) => Math.round((N / ms) * 1000)
line(`Messages taken by B: ${N} in ${Math.round(received)} ms = ${rate(received)} messages/s (target >= 200/s)`)
line(`All settled as delivered on A: ${Math.round(settled)} ms = ${rate(settled)} messages/s`)
line(
  `Instance ledgers: A ${ledgerA.ok ? `${ledgerA.count} entries, chain intact` : 'BROKEN'}, B ${ledgerB.ok ? `${ledgerB.count} entries, chain intact` : 'BROKEN'}`,
)
line(`Baseline, unsigned POSTs to a bare fastify route, ${CONCURRENCY} at a time: ${rate(bareMs)} requests/s`)
await a.close()
await b.close()
process.exit(0)
