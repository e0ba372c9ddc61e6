// Withdrawing and superseding a released advisory, on both databases, through the API: refused
// before the release (409) and once ended (409, also for a revision), bad input named by field
// (422) with nothing changed, the ledger's entries, and every public form rewritten as the final
// revision: CSAF 2.0 (valid, saying so) and 2.1 (its profiles, schema + mandatory tests; the
// recommended ones in src/domain/advisory/ended.test.ts, since 6.2.11 wants an https address),
// OSV withdrawn (valid), the page, the index, the Atom feed, hashes and signatures of the new
// bodies. And a vulnerability's SSVC decision and known exploitation carried into both CSAFs.
import fs from 'node:fs'
import path from 'node:path'
import { createHash } from 'node:crypto'
import { expect, it } from 'vitest'
import { describeEachDatabase } from '../support/api.js'
import { embargoedSendmailCase } from '../support/embargoedCase.js'
import { coordinateTriageInputs } from '../support/advisorySnapshots.js'
import { validateCsaf, validateOsv } from '../../src/domain/advisory/validate.js'
import { validateCsaf21 } from '../../src/domain/advisory/validate21.js'
import { csaf21Path } from '../../src/domain/advisory/links.js'

const osvSchema = JSON.parse(
  fs.readFileSync(path.resolve(process.cwd(), '../shared/conformance/osv/validation/schema.json'), 'utf8'),
) as object
const DAY = 86_400_000
type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

