// Issue 15, item 5: the demo replays the public record of the 2003 sendmail case (VU#398025):
// 53 vendor records (one vendor twice), 23 vulnerable, 24 unknown, 6 not vulnerable; five told on
// 13 January, most five days before publication, five only after it (after the demo's release).
import { expect, it } from 'vitest'
import { describeEachDatabase, signedIn } from '../support/api.js'
import { makeUser } from '../support/factories.js'
import { seedDemo } from '../../src/seed/demo.js'
import { DUPLICATE_RECORD, vendorRecords } from '../../src/seed/demoRecord.js'
import { tellLateVendors } from '../../src/seed/demoAfterRelease.js'
import { auditCaseLedger } from '../../src/store/ledgerAudit.js'
import { sendReadinessNotice } from '../../src/commands/release/readinessNotice.js'

const MINUTE = 60_000

describeEachDatabase('the demo follows the public record', (t) => {
  it('has the record’s vendors and statuses, told in the record’s order, most five days before the release', async () => {
    const before = Date.now()
    await seedDemo(t.db, { releaseInMinutes: 5 })
    const c = await t.db
      .selectFrom('cases')
      .select(['id', 'embargo_ends_at'])
      .where('title', 'like', '%sendmail%')
      .orderBy('created_at')
      .executeTakeFirstOrThrow()
    const release = c.embargo_ends_at!.getTime()
    expect(release).toBeGreaterThanOrEqual(before + 5 * MINUTE)
    expect(release).toBeLessThan(Date.now() + 5 * MINUTE + MINUTE)

    // The record: 53 records, one vendor twice, 23 / 24 / 6.
    expect(vendorRecords).toHaveLength(53)
    const count = (s: string) => vendorRecords.filter((r) => r.status === s).length
    expect([count('vulnerable'), count('unknown'), count('not_vulnerable')]).toEqual([23, 24, 6])
    expect(
      vendorRecords
        .filter((r) => r.status === 'not_vulnerable')
        .map((r) => r.name)
        .sort(),
    ).toEqual(['Hitachi', 'Juniper Networks', 'Lotus Software', 'Openwall', 'Postfix', 'Syntegra'])
    const status = (name: string) => vendorRecords.find((r) => r.name === name)?.status
    expect([status('Cray'), status('NEC'), status('Apple'), status('MandrakeSoft')]).toEqual([
      'unknown',
      'unknown',
      'vulnerable',
      'vulnerable',
    ])

    const staff = await signedIn(t.app, await makeUser(t.db, { instanceRole: 'coordinator' }))
    const table = (await staff.get(`/api/v1/cases/${c.id}/vendors?limit=100`)).json() as {
      total: number
      items: { name: string; notifiedAt: string | null }[]
    }
    // Told before the release: all but the five told after publication; the duplicate is two rows.
    expect(table.total).toBe(48)
    const names = table.items.map((i) => i.name)
    const first = vendorRecords.find((r) => r.slug === DUPLICATE_RECORD.first)!.name
    const second = vendorRecords.find((r) => r.slug === DUPLICATE_RECORD.second)!.name
    expect(names).toEqual(expect.arrayContaining([first, second]))
    for (const late of ['Gentoo Linux', 'Slackware', 'OpenPKG', 'Microsoft', 'Postfix'])
      expect(names).not.toContain(late)

    // The order: the five first, together; HP and IBM, SGI, Red Hat, Apple and SUSE; then the wave.
    const told = new Map(table.items.map((i) => [i.name, Date.parse(i.notifiedAt!)]))
    const firstFive = [
      'Sendmail Consortium',
      'Sendmail, Inc.',
      'FreeBSD',
      'Sun Microsystems',
      'Internet Security Systems',
    ]
    const start = Math.min(...told.values())
    for (const n of firstFive) expect(told.get(n), n).toBe(start)
    const inOrder = ['Sendmail Consortium', 'Hewlett-Packard', 'SGI', 'Red Hat', 'Apple', 'Debian']
    const instants = inOrder.map((n) => told.get(n)!)
    expect([...instants].sort((a, b) => a - b)).toEqual(instants)
    expect(told.get('IBM')).toBe(told.get('Hewlett-Packard'))
    expect(told.get('SuSE')).toBe(told.get('Apple'))
    // Most learned in the last tenth of the time before the release (26 February: five days of 49).
    const lastTenth = release - 0.11 * (release - start)
    const late = [...told.values()].filter((at) => at >= lastTenth)
    expect(late.length).toBeGreaterThanOrEqual(30)
    expect(late.length / told.size).toBeGreaterThan(0.6)
    expect(Math.max(...told.values())).toBeLessThan(Date.now())

    // The statuses given before the release: 20 vulnerable, 5 not; the rest silent.
    const statements = (await staff.get(`/api/v1/cases/${c.id}/statements`)).json() as {
      status: string
      participant: string
    }[]
    const vulnerable = statements.filter((s) => s.status === 'affected' || s.status === 'fixed')
    expect(vulnerable).toHaveLength(20)
    expect(statements.filter((s) => s.status === 'not_affected')).toHaveLength(5)
    expect(statements.find((s) => s.participant === 'Sendmail Consortium')?.status).toBe('fixed')
    expect(statements.some((s) => s.participant === 'Cray' || s.participant === 'NEC')).toBe(false)

    // After the release, the five told after publication: three vulnerable, Postfix not, Microsoft silent.
    // The instance's own mail from before (the coordinators' release checklist) is kept; only the
    // mail telling the late vendors is forgotten.
    expect(await sendReadinessNotice(t.db, c.id, new Date(), { readinessNoticeMinutes: 60 })).toMatchObject({
      sent: true,
    })
    const caseMail = async () =>
      (await t.db.selectFrom('mail_outbox').select('id').where('case_id', '=', c.id).execute()).map((r) => r.id).sort()
    const checklist = await caseMail()
    expect(checklist.length).toBeGreaterThan(0)
    await tellLateVendors(t.db, c.id, new Date(release + MINUTE))
    await tellLateVendors(t.db, c.id, new Date(release + 2 * MINUTE))
    expect(await caseMail()).toEqual(checklist)
    const after = (await staff.get(`/api/v1/cases/${c.id}/vendors?limit=100`)).json() as {
      total: number
      items: { name: string; notifiedAt: string | null }[]
    }
    expect(after.total).toBe(53)
    for (const i of after.items.filter((x) => ['Gentoo Linux', 'Microsoft', 'Postfix'].includes(x.name)))
      expect(Date.parse(i.notifiedAt!)).toBeGreaterThan(release)
    const final = (await staff.get(`/api/v1/cases/${c.id}/statements`)).json() as { status: string }[]
    expect(final.filter((s) => s.status === 'affected' || s.status === 'fixed')).toHaveLength(23)
    expect(final.filter((s) => s.status === 'not_affected')).toHaveLength(6)
    expect(after.total - final.length).toBe(24)
    expect((await auditCaseLedger(t.db, c.id)).ok).toBe(true)
  })
})
