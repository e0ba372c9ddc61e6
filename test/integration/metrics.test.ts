// The metrics on a small known data set, on both databases: three imported notes (two in 2003,
// one in 2004) with vendors who answered in 2, 10 and 1 days and one who never did, and three
// live cases whose embargoes ended on time, extended and broken. Coordinators see every vendor,
// a vendor sees its own figures, and each chart downloads as CSV.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeEachDatabase, signedIn } from '../support/api.js'
import { noteRecord, vendorRecord } from '../support/certccArchive.js'
import { makeCase, makeMember, makeUser } from '../support/factories.js'
import { importCertccArchive } from '../../src/commands/imports/certcc.js'
import { system } from '../../src/domain/actor.js'
import type { Metrics } from '../../src/commands/metrics/metrics.js'

let dir: string
const day = (s: string) => `${s}T00:00:00Z`

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'certcc-metrics-'))
  const note = async (
    n: number,
    created: string,
    published: string | null,
    vendors: [string, string, string, string][],
  ) => {
    await mkdir(path.join(dir, `vu_${n}`))
    const base = noteRecord(n, { published: false, created: Date.parse(day(created)) })
    await writeFile(
      path.join(dir, `vu_${n}`, `vu_${n}.json`),
      JSON.stringify({ ...base, DatePublic: published ? day(published) : '', DateFirstPublished: '' }),
    )
    for (const [i, [vendor, status, notified, responded]] of vendors.entries())
      await writeFile(
        path.join(dir, `vu_${n}`, `vendor_${i}.json`),
        JSON.stringify(vendorRecord(n, `${n}-${i}`, vendor, { status, notified, responded })),
      )
  }
  await note(1, '2003-01-01', '2003-01-31', [
    ['Vendor X', 'Vulnerable', '2003-01-02', '2003-01-04'],
    ['Vendor Y', 'Unknown', '2003-01-02', ''],
  ])
  await note(2, '2003-02-01', null, [['Vendor X', 'Not Vulnerable', '2003-02-01', '2003-02-11']])
  await note(3, '2004-01-01', '2004-04-10', [['Vendor Z', 'Affected', '2004-01-01', '2004-01-02']])
})
afterAll(() => rm(dir, { recursive: true, force: true }))

