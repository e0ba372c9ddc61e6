// Agreeing the date: the embargo machine through the API, on both databases. Opening proposals
// (the shortest published policy wins), countering, answering, the coordinator sealing the
// terms, revising, rejecting, withdrawing, ending early, the case going public, deadlines that
// turn silence into declining, and bad input named by field.
import { expect, it } from 'vitest'
import { describeEachDatabase, signedIn, type Client } from '../support/api.js'
import { makeCase, makeMember, makeOrganization, makeUser } from '../support/factories.js'
import { answerProposal } from '../../src/commands/embargo/negotiation.js'
import { embargoView } from '../../src/commands/embargo/embargoView.js'
import { defaultEmbargoPolicy } from '../../src/domain/embargo.js'

const DAY = 86_400_000
const inDays = (n: number) => new Date(Date.now() + n * DAY)

describeEachDatabase('embargo', (t) => {
  async function world() {
    const staff = await signedIn(
      t.app,
      await makeUser(t.db, { instanceRole: 'coordinator', name: 'Casey Coordinator' }),
    )
    const c = await makeCase(t)
    const suffix = Math.random().toString(36).slice(2, 8)
    const vendor = async (name: string, preferredDays: number | null) => {
      const org = await makeOrganization(t.db, { name: `${name} ${suffix}`, kind: 'vendor' })
      await t.db
        .updateTable('organizations')
        .set({ embargo_preferred_days: preferredDays })
        .where('id', '=', org.id)
        .execute()
      await t.db
        .insertInto('organization_contacts')
        .values({
          organization_id: org.id,
          email: `security-${suffix}@${name.toLowerCase().replace(/\W/g, '')}.example`,
        })
        .execute()
      const member = await makeMember(t.db, org, 'admin')
      return { org, member, client: await signedIn(t.app, member) }
    }
    const redHat = await vendor('Red Hat', 30)
    const sun = await vendor('Sun', 45)
    expect(
      (await staff.post(`/api/v1/cases/${c.id}/vendors/notify`, { organizationIds: [redHat.org.id, sun.org.id] }))
        .statusCode,
    ).toBe(200)
    const observer = await makeUser(t.db)
    await t.db
      .insertInto('participants')
      .values({ case_id: c.id, user_id: observer.id, roles: ['observer'], rm_state: 'start' })
      .execute()
    return { staff, c, redHat, sun, observer: await signedIn(t.app, observer) }
  }
  const embargoOf = async (client: Client, caseId: string) =>
    (await client.get(`/api/v1/cases/${caseId}/embargo`)).json()
  const answersOf = (e: { answers: { name: string; state: string }[] }) =>
    Object.fromEntries(e.answers.map((a) => [a.name.replace(/ \w{6}$/, ''), a.state]))

  it('refuses an end instant in the past, beyond the maximum or without a time zone, by field, and changes nothing', async () => {
    const w = await world()
    const post = (body: object) => w.staff.post(`/api/v1/cases/${w.c.id}/embargo/proposals`, body)
    const cases: [object, string, RegExp][] = [
      [{ endsAt: new Date(Date.now() - 60_000).toISOString() }, 'endsAt', /is in the past/],
      [{ endsAt: inDays(91).toISOString() }, 'endsAt', /more than 90 days away/],
      [{ endsAt: '2099-03-03T17:00:00' }, 'endsAt', /has no time zone/],
      [{ endsAt: 'Monday' }, 'endsAt', /is not an instant/],
      [{ endsAt: inDays(20).toISOString(), answerBy: inDays(2).toISOString() }, 'answerBy', /less than 72 hours/],
      [{ endsAt: inDays(20).toISOString(), timeZone: 'Mars/Olympus' }, 'timeZone', /is not a time zone/],
    ]
    for (const [body, field, message] of cases) {
      const res = await post(body)
      expect(res.statusCode, JSON.stringify(body)).toBe(422)
      expect(res.json().errors).toEqual([{ field, message: expect.stringMatching(message) }])
    }
    expect(await embargoOf(w.staff, w.c.id)).toMatchObject({ state: 'none', open: null, history: [] })
  })

  it('opens with the shortest published policy, counters, and puts the terms in force once every party agrees', async () => {
    const w = await world()
    // The coordinator asks 40 days; Red Hat publishes 30: Red Hat's is the proposal, the others wait as revisions.
    const opened = await w.staff.post(`/api/v1/cases/${w.c.id}/embargo/proposals`, {
      endsAt: inDays(40).toISOString(),
      timeZone: 'America/New_York',
    })
    expect(opened.statusCode, opened.body).toBe(201)
    const e1 = opened.json()
    expect(e1.state).toBe('proposed')
    expect(e1.open.proposer).toMatch(/^Red Hat/)
    expect(Math.round((Date.parse(e1.open.endsAt) - Date.now()) / DAY)).toBe(30)
    expect(e1.policies.map((p: { proposer: string }) => p.proposer.replace(/ \w{6}$/, '')).sort()).toEqual(
      ['Casey Coordinator', 'Sun'].sort().map((n) => (n === 'Casey Coordinator' ? expect.any(String) : n)),
    )
    expect(answersOf(e1.open)).toMatchObject({ 'Red Hat': 'invited', Sun: 'invited' })
    // Every party was asked by mail.
    const asked = await t.db
      .selectFrom('mail_outbox')
      .select(['to_address', 'template'])
      .where('case_id', '=', w.c.id)
      .where('template', '=', 'embargo.changed')
      .execute()
    expect(asked.length).toBeGreaterThanOrEqual(2)

    // Sun counters with 45 days: the proposal on the table changes, Sun has agreed to its own.
    const countered = await w.sun.client.post(`/api/v1/cases/${w.c.id}/embargo/proposals`, {
      endsAt: inDays(45).toISOString(),
      event: 'counter',
      reason: 'Solaris patches need QA on five releases.',
    })
    expect(countered.statusCode).toBe(201)
    const e2 = countered.json()
    expect(e2.state).toBe('proposed')
    expect(e2.open.proposer).toMatch(/^Sun/)
    expect(answersOf(e2.open)).toMatchObject({ Sun: 'signatory', 'Red Hat': 'invited' })
    expect(e2.history.map((p: { status: string }) => p.status)).toEqual(['open', 'countered'])

    // The observer is not asked and may not answer. Red Hat agrees: every party has, so the terms are in force.
    expect(
      (await w.observer.post(`/api/v1/cases/${w.c.id}/embargo/proposals/${e2.open.id}/answer`, { answer: 'accept' }))
        .statusCode,
    ).toBe(403)
    const agreed = await w.redHat.client.post(`/api/v1/cases/${w.c.id}/embargo/proposals/${e2.open.id}/answer`, {
      answer: 'accept',
    })
    expect(agreed.statusCode).toBe(200)
    expect(agreed.json()).toMatchObject({
      state: 'active',
      endsAt: e2.open.endsAt,
      open: null,
      inForce: { id: e2.open.id, status: 'accepted' },
    })
    expect(answersOf(agreed.json().inForce)).toMatchObject({ 'Red Hat': 'signatory', Sun: 'signatory' })
    // Answering again: it is no longer on the table.
    const late = await w.sun.client.post(`/api/v1/cases/${w.c.id}/embargo/proposals/${e2.open.id}/answer`, {
      answer: 'decline',
    })
    expect(late.statusCode).toBe(409)
    expect(late.json().detail).toContain('no longer on the table')
    // Countering now is not a transition of an active embargo: 409 naming what may happen.
    const wrong = await w.sun.client.post(`/api/v1/cases/${w.c.id}/embargo/proposals`, {
      endsAt: inDays(50).toISOString(),
      event: 'counter',
    })
    expect(wrong.statusCode).toBe(409)
    expect(wrong.json().detail).toBe(
      "Cannot counter-propose: the case's embargo is “embargo active”. From here one may propose a revision, end the embargo.",
    )
    const kinds = (await w.staff.get(`/api/v1/cases/${w.c.id}/ledger`))
      .json()
      .entries.map((e: { kind: string }) => e.kind)
    expect(kinds.filter((k: string) => k.startsWith('embargo.'))).toEqual([
      'embargo.proposed',
      'embargo.countered',
      'embargo.consented',
      'embargo.active',
    ])
  })

  it('lets the coordinator seal terms; revises: a rejected revision leaves the old terms, an accepted one replaces them and lapses the old agreements', async () => {
    const w = await world()
    const open = (
      await w.staff.post(`/api/v1/cases/${w.c.id}/embargo/proposals`, { endsAt: inDays(20).toISOString() })
    ).json().open
    await w.redHat.client.post(`/api/v1/cases/${w.c.id}/embargo/proposals/${open.id}/answer`, { answer: 'accept' })
    const active = (
      await w.staff.post(`/api/v1/cases/${w.c.id}/embargo/proposals/${open.id}/answer`, { answer: 'accept' })
    ).json()
    expect(active.state).toBe('active')

    const revision = (
      await w.sun.client.post(`/api/v1/cases/${w.c.id}/embargo/proposals`, {
        endsAt: inDays(27).toISOString(),
        reason: 'One more week for Solaris 9.',
      })
    ).json()
    expect(revision).toMatchObject({ state: 'revise', endsAt: active.endsAt, open: { kind: 'revision' } })
    const rejected = (
      await w.staff.post(`/api/v1/cases/${w.c.id}/embargo/proposals/${revision.open.id}/reject`, {
        reason: 'Others are ready.',
      })
    ).json()
    expect(rejected).toMatchObject({ state: 'active', endsAt: active.endsAt, open: null })

    const second = (
      await w.sun.client.post(`/api/v1/cases/${w.c.id}/embargo/proposals`, { endsAt: inDays(24).toISOString() })
    ).json()
    const revised = (
      await w.staff.post(`/api/v1/cases/${w.c.id}/embargo/proposals/${second.open.id}/answer`, { answer: 'accept' })
    ).json()
    expect(revised).toMatchObject({ state: 'active', endsAt: second.open.endsAt, inForce: { id: second.open.id } })
    // Red Hat agreed to the old terms only: shown as lapsed there; asked about the new ones.
    const old = await t.db
      .selectFrom('embargo_consents')
      .select('state')
      .where('proposal_id', '=', open.id)
      .where(
        'participant_id',
        '=',
        revised.inForce.answers.find((a: { name: string }) => a.name.startsWith('Red Hat')).participantId,
      )
      .executeTakeFirstOrThrow()
    expect(old.state).toBe('lapsed')
    expect(answersOf(revised.inForce)).toMatchObject({ 'Red Hat': 'invited', Sun: 'signatory' })
  })

  it('lets the proposer withdraw (not another party), and the coordinator end an embargo early with a reason', async () => {
    const w = await world()
    const open = (
      await w.redHat.client.post(`/api/v1/cases/${w.c.id}/embargo/proposals`, { endsAt: inDays(14).toISOString() })
    ).json().open
    const notTheirs = await w.sun.client.post(`/api/v1/cases/${w.c.id}/embargo/proposals/${open.id}/withdraw`, {})
    expect(notTheirs.statusCode).toBe(409)
    expect(
      (await w.redHat.client.post(`/api/v1/cases/${w.c.id}/embargo/proposals/${open.id}/withdraw`, {})).json(),
    ).toMatchObject({ state: 'none', open: null })

    const again = (
      await w.staff.post(`/api/v1/cases/${w.c.id}/embargo/proposals`, { endsAt: inDays(14).toISOString() })
    ).json().open
    await w.staff.post(`/api/v1/cases/${w.c.id}/embargo/proposals/${again.id}/answer`, { answer: 'accept' })
    const noReason = await w.staff.post(`/api/v1/cases/${w.c.id}/embargo/terminate`, { reason: ' ' })
    expect(noReason.statusCode).toBe(422)
    expect(noReason.json().errors).toEqual([{ field: 'reason', message: expect.stringContaining('is required') }])
    expect(
      (await w.redHat.client.post(`/api/v1/cases/${w.c.id}/embargo/terminate`, { reason: 'mine' })).statusCode,
    ).toBe(403)
    const ended = (
      await w.staff.post(`/api/v1/cases/${w.c.id}/embargo/terminate`, { reason: 'A vendor shipped the fix early.' })
    ).json()
    expect(ended).toMatchObject({ state: 'exited', endReason: 'A vendor shipped the fix early.' })
    expect(
      (await w.staff.post(`/api/v1/cases/${w.c.id}/embargo/proposals`, { endsAt: inDays(14).toISOString() }))
        .statusCode,
    ).toBe(409)
  })

  it('ends at once when a party reports the case public, and no new embargo may be proposed', async () => {
    const w = await world()
    const open = (
      await w.staff.post(`/api/v1/cases/${w.c.id}/embargo/proposals`, { endsAt: inDays(14).toISOString() })
    ).json().open
    await w.staff.post(`/api/v1/cases/${w.c.id}/embargo/proposals/${open.id}/answer`, { answer: 'accept' })
    const reported = await w.sun.client.post(`/api/v1/cases/${w.c.id}/embargo/public`, {
      reference: 'https://example.test/full-disclosure/2003/02',
    })
    expect(reported.statusCode).toBe(200)
    expect(reported.json()).toMatchObject({
      state: 'exited',
      endReason: 'the case is public (https://example.test/full-disclosure/2003/02)',
      abilities: { propose: false, reportPublic: false },
    })
    const status = (await w.staff.get(`/api/v1/cases/${w.c.id}`)).json()
    expect(JSON.stringify(status)).toContain('publicAware')

    // A proposal on the table (not yet in force) is dropped instead; then nothing more may be proposed.
    const other = await world()
    await other.staff.post(`/api/v1/cases/${other.c.id}/embargo/proposals`, { endsAt: inDays(14).toISOString() })
    await other.staff.post(`/api/v1/cases/${other.c.id}/events`, {
      event: 'exploitPublic',
      reference: 'https://example.test/exploit',
    })
    expect(await embargoOf(other.staff, other.c.id)).toMatchObject({ state: 'none', open: null })
    const refused = await other.staff.post(`/api/v1/cases/${other.c.id}/embargo/proposals`, {
      endsAt: inDays(14).toISOString(),
    })
    expect(refused.statusCode).toBe(409)
    expect(refused.json().detail).toContain('already public')
  })

  it('counts silence past the answer deadline as declining', async () => {
    const w = await world()
    const open = (
      await w.staff.post(`/api/v1/cases/${w.c.id}/embargo/proposals`, {
        endsAt: inDays(30).toISOString(),
        answerBy: inDays(3.1).toISOString(),
      })
    ).json().open
    const staffUser = await t.db
      .selectFrom('users')
      .select(['id', 'instance_role'])
      .where('name', '=', 'Casey Coordinator')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow()
    const actor = {
      kind: 'user' as const,
      userId: staffUser.id,
      instanceRole: staffUser.instance_role,
      memberships: new Map(),
      via: 'session' as const,
    }
    const later = await embargoView(t.db, actor, w.c.id, defaultEmbargoPolicy, inDays(4))
    expect(answersOf(later.open!)).toMatchObject({ 'Red Hat': 'declined', Sun: 'declined' })
    const redHatMember = {
      kind: 'user' as const,
      userId: w.redHat.member.id,
      instanceRole: 'none' as const,
      memberships: new Map([[w.redHat.org.id, 'admin' as const]]),
      via: 'session' as const,
    }
    await expect(answerProposal(t.db, redHatMember, w.c.id, open.id, { answer: 'accept' }, inDays(4))).rejects.toThrow(
      'The time to answer this proposal has passed',
    )
  })
})
