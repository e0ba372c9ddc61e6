// `npm run bench:federation`, on PostgreSQL (BENCH_DB=pglite for the embedded database): two
// instances, each with its own database, HTTP server on a loopback port and outbox delivery loop,
// pinned to each other. N messages are written to A's outbox at once; the figure is how many per
// second reach B (each signed with RFC 9421 on every attempt, checked, deduplicated and written to
// both instance ledgers, the outbox row settled durably) until the last is taken (target >= 200/s).
// Baseline in the same run: unsigned POSTs to a bare fastify route with the same concurrency.
import net from 'node:net'
import { randomUUID } from 'node:crypto'
import Fastify from 'fastify'
import { startFederationDelivery } from '../src/adapters/jobs/federationDelivery.js'
import { pingActivity } from '../src/domain/federation/activities.js'
import { actorOf } from '../src/domain/federation/peerDocument.js'
import { enqueueActivity } from '../src/store/federation/outbox.js'
import { verifyInstanceLedger } from '../src/store/federation/instanceLedger.js'
import { inTransaction } from '../src/store/db.js'
import { instance, pin } from './benchInstances.js'

const N = Number(process.env.BENCH_MESSAGES ?? 2000)
const CONCURRENCY = 20 // the baseline's requests in flight, as in earlier runs (the delivery loop now claims 64)
const line = (s: string) => process.stdout.write(`${s}\n`)
const embedded = process.env.BENCH_DB === 'pglite'

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
