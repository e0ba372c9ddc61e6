// Cases through the API and the CLI: opened from valid reports with an LS number, participants
// and a ledger; visible only to participants and staff; a tampered ledger is named entry by entry.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { sql } from 'kysely'
import { expect, it } from 'vitest'
import { Client, describeEachDatabase, signedIn } from '../support/api.js'
import { makeCase, makeMember, makeOrganization, makeReport, makeUser } from '../support/factories.js'
import { appendLedger } from '../../src/store/ledger.js'
import { systemLedgerActor } from '../../src/domain/ledger.js'
import { lockstepArgv } from '../support/lockstepCommand.js'

const run = promisify(execFile)

describeEachDatabase('cases', (t) => {
  async function coordinator() {
    const org = await makeOrganization(t.db, { kind: 'coordinator', name: 'NIPC' })
    const user = await makeMember(t.db, org, 'member', { instanceRole: 'coordinator' })
    return { org, user, client: await signedIn(t.app, user) }
  }

  it('a coordinator opens a case from a valid report: LS number, accepted report, participants, ledger', async () => {
    const { client } = await coordinator()
    const finder = await makeUser(t.db, { name: 'Fran Finder' })
    const report = await makeReport(t.db, { state: 'valid', reporterUserId: finder.id, title: 'crackaddr() overflow' })
    const res = await client.post('/api/v1/cases', {
      reportIds: [report.id],
      title: 'Remote root in sendmail',
      tlp: 'AMBER+STRICT',
    })
    expect(res.statusCode).toBe(201)
    const c = res.json()
    expect(c.caseNumber).toMatch(new RegExp(`^LS-${new Date().getUTCFullYear()}-\\d{4}$`))
    expect(c).toMatchObject({
      tlp: 'AMBER+STRICT',
      reports: [{ trackingId: report.tracking_id }],
      vulnerabilities: [{ title: 'crackaddr() overflow' }],
    })
    expect(
      c.participants.map(
        (p: { name: string; roles: string[]; rmState: string }) => `${p.name}:${p.roles.join('+')}:${p.rmState}`,
      ),
    ).toEqual(['NIPC:coordinator:accepted', 'Fran Finder:finder:accepted'])
    expect(
      (await t.db.selectFrom('reports').select('state').where('id', '=', report.id).executeTakeFirstOrThrow()).state,
    ).toBe('accepted')
    expect(c.participantCount).toBe(2)
    expect((await client.get(`/api/v1/reports/${report.id}`)).json().case).toEqual({
      id: c.id,
      caseNumber: c.caseNumber,
    })
    const finders = (await client.get(`/api/v1/cases/${c.id}/participants?role=finder`)).json()
    expect(finders).toMatchObject({ total: 2, items: [{ name: 'Fran Finder', roles: ['finder'] }] })

    const ledger = (await client.get(`/api/v1/cases/${c.caseNumber}/ledger`)).json()
    expect(ledger.intact).toBe(true)
    expect(ledger.entries.map((e: { kind: string }) => e.kind)).toEqual([
      'case.opened',
      'rm.transition',
      'vulnerability.added',
      'participant.added',
      'participant.added',
    ])
  })

  it('refuses to open a case from a report that was not validated, and changes nothing', async () => {
    const { client } = await coordinator()
    const report = await makeReport(t.db)
    const before = Number(
      (
        await t.db
          .selectFrom('cases')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
    const res = await client.post('/api/v1/cases', { reportIds: [report.id], title: 'Too early' })
    expect(res.statusCode).toBe(409)
    expect(res.json().detail).toContain('from received you may validate or invalidate')
    expect(
      Number(
        (
          await t.db
            .selectFrom('cases')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(before)
  })

  it('merges duplicate reports into one case, and a report joins only one case', async () => {
    const { client } = await coordinator()
    const a = await makeReport(t.db, { state: 'valid' })
    const b = await makeReport(t.db, { state: 'accepted' })
    const c = (await client.post('/api/v1/cases', { reportIds: [a.id, b.id], title: 'Merged' })).json()
    expect(c.reports).toHaveLength(2)
    const again = await client.post('/api/v1/cases', { reportIds: [b.id], title: 'Again' })
    expect(again.statusCode).toBe(409)
    expect(again.json().detail).toContain('already in a case')
  })

  it('hints at a likely duplicate, and merges it into the existing case with its finder', async () => {
    const { client } = await coordinator()
    const first = await makeReport(t.db, {
      state: 'valid',
      title: 'sendmail prescan() address parsing overflow',
      description: 'prescan() in parseaddr.c writes past its buffer on long addresses with many backslashes',
    })
    const c = (await client.post('/api/v1/cases', { reportIds: [first.id], title: 'Remote root in sendmail' })).json()
    const laterFinder = await makeUser(t.db, { name: 'Second Finder' })
    const later = await makeReport(t.db, {
      reporterUserId: laterFinder.id,
      title: 'prescan() overflow in sendmail',
      description: 'Long addresses full of backslashes overflow the buffer in prescan() (parseaddr.c)',
    })
    const unrelated = await makeReport(t.db, {
      title: 'Weak default permissions',
      description: 'The queue directory is created world-readable by the installer script',
    })
    const similar = (await client.get(`/api/v1/reports/${later.id}/similar`)).json()
    expect(similar[0]).toMatchObject({
      trackingId: first.tracking_id,
      caseNumber: c.caseNumber,
      sharedProducts: ['sendmail'],
    })
    expect(similar.map((r: { trackingId: string }) => r.trackingId)).not.toContain(unrelated.tracking_id)

    expect((await client.post(`/api/v1/cases/${c.id}/reports`, { reportId: later.id })).statusCode).toBe(409)
    await client.post(`/api/v1/reports/${later.id}/transitions`, { event: 'validate' })
    const merged = (await client.post(`/api/v1/cases/${c.id}/reports`, { reportId: later.id })).json()
    expect(merged.reports.map((r: { trackingId: string }) => r.trackingId)).toEqual([
      first.tracking_id,
      later.tracking_id,
    ])
    expect(merged.participants.map((p: { name: string }) => p.name)).toContain('Second Finder')
    const ledger = (await client.get(`/api/v1/cases/${c.id}/ledger`)).json()
    expect(ledger.intact).toBe(true)
    expect(ledger.entries.slice(-3).map((e: { kind: string }) => e.kind)).toEqual([
      'rm.transition',
      'report.linked',
      'participant.added',
    ])
  })

  it('is visible to its participants and staff only; everyone else gets 404', async () => {
    const finder = await makeUser(t.db)
    const c = await makeCase(t, { finder })
    const vendorOrg = await makeOrganization(t.db)
    const vendor = await signedIn(t.app, await makeMember(t.db, vendorOrg, 'admin'))
    const theFinder = await signedIn(t.app, finder)
    expect((await theFinder.get(`/api/v1/cases/${c.id}`)).json().abilities).toEqual({
      read: true,
      update: false,
      read_ledger: false,
      read_ledger_heads: true,
      offer_to_peer: false,
    })
    expect((await theFinder.get(`/api/v1/cases/${c.id}/ledger`)).statusCode).toBe(403)
    expect((await vendor.get(`/api/v1/cases/${c.id}`)).statusCode).toBe(404)
    expect((await vendor.get(`/api/v1/cases/${c.case_number}`)).statusCode).toBe(404)
    expect((await vendor.get('/api/v1/cases')).json()).toEqual([])
    expect((await theFinder.get('/api/v1/cases')).json().map((x: { id: string }) => x.id)).toEqual([c.id])
    expect((await Client.anonymous(t.app).get(`/api/v1/cases/${c.id}`)).statusCode).toBe(401)
  })

  it('names the first tampered ledger entry, in the API and with `lockstep ledger verify`', async () => {
    const c = await makeCase(t)
    const staff = await signedIn(t.app, await makeUser(t.db, { instanceRole: 'coordinator' }))
    await sql`UPDATE ledger_entries SET payload = jsonb_set(payload, '{title}', '"Nothing to see"') WHERE case_id = ${c.id} AND sequence = 1`.execute(
      t.db,
    )
    const ledger = (await staff.get(`/api/v1/cases/${c.id}/ledger`)).json()
    expect(ledger).toMatchObject({ intact: false, brokenAt: 1, problem: 'entry 1: hash does not match its content' })

    if (t.backend === 'postgres') {
      const url = new URL(t.database.location.replace('***', ''))
      const cli = await run(process.execPath, lockstepArgv(['ledger', 'verify', c.case_number]), {
        env: { ...process.env, DATABASE_URL: url.toString(), LOG_LEVEL: 'silent' },
      }).catch((e: { code: number; stdout: string; stderr: string }) => e)
      // On a failure, what the command said on stderr is the clue.
      expect(cli.stdout, cli.stderr).toContain(
        `${c.case_number}: ledger BROKEN at entry 1: hash does not match its content`,
      )
      expect((cli as { code?: number }).code).toBe(1)
    }
  })

  it('detects a ledger cut short at its end', async () => {
    const c = await makeCase(t)
    const staff = await signedIn(t.app, await makeUser(t.db, { instanceRole: 'admin' }))
    await sql`DELETE FROM ledger_entries WHERE case_id = ${c.id} AND sequence = (SELECT max(sequence) FROM ledger_entries WHERE case_id = ${c.id})`.execute(
      t.db,
    )
    const ledger = (await staff.get(`/api/v1/cases/${c.id}/ledger`)).json()
    expect(ledger.intact).toBe(false)
    expect(ledger.problem).toMatch(/missing: the case records \d+ entries/)
  })

  it('never calls an intact ledger broken while background work appends to it', async () => {
    // Mail delivery and the scheduler append entries while people read the ledger; the entries
    // and the head recorded on the case must be read as of one instant.
    const c = await makeCase(t)
    const staff = await signedIn(t.app, await makeUser(t.db, { instanceRole: 'coordinator' }))
    const appends = (async () => {
      for (let i = 0; i < 30; i++)
        await t.db.transaction().execute((trx) =>
          appendLedger(trx, c.id, systemLedgerActor, 'information.released', {
            via: 'mail',
            to: `reader-${i}@example.org`,
          }),
        )
    })()
    const verdicts: { intact: boolean; problem: string | null; entries: unknown[] }[] = []
    let done = false
    void appends.finally(() => (done = true))
    while (!done) verdicts.push((await staff.get(`/api/v1/cases/${c.id}/ledger`)).json())
    await appends
    expect(verdicts.filter((v) => !v.intact).map((v) => v.problem)).toEqual([])
    expect(verdicts.length).toBeGreaterThan(1)
  })
})
