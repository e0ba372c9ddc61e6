// Release readiness on the demo case (its embargo ends minutes after the first start, with most
// vendors' statements not yet approved): the coordinator's checklist names each unapproved
// statement with its status and when it was given, the silent vendors, the unreviewed draft and
// the owners matched; parties and outsiders are refused. The checklist is mailed to the
// coordinators once before the end (not again after a restart or a revision to the same instant,
// again for a new instant). Leaving an item out needs a reason and writes a ledger entry; at the
// release the ledger says what the advisory went out without, decided or not.
import { expect, it } from 'vitest'
import { Client, describeEachDatabase, signedIn } from '../support/api.js'
import { makeMember, makeUser } from '../support/factories.js'
import { seedDemo } from '../../src/seed/demo.js'
import { releaseCase } from '../../src/commands/release/release.js'
import { startReleaseScheduler } from '../../src/adapters/jobs/releaseScheduler.js'
import { readLedger } from '../../src/store/ledger.js'
import { findOrganizationBySlug } from '../../src/store/organizations.js'
import type { AdvisorySnapshot } from '../../src/domain/advisory/snapshot.js'

interface Item {
  key: string
  kind: string
  what: string
  todo: string
  vendor: string | null
  statementId: string | null
  status: string | null
  givenAt: string | null
  givenAfterReview: boolean
  leftOut: { reason: string; by: string } | null
}
interface Checklist {
  endsAt: string | null
  items: Item[]
  open: number
  owners: { organizations: number; assets: number }
}

const MINUTE = 60_000

