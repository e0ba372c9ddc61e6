// Every state change of the demo (the seeded sendmail case, then its release and the job after it)
// has its ledger entry: replaying the entries gives each participant's RM state, the report's, the
// case's embargo state and the advisory's. A helper that skipped its entry breaks a replay here.
import { expect, it } from 'vitest'
import { describeEachDatabase } from '../support/api.js'
import { drainAfterRelease } from '../support/afterRelease.js'
import { seedDemo } from '../../src/seed/demo.js'
import { releaseCase } from '../../src/commands/release/release.js'
import { readLedger } from '../../src/store/ledger.js'
import type { RmState } from '../../src/domain/reportManagement.js'
import type { EmState } from '../../src/domain/embargo.js'

type Payload = Record<string, unknown>

describeEachDatabase('the demo ledger', (t) => {
  it('records every transition of the demo and its release', async () => {
    await seedDemo(t.db)
    const c = await t.db
      .selectFrom('cases')
      .selectAll()
      .where('title', 'like', '%sendmail%')
      .orderBy('created_at')
      .executeTakeFirstOrThrow()
    const released = await releaseCase(t.db, c.id, c.embargo_ends_at!, { kind: 'embargo_end' }, { config: t.config })
    expect(released).toMatchObject({ released: true })
    expect(await drainAfterRelease({ db: t.db, config: t.config, cvePublisher: null })).toBe(1)
    expect(await drainAfterRelease({ db: t.db, config: t.config, cvePublisher: null })).toBe(0)

    const ledger = await readLedger(t.db, c.id)
    const of = (kind: string) => ledger.filter((e) => e.kind === kind).map((e) => e.payload as Payload)

    // Participants: joined in a first state, then one rm.transition per move, ending where the row is.
    const participants = await t.db.selectFrom('participants').selectAll().where('case_id', '=', c.id).execute()
    expect(participants.length).toBeGreaterThan(10)
    for (const p of participants) {
      const joined = ledger.find(
        (e) =>
          (e.kind === 'participant.added' || e.kind === 'vendor.notified') &&
          (e.payload as Payload).participantId === p.id,
      )
      expect(joined, `${p.id} joined`).toBeDefined()
      let state: RmState =
        joined!.kind === 'vendor.notified'
          ? 'received'
          : p.roles.some((r) => r === 'coordinator' || r === 'finder') || (joined!.payload as Payload).openedTheCase
            ? 'accepted'
            : 'start'
      for (const move of of('rm.transition').filter((m) => m.participant === p.id)) {
        expect(move.from, `${p.id} moved from where it was`).toBe(state)
        state = move.to as RmState
      }
      expect(state, `${p.id}'s RM state replayed`).toBe(p.rm_state)
      // Its case-status facts: fix ready and deployed each have their entry.
      for (const [event, at] of [
        ['fixReady', p.fix_ready_at],
        ['fixDeployed', p.fix_deployed_at],
      ] as const)
        expect(
          of('cs.event').some((e) => e.participant === p.id && e.event === event),
          `${p.id} ${event}`,
        ).toBe(at !== null)
    }
    // At least one vendor moved in the demo, so the replay above has moves to check.
    expect(of('rm.transition').filter((m) => m.participant).length).toBeGreaterThan(0)

    // The report: received, validated in its history, accepted into the case in the case's ledger.
    const report = await t.db.selectFrom('reports').selectAll().where('case_id', '=', c.id).executeTakeFirstOrThrow()
    const history = await t.db
      .selectFrom('report_events')
      .select('payload')
      .where('report_id', '=', report.id)
      .where('kind', '=', 'rm.transition')
      .orderBy('id')
      .execute()
    let reportState: RmState = 'received'
    for (const { payload } of history) {
      expect((payload as Payload).from).toBe(reportState)
      reportState = (payload as Payload).to as RmState
    }
    for (const move of of('rm.transition').filter((m) => m.report === report.tracking_id)) {
      expect(move.from).toBe(reportState)
      reportState = move.to as RmState
    }
    expect(reportState).toBe(report.state)

    // The embargo: its entries replay to the case's EM state, and it went through agreement to its end.
    const emAfter: Record<string, (e: Payload) => EmState> = {
      'embargo.proposed': () => 'proposed',
      'embargo.countered': () => 'proposed',
      'embargo.revision_proposed': () => 'revise',
      'embargo.active': () => 'active',
      'embargo.revised': () => 'active',
      'embargo.rejected': (e) => (e.kind === 'revision' ? 'active' : 'none'),
      'embargo.withdrawn': (e) => (e.kind === 'revision' ? 'active' : 'none'),
      'embargo.dropped': () => 'none',
      'embargo.ended': () => 'exited',
    }
    const emStates = ledger.filter((e) => emAfter[e.kind]).map((e) => emAfter[e.kind]!(e.payload as Payload))
    const now = await t.db.selectFrom('cases').select('em_state').where('id', '=', c.id).executeTakeFirstOrThrow()
    expect(emStates).toContain('active')
    expect(emStates.at(-1)).toBe(now.em_state)
    expect(now.em_state).toBe('exited')

    // The advisory: published once, with its entry; its owners alerted once, by the job.
    const advisory = await t.db
      .selectFrom('advisories')
      .selectAll()
      .where('case_id', '=', c.id)
      .executeTakeFirstOrThrow()
    expect(advisory.state).toBe('published')
    expect(of('advisory.released')).toHaveLength(1)
    expect(of('owners.alerted')).toHaveLength(1)
    expect(advisory.owners_alerted_at).not.toBeNull()
  })
})
