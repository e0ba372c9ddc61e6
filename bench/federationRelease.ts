// The release spread across three instances (issue 17: target <= 1 s), part of
// `npm run bench:federation`. A offers a case to B and C, both accept; A puts terms in force whose
// instant is BENCH_RELEASE_LEAD_SECONDS (default 10) ahead, and the instant crosses to B and C as
// ActivateEmbargo. Each instance runs its own release scheduler, as a server does; the figure is
// each advisory's release time in its own database (`advisories.released_at`): the spread (latest
// minus earliest), each one's lateness after the instant, and whether any was early. The case has
// no products, so its CSAF document would not pass the strict schema: the schedulers release
// without the CSAF check (what is measured is when each instance acts, not the validator).
import { system } from '../src/domain/actor.js'
import { startFederationDelivery } from '../src/adapters/jobs/federationDelivery.js'
import { startReleaseScheduler } from '../src/adapters/jobs/releaseScheduler.js'
import { answerOffer } from '../src/commands/federation/caseOfferAnswers.js'
import { offerCaseToPeer } from '../src/commands/federation/caseOffers.js'
import { activate } from '../src/commands/embargo/negotiation.js'
import { lockEmbargoCase } from '../src/commands/embargo/embargoParties.js'
import { moveEmbargo } from '../src/commands/transitions/embargoState.js'
import { installJobQueue } from '../src/jobs/jobQueue.js'
import { inTransaction, type Db } from '../src/store/db.js'
import { makeCase, makeUser } from '../test/support/factories.js'
import { instance, pin } from './benchInstances.js'

const LEAD_S = Number(process.env.BENCH_RELEASE_LEAD_SECONDS ?? 10)
const line = (s: string) => process.stdout.write(`${s}\n`)
const bench = { id: 'system', displayName: 'Benchmark' }

async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, what: string, seconds = 60): Promise<T> {
  const deadline = Date.now() + seconds * 1000
  for (;;) {
    const v = await read()
    if (done(v)) return v
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

line(`Three instances; a shared case released ${LEAD_S} s after its terms are put in force on A...`)
const [a, b, c] = await Promise.all([instance('CERT-A'), instance('CERT-B'), instance('CERT-C')])
// A release enqueues its after-release job: the queue's tables, as a server's start makes them.
for (const i of [a, b, c]) await installJobQueue(i.db)
const peersAtA = { b: await pin(a, b), c: await pin(a, c) }
await pin(b, a)
await pin(c, a)
const loops = [a, b, c].map((i) => startFederationDelivery({ db: i.db, intervalMs: 50, log: () => undefined }))

const shared = await makeCase({ db: a.db }, { title: 'Released together' })
for (const peerId of [peersAtA.b, peersAtA.c])
  await offerCaseToPeer(a.db, system, { caseId: shared.id, peerId, finderConsent: false, ourBaseUrl: a.url })
const cases: { name: string; db: Db; caseId: string }[] = [{ name: a.name, db: a.db, caseId: shared.id }]
for (const i of [b, c]) {
  const offer = await until(
    () => i.db.selectFrom('federation_case_offers').select('id').where('direction', '=', 'received').executeTakeFirst(),
    (o) => !!o,
    `the offer at ${i.name}`,
  )
  const admin = await makeUser(i.db, { instanceRole: 'admin' })
  const actor = {
    kind: 'user' as const,
    userId: admin.id,
    instanceRole: 'admin' as const,
    memberships: new Map(),
    via: 'session' as const,
  }
  const { caseNumber } = await answerOffer(i.db, actor, { offerId: offer!.id, accept: true, ourBaseUrl: i.url })
  const row = await i.db
    .selectFrom('cases')
    .select('id')
    .where('case_number', '=', caseNumber!)
    .executeTakeFirstOrThrow()
  cases.push({ name: i.name, db: i.db, caseId: row.id })
}
await until(
  () => a.db.selectFrom('federation_case_offers').select('state').where('direction', '=', 'sent').execute(),
  (o) => o.length === 2 && o.every((x) => x.state === 'accepted'),
  "both peers' Accept at A",
)

// Terms a few seconds ahead (the embargo policy's minimum does not apply to a bench): proposed and sealed on A.
const instant = new Date(Date.now() + LEAD_S * 1000)
await inTransaction(a.db, async (trx) => {
  const locked = await lockEmbargoCase(trx, shared.id)
  const proposal = await trx
    .insertInto('embargo_proposals')
    .values({
      case_id: shared.id,
      kind: 'proposal',
      ends_at: instant,
      proposer_label: 'Benchmark',
      created_at: new Date(),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  await moveEmbargo(trx, locked, 'propose', { who: bench, kind: 'embargo.proposed', payload: {}, at: new Date() })
  await activate(trx, { ...locked, em_state: 'proposed' }, proposal, bench, new Date(), 'Benchmark')
})
const schedulers = [a, b, c].map((i) =>
  startReleaseScheduler({
    db: i.db,
    config: i.config,
    validate: false,
    log: (m, e) => line(`  ${i.name}: ${m} ${String(e ?? '')}`),
  }),
)
for (const { name, db, caseId } of cases)
  await until(
    () => db.selectFrom('cases').select('embargo_ends_at').where('id', '=', caseId).executeTakeFirstOrThrow(),
    (r) => r.embargo_ends_at?.getTime() === instant.getTime(),
    `the instant at ${name}`,
  )
line(
  `The instant ${instant.toISOString()} is in force on all three, ${Math.round(instant.getTime() - Date.now())} ms ahead`,
)

const released = await Promise.all(
  cases.map(async ({ name, db, caseId }) => {
    const row = await until(
      () => db.selectFrom('advisories').select('released_at').where('case_id', '=', caseId).executeTakeFirst(),
      (r) => !!r?.released_at,
      `the release at ${name}`,
      LEAD_S + 60,
    )
    return { name, at: row!.released_at! }
  }),
)
const times = released.map((r) => r.at.getTime())
for (const r of released) {
  const late = r.at.getTime() - instant.getTime()
  line(
    `  ${r.name}: released at ${r.at.toISOString()}, ${late >= 0 ? `${late} ms after the instant` : `${-late} ms EARLY`}`,
  )
}
line(`Release spread across three instances: ${Math.max(...times) - Math.min(...times)} ms (target <= 1000 ms)`)
line(`Early: ${times.some((t) => t < instant.getTime()) ? 'YES, at least one released before the instant' : 'none'}`)
await Promise.all([...schedulers.map((s) => s.stop()), ...loops.map((l) => l.stop())])
await Promise.all([a.close(), b.close(), c.close()])
process.exit(0)