describeEachDatabase('withdrawing and superseding an advisory', (t) => {
  const get = (url: string) => t.app.inject({ method: 'GET', url })
  const json = async (url: string) => JSON.parse((await get(url)).body) as Json
  const ledgerKinds = async (caseId: string, kind: string) =>
    t.db.selectFrom('ledger_entries').select('payload').where('case_id', '=', caseId).where('kind', '=', kind).execute()

  /** A released sendmail case, with its public paths. */
  async function released() {
    const w = await embargoedSendmailCase(t, new Date(Date.now() + 10 * DAY))
    const out = await w.staff.post(`/api/v1/cases/${w.c.id}/release`, { reason: 'The patch is public.' })
    expect(out.statusCode).toBe(200)
    const a = out.json() as Json
    const csaf = new URL(a.links.csaf).pathname
    const csaf21 = csaf21Path(a.id, a.releasedAt)
    return { ...w, id: a.id as string, csaf, csaf21, osv: `/osv/x_${a.id}.json`, page: `/advisories/${a.id}` }
  }

  it('withdraws a released advisory once, with a reason, and every form says so', async () => {
    const w = await embargoedSendmailCase(t, new Date(Date.now() + 10 * DAY))
    const base = `/api/v1/cases/${w.c.id}`
    // Before the release there is nothing to withdraw.
    expect((await w.staff.post(`${base}/advisory/withdraw`, { reason: 'wrong case' })).statusCode).toBe(409)

    // The coordinator's SSVC decision and known exploitation, checked field by field.
    const vuln = `${base}/vulnerabilities/${w.vulnerabilityId}`
    const bad = await w.staff.patch(vuln, { ssvc: { utility: 'huge' }, exploitedSince: '2026-02-30' })
    expect(bad.statusCode).toBe(422)
    const fields = (bad.json().errors as { field: string }[]).map((e) => e.field)
    expect(fields).toEqual(expect.arrayContaining(['ssvc.utility', 'ssvc.reportPublic', 'exploitedSince']))
    const decided = await w.staff.patch(vuln, {
      ssvc: coordinateTriageInputs,
      exploitedSince: '2026-01-15',
    })
    expect(decided.statusCode).toBe(200)
    expect(decided.json()).toMatchObject({ ssvc: { outcome: 'coordinate' }, exploitedSince: '2026-01-15' })

    const out = await w.staff.post(`${base}/release`, { reason: 'The patch is public.' })
    const a = out.json() as Json
    const csafPath = new URL(a.links.csaf).pathname
    const csaf21 = csaf21Path(a.id, a.releasedAt)
    const osvPath = `/osv/x_${a.id}.json`
    const first21 = await json(csaf21)
    expect(first21.vulnerabilities[0].metrics[0].content.ssvc_v1.selections.at(-1).values).toEqual(['Coordinate'])
    expect(first21.vulnerabilities[0].first_known_exploitation_dates[0].exploitation_date).toBe(
      '2026-01-15T00:00:00.000Z',
    )
    const first20 = await json(csafPath)
    expect(first20.vulnerabilities[0].threats).toContainEqual(
      expect.objectContaining({ category: 'exploit_status', details: 'Known to be exploited since 2026-01-15.' }),
    )
    const signatureBefore = (await get(`${csafPath}.asc`)).body

    // Only the coordinators; a reason is required and nothing changes without one.
    expect((await w.vendor.post(`${base}/advisory/withdraw`, { reason: 'no' })).statusCode).toBe(403)
    const noReason = await w.staff.post(`${base}/advisory/withdraw`, { reason: '  ' })
    expect(noReason.statusCode).toBe(422)
    expect(noReason.json().errors).toEqual([expect.objectContaining({ field: 'reason' })])
    expect(await ledgerKinds(w.c.id, 'advisory.withdrawn')).toHaveLength(0)

    const done = await w.staff.post(`${base}/advisory/withdraw`, { reason: 'Published for the wrong case' })
    expect(done.statusCode).toBe(200)
    expect(done.json()).toMatchObject({
      revision: 2,
      ended: { kind: 'withdrawn', reason: 'Published for the wrong case', by: null },
      abilities: { revise: false, withdraw: false, supersede: false },
    })
    expect((await ledgerKinds(w.c.id, 'advisory.withdrawn')).map((e) => e.payload)).toEqual([
      { advisory: a.id, revision: 2, reason: 'Published for the wrong case' },
    ])
    // Ended for good: withdrawing again, superseding, revising are refused.
    expect((await w.staff.post(`${base}/advisory/withdraw`, { reason: 'again' })).statusCode).toBe(409)
    expect((await w.staff.post(`${base}/advisory/supersede`, { by: 'LSA-2000-0001', reason: 'x' })).statusCode).toBe(
      409,
    )
    expect((await w.staff.post(`${base}/advisory/revisions`, { summary: 'more' })).statusCode).toBe(409)

    const csaf20 = await json(csafPath)
    expect(csaf20.document).toMatchObject({ category: 'csaf_base', tracking: { status: 'final', version: '2' } })
    expect(csaf20.document.notes[0].text).toMatch(/^Withdrawn on \d{4}-\d{2}-\d{2}: Published for the wrong case$/)
    expect(await validateCsaf(csaf20)).toEqual([])
    const withdrawn21 = await json(csaf21)
    expect(withdrawn21.document.category).toBe('csaf_withdrawn')
    expect(await validateCsaf21(withdrawn21)).toEqual([])
    const osv = await json(osvPath)
    expect(osv.withdrawn).toBe(csaf20.document.tracking.current_release_date)
    expect(validateOsv(osv, osvSchema)).toEqual([])
    expect((await get(`/advisories/${a.id}`)).body).toContain('class="ended"')
    expect((await get('/advisories')).body).toContain('Withdrawn on')
    expect((await get('/advisories.atom')).body).toContain(`${a.id}: ${csaf20.document.title} (withdrawn)`)
    const index = (await get(`/api/v1/advisories?q=${a.id}`)).json()
    expect(index.items[0].ended).toMatch(/^Withdrawn on/)
    // The hashes and the signature are those of the new body.
    const body = (await get(csafPath)).rawPayload
    expect((await get(`${csafPath}.sha256`)).body.split(/\s+/)[0]).toBe(createHash('sha256').update(body).digest('hex'))
    const signatureAfter = await get(`${csafPath}.asc`)
    expect(signatureAfter.statusCode).toBe(200)
    expect(signatureAfter.body).toContain('BEGIN PGP SIGNATURE')
    expect(signatureAfter.body).not.toBe(signatureBefore)
  }, 180_000)

  it('supersedes an advisory by another of this instance or by another publisher’s, naming it everywhere', async () => {
    const old = await released()
    const replacement = await released()
    const supersede = (body: object) => old.staff.post(`/api/v1/cases/${old.c.id}/advisory/supersede`, body)

    const refused = [
      [{ by: old.id, reason: 'x' }, 'by'],
      [{ by: 'LSA-1999-0001', reason: 'x' }, 'by'],
      [{ by: 'GHSA-xxxx-yyyy-zzzz', reason: 'x' }, 'url'],
      [{ by: 'GHSA-xxxx-yyyy-zzzz', url: 'ftp://example.com/a', reason: 'x' }, 'url'],
      [{ by: replacement.id, reason: '' }, 'reason'],
      [{ by: '', reason: 'x' }, 'by'],
    ] as const
    for (const [body, field] of refused) {
      const res = await supersede(body)
      expect(res.statusCode, JSON.stringify(body)).toBe(422)
      expect(JSON.stringify(res.json().errors), JSON.stringify(body)).toContain(`"field":"${field}"`)
    }
    expect(await ledgerKinds(old.c.id, 'advisory.superseded')).toHaveLength(0)

    const done = await supersede({ by: replacement.id.toLowerCase(), reason: 'The fix was incomplete' })
    expect(done.statusCode).toBe(200)
    expect(done.json().ended).toMatchObject({ kind: 'superseded', by: { id: replacement.id } })
    const [entry] = await ledgerKinds(old.c.id, 'advisory.superseded')
    expect(entry!.payload).toMatchObject({ advisory: old.id, by: replacement.id, reason: 'The fix was incomplete' })

    const csaf20 = await json(old.csaf)
    expect(csaf20.document.notes[0].text).toMatch(new RegExp(`^Superseded by ${replacement.id} on `))
    expect(await validateCsaf(csaf20)).toEqual([])
    const csaf21 = await json(old.csaf21)
    expect(csaf21.document.category).toBe('csaf_superseded')
    expect(csaf21.document.references).toContainEqual(
      expect.objectContaining({ summary: `Superseding Document: ${replacement.id}` }),
    )
    expect(await validateCsaf21(csaf21)).toEqual([])
    const osv = await json(old.osv)
    expect(osv.withdrawn).toBeTruthy()
    expect(validateOsv(osv, osvSchema)).toEqual([])
    expect((await get(old.page)).body).toContain(`>${replacement.id}</a> on`)
    // The replacement itself is untouched, and an ended advisory cannot replace another.
    expect((await json(replacement.csaf)).document.category).toBe('csaf_vex')
    const third = await released()
    const byEnded = await third.staff.post(`/api/v1/cases/${third.c.id}/advisory/supersede`, {
      by: old.id,
      reason: 'x',
    })
    expect(byEnded.statusCode).toBe(422)

    // Another publisher's advisory, by its id and address.
    const outside = await third.staff.post(`/api/v1/cases/${third.c.id}/advisory/supersede`, {
      by: 'GHSA-xxxx-yyyy-zzzz',
      url: 'https://github.com/advisories/GHSA-xxxx-yyyy-zzzz',
      reason: 'The vendor published the complete advisory',
    })
    expect(outside.statusCode).toBe(200)
    expect((await json(third.csaf21)).document.references).toContainEqual(
      expect.objectContaining({ url: 'https://github.com/advisories/GHSA-xxxx-yyyy-zzzz' }),
    )
  }, 180_000)
})