describeEachDatabase('metrics', (t) => {
  let xId = ''
  beforeAll(async () => {
    await importCertccArchive(t.db, dir, { actor: system })
    xId = (await t.db.selectFrom('organizations').select('id').where('name', '=', 'Vendor X').executeTakeFirstOrThrow())
      .id
    const agreed = new Date('2026-03-01T12:00:00Z')
    const later = new Date('2026-03-15T12:00:00Z')
    const embargoed = async (o: { endsAt: Date; publicAt: Date; firstEnd?: Date }) => {
      const c = await makeCase(t)
      await t.db
        .updateTable('cases')
        .set({
          em_state: 'exited',
          embargo_ends_at: o.endsAt,
          embargo_ended_at: o.publicAt,
          public_aware_at: o.publicAt,
        })
        .where('id', '=', c.id)
        .execute()
      const proposal = (endsAt: Date, status: 'accepted' | 'superseded', decided: Date) => ({
        case_id: c.id,
        kind: 'proposal' as const,
        ends_at: endsAt,
        proposer_label: 'Coordinator',
        status,
        decided_at: decided,
      })
      await t.db
        .insertInto('embargo_proposals')
        .values(
          o.firstEnd
            ? [
                proposal(o.firstEnd, 'superseded', new Date('2026-02-01')),
                proposal(o.endsAt, 'accepted', new Date('2026-02-20')),
              ]
            : [proposal(o.endsAt, 'accepted', new Date('2026-02-01'))],
        )
        .execute()
    }
    await embargoed({ endsAt: agreed, publicAt: agreed })
    await embargoed({ endsAt: later, publicAt: later, firstEnd: agreed })
    await embargoed({ endsAt: agreed, publicAt: new Date('2026-02-27T12:00:00Z') })
  })

  it('answers the coordinator every figure, over all years and for one year', async () => {
    const coordinator = await signedIn(t.app, await makeUser(t.db, { instanceRole: 'coordinator' }))
    const all = (await coordinator.get('/api/v1/metrics')).json() as Metrics
    expect(all.years.slice(-2)).toEqual([2004, 2003])
    expect(all.responses).toMatchObject({ notified: 4, answered: 3, neverAnsweredShare: 0.25, medianDays: 2 })
    expect(all.responses.p90Days).toBeCloseTo(8.4)
    const x = all.responses.vendors.find((v) => v.name === 'Vendor X')!
    expect(x).toMatchObject({ notified: 2, answered: 2, neverAnswered: 0, medianDays: 6 })
    expect(x.p90Days).toBeCloseTo(9.2)
    expect(all.responses.vendors.find((v) => v.name === 'Vendor Y')).toMatchObject({ notified: 1, neverAnswered: 1 })
    expect(all.publication).toMatchObject({ cases: 2, medianDays: 65 })
    expect(all.publication.buckets.filter((b) => b.cases)).toEqual([
      { label: '8–30 days', cases: 1 },
      { label: '91–180 days', cases: 1 },
    ])
    expect(all.embargo).toEqual([
      { kind: 'on_time', cases: 1 },
      { kind: 'extended', cases: 1 },
      { kind: 'broken', cases: 1 },
    ])
    // The three notes had a vendor aware before the public (or no public yet); the three live
    // cases went public with no vendor aware.
    const vBeforeP = all.histories.orderings.find((o) => o.label === 'vendor aware before public aware')!
    expect(vBeforeP).toEqual({ label: 'vendor aware before public aware', satisfied: 3, violated: 3 })
    const year2003 = (await coordinator.get('/api/v1/metrics?year=2003')).json() as Metrics
    expect(year2003.responses).toMatchObject({ notified: 3, answered: 2, medianDays: 6 })
    expect(year2003.histories.cases).toBe(2)
    expect(year2003.histories.averageScore).toBeCloseTo((5 / 7 + 1) / 2)
    expect(year2003.histories.scoreBuckets.map((b) => b.cases)).toEqual([0, 0, 1, 0, 1])
    expect(year2003.embargo.every((e) => e.cases === 0)).toBe(true)

    const filtered = (await coordinator.get(`/api/v1/metrics?vendor=${xId}`)).json() as Metrics
    expect(filtered.responses.vendors.map((v) => v.name)).toEqual(['Vendor X'])
    expect(filtered.publication.cases).toBe(1)

    const csv = await coordinator.get('/api/v1/metrics/response-times/csv?year=2003')
    expect(csv.headers['content-type']).toMatch(/^text\/csv/)
    expect(csv.body.split('\r\n')).toEqual([
      'vendor,notified,answered,median_days_to_first_answer,p90_days_to_first_answer',
      'Vendor X,2,2,6,9.2',
      'Vendor Y,1,0,,',
      '',
    ])
    const bad = await coordinator.get('/api/v1/metrics?year=nineteen')
    expect(bad.statusCode).toBe(422)
    expect(bad.body).toContain('year')
  })

  it('shows a vendor its own figures only', async () => {
    const member = await makeMember(t.db, { id: xId } as never, 'member')
    const client = await signedIn(t.app, member)
    const own = (await client.get(`/api/v1/organizations/${xId}/metrics`)).json() as Metrics
    expect(own.responses.vendors.map((v) => v.name)).toEqual(['Vendor X'])
    expect(own.responses).toMatchObject({ notified: 2, answered: 2 })
    expect(own.histories.cases).toBe(2)
    expect((await client.get('/api/v1/metrics')).statusCode).toBe(403)
    const csv = await client.get(`/api/v1/organizations/${xId}/metrics/never-answered/csv`)
    expect(csv.body).toBe('vendor,notified,never_answered,share_never_answered\r\nVendor X,2,0,0\r\n')
  })
})