describeEachDatabase('release readiness', (t) => {
  let caseId = ''
  let endsAt = new Date()
  let staff: Client

  async function demoCase() {
    if (caseId) return
    await seedDemo(t.db)
    const c = await t.db
      .selectFrom('cases')
      .select(['id', 'embargo_ends_at'])
      .where('title', 'like', '%sendmail%')
      .orderBy('created_at')
      .executeTakeFirstOrThrow()
    caseId = c.id
    endsAt = c.embargo_ends_at!
    staff = await signedIn(t.app, await makeUser(t.db, { instanceRole: 'coordinator' }))
  }
  const checklist = async () => {
    const res = await staff.get(`/api/v1/cases/${caseId}/release-readiness`)
    expect(res.statusCode).toBe(200)
    return res.json() as Checklist
  }

  it('lists the unapproved statements, silent vendors, the unreviewed draft and the owners matched', async () => {
    await demoCase()
    const r = await checklist()
    expect(r.endsAt).toBe(endsAt.toISOString())
    // Each vendor's newest statement not approved: the advisory would leave it out.
    const pending = await t.db
      .selectFrom('vendor_statements')
      .select(['id', 'participant_id', 'approved_at'])
      .where('case_id', '=', caseId)
      .orderBy('created_at', 'desc')
      .execute()
    const newest = new Map<string, (typeof pending)[number]>()
    for (const s of pending) if (!newest.has(s.participant_id)) newest.set(s.participant_id, s)
    const unapproved = [...newest.values()].filter((s) => !s.approved_at).map((s) => `statement:${s.id}`)
    const statements = r.items.filter((i) => i.kind === 'statement')
    expect(statements.map((i) => i.key).sort()).toEqual(unapproved.sort())
    expect(statements.length).toBeGreaterThanOrEqual(8)
    const redHat = statements.find((i) => i.vendor === 'Red Hat')!
    expect(redHat).toMatchObject({ status: 'affected', givenAfterReview: true })
    expect(redHat.givenAt).not.toBeNull()
    expect(redHat.what).toContain('not approved')
    expect(redHat.todo).toMatch(/Approve it/)
    // Approved ones are not on it.
    expect(statements.some((i) => i.vendor === 'Sendmail Consortium')).toBe(false)
    // Vendors that never answered.
    expect(r.items.filter((i) => i.kind === 'vendor').map((i) => i.vendor)).toEqual(
      expect.arrayContaining(['Cray', 'NEC', 'Internet Security Systems']),
    )
    // Only Red Hat (a party) commented on the draft: no other coordinator reviewed it.
    expect(r.items.find((i) => i.kind === 'draft')?.what).toMatch(/reviewed/)
    // The demo vulnerability has its CVE ID.
    expect(r.items.some((i) => i.kind === 'cve')).toBe(false)
    expect(r.owners.assets).toBeGreaterThan(0)
    expect(r.open).toBe(r.items.length)
  })

  it('is for the coordinators only: a vendor of the case is refused, an outsider does not see the case', async () => {
    await demoCase()
    const redHat = (await findOrganizationBySlug(t.db, 'red-hat'))!
    const vendor = await signedIn(t.app, await makeMember(t.db, redHat, 'admin'))
    expect((await vendor.get(`/api/v1/cases/${caseId}/release-readiness`)).statusCode).toBe(403)
    const item = (await checklist()).items[0]!.key
    const refused = await vendor.post(`/api/v1/cases/${caseId}/release-readiness/leave-outs`, {
      item,
      reason: 'not mine to decide',
    })
    expect(refused.statusCode).toBe(403)
    const outsider = await signedIn(t.app, await makeUser(t.db))
    expect((await outsider.get(`/api/v1/cases/${caseId}/release-readiness`)).statusCode).toBe(404)
  })

  it('mails the checklist to the coordinators once before the end, again only for a new instant', async () => {
    await demoCase()
    const lead = t.config.release.readinessNoticeMinutes
    const mails = () =>
      t.db
        .selectFrom('mail_outbox')
        .select(['to_address', 'data'])
        .where('case_id', '=', caseId)
        .where('template', '=', 'release.readiness')
        .execute()
    const sweepAt = async (at: Date) => {
      const scheduler = startReleaseScheduler({ db: t.db, config: t.config, clock: { now: () => at }, validate: false })
      await scheduler.sweep()
      await scheduler.stop()
    }
    await sweepAt(new Date(endsAt.getTime() - (lead + 1) * MINUTE))
    expect(await mails()).toHaveLength(0)
    await sweepAt(new Date(endsAt.getTime() - (lead - 1) * MINUTE))
    const sent = await mails()
    expect(sent.map((m) => m.to_address)).toContain('coordinator@lockstep.demo')
    const data = sent[0]!.data as { open: string[]; endsAt: string }
    expect(data.endsAt).toBe(endsAt.toISOString())
    expect(data.open.some((l) => l.startsWith('Red Hat’s statement “affected”'))).toBe(true)
    // A restart (a new scheduler) and a revision to the same instant send nothing more.
    await sweepAt(new Date(endsAt.getTime() - 30 * MINUTE))
    await t.db.updateTable('cases').set({ embargo_ends_at: endsAt }).where('id', '=', caseId).execute()
    await sweepAt(new Date(endsAt.getTime() - 20 * MINUTE))
    expect(await mails()).toHaveLength(sent.length)
    // Moved ten minutes later: mailed again for the new instant, then put back as it was.
    const moved = new Date(endsAt.getTime() + 10 * MINUTE)
    await t.db.updateTable('cases').set({ embargo_ends_at: moved }).where('id', '=', caseId).execute()
    await sweepAt(new Date(endsAt.getTime() - 10 * MINUTE))
    expect(await mails()).toHaveLength(sent.length * 2)
    await t.db.updateTable('cases').set({ embargo_ends_at: endsAt }).where('id', '=', caseId).execute()
    const ledger = await readLedger(t.db, caseId)
    expect(ledger.filter((e) => e.kind === 'release.checklist_mailed')).toHaveLength(2)
  })

  it('leaves an item out with a reason in the ledger; the release records what it went out without', async () => {
    await demoCase()
    const before = await checklist()
    const redHat = before.items.find((i) => i.kind === 'statement' && i.vendor === 'Red Hat')!
    const debian = before.items.find((i) => i.kind === 'statement' && i.vendor === 'Debian')!
    const url = `/api/v1/cases/${caseId}/release-readiness/leave-outs`
    // A reason is needed, named by its field; an item not on the list is not found.
    const noReason = await staff.post(url, { item: redHat.key, reason: '  ' })
    expect(noReason.statusCode).toBe(422)
    expect(noReason.body).toContain('reason')
    expect((await staff.post(url, { item: 'statement:nothing', reason: 'x' })).statusCode).toBe(404)

    const left = await staff.post(url, { item: redHat.key, reason: 'Red Hat will publish its own advisory.' })
    expect(left.statusCode).toBe(201)
    const after = left.json() as Checklist
    expect(after.items.find((i) => i.key === redHat.key)?.leftOut).toMatchObject({
      reason: 'Red Hat will publish its own advisory.',
    })
    expect(after.open).toBe(before.open - 1)
    const entry = (await readLedger(t.db, caseId)).find((e) => e.kind === 'release.item_left_out')
    expect(entry?.payload).toMatchObject({ item: redHat.key, reason: 'Red Hat will publish its own advisory.' })

    // Approving Debian's statement takes it off the list.
    expect((await staff.post(`/api/v1/cases/${caseId}/statements/${debian.statementId}/approve`)).statusCode).toBe(204)
    const approved = await checklist()
    expect(approved.items.some((i) => i.key === debian.key)).toBe(false)

    // At the instant the release happens; the ledger lists the deliberate and the undecided.
    const released = await releaseCase(t.db, caseId, endsAt, { kind: 'embargo_end' }, { config: t.config })
    expect(released).toMatchObject({ released: true })
    const leftOut = (await readLedger(t.db, caseId)).find((e) => e.kind === 'release.left_out')!.payload as {
      decided: { item: string; reason: string }[]
      undecided: { item: string; what: string }[]
    }
    expect(leftOut.decided).toEqual([
      expect.objectContaining({ item: redHat.key, reason: 'Red Hat will publish its own advisory.' }),
    ])
    expect(leftOut.undecided.length).toBe(approved.open)
    expect(leftOut.undecided.some((u) => u.what.startsWith('SGI’s statement'))).toBe(true)
    const snapshot = (
      await t.db.selectFrom('advisories').select('snapshot').where('case_id', '=', caseId).executeTakeFirstOrThrow()
    ).snapshot as AdvisorySnapshot
    const vendors = snapshot.vulnerabilities.flatMap((v) => v.statements.map((s) => s.vendor))
    expect(vendors).toContain('Debian')
    expect(vendors).not.toContain('Red Hat')
    // After the release nothing more is left out.
    expect((await staff.post(url, { item: debian.key, reason: 'late' })).statusCode).toBe(403)
  })
})
