// Triage through the API: the queue and its filters, RM transitions exactly as the table allows
// (409 naming the allowed ones otherwise), assignment, CVSS/CWE/SSVC scoring with named errors.
import { expect, it } from 'vitest'
import { describeEachDatabase, signedIn } from '../support/api.js'
import { makeReport, makeUser } from '../support/factories.js'

describeEachDatabase('triage', (t) => {
  async function coordinator() {
    const user = await makeUser(t.db, { instanceRole: 'coordinator' })
    return { user, client: await signedIn(t.app, user) }
  }

  it('moves a report through validate and accept, and records each step with its reason', async () => {
    const { client } = await coordinator()
    const report = await makeReport(t.db)
    const validated = await client.post(`/api/v1/reports/${report.id}/transitions`, {
      event: 'validate',
      reason: 'Reproduced on 8.12.7',
    })
    expect(validated.json()).toMatchObject({ state: 'valid', allowedEvents: ['accept', 'defer'] })
    const accepted = (await client.post(`/api/v1/reports/${report.id}/transitions`, { event: 'accept' })).json()
    expect(accepted.state).toBe('accepted')
    expect(accepted.history.map((h: { kind: string; payload: { to: string } }) => `${h.kind}:${h.payload.to}`)).toEqual(
      ['rm.transition:valid', 'rm.transition:accepted'],
    )
    expect(accepted.history[0].payload.reason).toBe('Reproduced on 8.12.7')
  })

  it('refuses a transition the table does not allow with 409 naming the allowed ones, changing nothing', async () => {
    const { client } = await coordinator()
    const report = await makeReport(t.db, { state: 'valid' })
    const res = await client.post(`/api/v1/reports/${report.id}/transitions`, { event: 'close' })
    expect(res.statusCode).toBe(409)
    expect(res.json().detail).toBe('Cannot close a report that is valid: from valid you may accept or defer.')
    expect((await client.get(`/api/v1/reports/${report.id}`)).json().state).toBe('valid')
  })

  it('needs a reason to invalidate or defer', async () => {
    const { client } = await coordinator()
    const report = await makeReport(t.db)
    const res = await client.post(`/api/v1/reports/${report.id}/transitions`, { event: 'invalidate' })
    expect(res.statusCode).toBe(422)
    expect(res.json().errors[0].field).toBe('reason')
  })

  it('scores with CVSS, CWE and the SSVC coordinator-triage decision', async () => {
    const { client } = await coordinator()
    const report = await makeReport(t.db)
    const res = await client.put(`/api/v1/reports/${report.id}/scores`, {
      cvss: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      cwe: 'CWE-120',
      ssvc: {
        reportPublic: 'no',
        supplierContacted: 'no',
        reportCredibility: 'credible',
        supplierCardinality: 'multiple',
        supplierEngagement: 'active',
        utility: 'super effective',
        publicSafetyImpact: 'significant',
      },
    })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({
      cvss: { score: 9.8, severity: 'Critical' },
      cwe: 'CWE-120',
      ssvc: { outcome: 'coordinate' },
      ssvcOutcome: 'coordinate',
    })
    // The path the table took, for the page to say why: the points whose change alone would decline it.
    const path = res.json().ssvc.path as { point: string; otherwise: { value: string; outcome: string }[] }[]
    expect(path.map((step) => step.point)).toEqual([
      'reportPublic',
      'supplierContacted',
      'reportCredibility',
      'supplierCardinality',
      'supplierEngagement',
      'utility',
      'publicSafetyImpact',
    ])
    expect(Object.fromEntries(path.filter((s) => s.otherwise.length).map((s) => [s.point, s.otherwise]))).toEqual({
      supplierCardinality: [{ value: 'one', outcome: 'decline' }],
      utility: [
        { value: 'laborious', outcome: 'decline' },
        { value: 'efficient', outcome: 'decline' },
      ],
      publicSafetyImpact: [{ value: 'minimal', outcome: 'decline' }],
    })
  })

  it('names each bad score field and stores none of them', async () => {
    const { client } = await coordinator()
    const report = await makeReport(t.db)
    const res = await client.put(`/api/v1/reports/${report.id}/scores`, {
      cvss: 'CVSS:3.1/AV:Q',
      cwe: 'buffer overflow',
      ssvc: { utility: 'huge' },
    })
    expect(res.statusCode).toBe(422)
    const fields = res.json().errors.map((e: { field: string }) => e.field)
    expect(fields).toEqual(expect.arrayContaining(['cvss', 'cwe', 'ssvc.utility']))
    const stored = await t.db
      .selectFrom('reports')
      .select(['cvss_vector', 'cwe', 'ssvc'])
      .where('id', '=', report.id)
      .executeTakeFirstOrThrow()
    expect(stored).toEqual({ cvss_vector: null, cwe: null, ssvc: null })
  })

  it('assigns to staff only, and the queue filters by new, mine and unassigned', async () => {
    const { user, client } = await coordinator()
    const outsider = await makeUser(t.db)
    const mine = await makeReport(t.db, { title: 'Assigned to me' })
    const other = await makeReport(t.db, { title: 'Nobody has it' })
    expect(
      (await client.put(`/api/v1/reports/${mine.id}/assignee`, { userId: outsider.id })).json().errors[0].field,
    ).toBe('userId')
    expect((await client.put(`/api/v1/reports/${mine.id}/assignee`, { userId: user.id })).json().assignedTo).toBe(
      user.id,
    )
    const titles = async (q: string) =>
      (await client.get(`/api/v1/reports?${q}&limit=200`)).json().items.map((r: { title: string }) => r.title)
    expect(await titles('view=mine')).toEqual(['Assigned to me'])
    expect(await titles('view=unassigned')).toContain('Nobody has it')
    expect(await titles('view=unassigned')).not.toContain('Assigned to me')
    expect(await titles('view=new')).toEqual(expect.arrayContaining(['Assigned to me', 'Nobody has it']))
    await client.post(`/api/v1/reports/${other.id}/transitions`, { event: 'validate' })
    expect(await titles('view=new')).not.toContain('Nobody has it')
  })

  it('a reporter with an account reads their own report but cannot triage it', async () => {
    const finder = await makeUser(t.db)
    const report = await makeReport(t.db, { reporterUserId: finder.id })
    const client = await signedIn(t.app, finder)
    const res = await client.get(`/api/v1/reports/${report.id}`)
    expect(res.json()).toMatchObject({
      state: 'received',
      abilities: { read: true, triage: false },
      allowedEvents: [],
      history: [],
    })
    expect((await client.post(`/api/v1/reports/${report.id}/transitions`, { event: 'validate' })).statusCode).toBe(403)
  })
})
