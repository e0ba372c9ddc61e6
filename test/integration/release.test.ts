// The release, on both databases, with a controllable clock: one millisecond before the embargo's
// end every public URL answers 404 and no feed lists the advisory; at the instant everything is
// served, valid (CSAF mandatory tests, OSV and CVE 5.2 schemas), exactly once however often and
// from however many schedulers it is tried; a server that was down releases when it is back and
// says how late. Also: releasing at once, the draft's versions and comments, CVE IDs, search.
import fs from 'node:fs'
import path from 'node:path'
import { expect, it } from 'vitest'
import { describeEachDatabase } from '../support/api.js'
import { makeCase } from '../support/factories.js'
import { embargoedSendmailCase } from '../support/embargoedCase.js'
import { releaseCase } from '../../src/commands/release/release.js'
import { assignCveId } from '../../src/commands/release/cveIds.js'
import { startReleaseScheduler } from '../../src/adapters/jobs/releaseScheduler.js'
import { publishCveRecords } from '../../src/commands/release/publishCveRecords.js'
import { CveServicesClient } from '../../src/adapters/cveServices/client.js'
import { startCveServicesStandIn } from '../support/cveServicesStandIn.js'
import { drainAfterRelease } from '../support/afterRelease.js'
import { cveRecordSchema as cveSchema } from '../support/cveRecordFormat.js'
import { validateCsaf, validateCveRecord, validateOsv } from '../../src/domain/advisory/validate.js'

const conformance = path.resolve(process.cwd(), '../shared/conformance')
const osvSchema = JSON.parse(fs.readFileSync(path.join(conformance, 'osv/validation/schema.json'), 'utf8')) as object
const DAY = 86_400_000

describeEachDatabase('release', (t) => {
  const embargoedCase = (endsAt: Date) => embargoedSendmailCase(t, endsAt)

  const get = (url: string) => t.app.inject({ method: 'GET', url })
  const opts = () => ({ config: t.config, validateCsaf })

  it('serves nothing a millisecond before the instant, everything (valid) at it, and only once', async () => {
    const endsAt = new Date(Date.now() + 10 * DAY)
    const w = await embargoedCase(endsAt)
    const id = w.advisory.id as string
    const year = String(endsAt.getUTCFullYear())
    const urls = [
      `/advisories/${id}`,
      `/advisories/${id}.json`,
      `/.well-known/csaf/white/${year}/${id.toLowerCase()}.json`,
      `/api/v1/advisories/${id}`,
    ]

    const early = await releaseCase(t.db, w.c.id, new Date(endsAt.getTime() - 1), { kind: 'embargo_end' }, opts())
    expect(early).toEqual({ released: false, why: 'not yet' })
    for (const url of urls) expect((await get(url)).statusCode, url).toBe(404)
    expect((await get(`/api/v1/advisories?q=${id}`)).json()).toEqual({ items: [], total: 0 })
    const feed = await get('/advisories.atom')
    expect(feed.statusCode === 404 || !feed.body.includes(id)).toBe(true)

    const done = await releaseCase(t.db, w.c.id, endsAt, { kind: 'embargo_end' }, opts())
    expect(done).toMatchObject({ released: true, advisoryId: id, lateMs: 0 })
    for (const url of urls) expect((await get(url)).statusCode, url).toBe(200)
    const page = await get(`/advisories/${id}`)
    expect(page.headers['content-type']).toContain('text/html')
    expect(page.body).toContain(w.cve)
    expect(page.body).not.toContain(w.c.case_number)

    // Every format validates.
    const csaf = JSON.parse((await get(`/.well-known/csaf/white/${year}/${id.toLowerCase()}.json`)).body)
    expect(await validateCsaf(csaf)).toEqual([])
    const published = (
      await t.db.selectFrom('published_documents').select(['path', 'body']).where('path', 'like', '%osv%').execute()
    ).filter((d) => d.path.includes(id))
    expect(published.length).toBe(1)
    for (const d of published) expect(validateOsv(JSON.parse(d.body.toString()), osvSchema)).toEqual([])
    const cveDoc = await t.db
      .selectFrom('published_documents')
      .select(['path', 'body'])
      .where('path', 'like', `%${w.cve}%`)
      .executeTakeFirstOrThrow()
    expect(validateCveRecord(JSON.parse(cveDoc.body.toString()), cveSchema)).toEqual([])
    expect((await get(cveDoc.path)).statusCode).toBe(200)
    // Feeds list it; the index finds it by CVE.
    expect((await get('/advisories.atom')).body).toContain(id)
    expect((await get('/.well-known/csaf/feed-tlp-white.json')).body).toContain(id.toLowerCase())
    expect((await get('/.well-known/csaf/provider-metadata.json')).statusCode).toBe(200)
    expect((await get(`/api/v1/advisories?q=${w.cve}`)).json()).toMatchObject({
      total: 1,
      items: [{ id, cves: [w.cve] }],
    })

    // Exactly once: again, and from a scheduler, nothing more happens.
    expect(await releaseCase(t.db, w.c.id, new Date(endsAt.getTime() + 1000), { kind: 'embargo_end' }, opts())).toEqual(
      { released: false, why: 'already released' },
    )
    const scheduler = startReleaseScheduler({
      db: t.db,
      config: t.config,
      clock: { now: () => new Date(endsAt.getTime() + 2000) },
    })
    expect(await scheduler.sweep()).toEqual([])
    await scheduler.stop()
    // The release enqueued its after-release job once; run again, it does nothing twice.
    const deps = { db: t.db, config: t.config, cvePublisher: null }
    expect(await drainAfterRelease(deps)).toBe(1)
    expect(await drainAfterRelease(deps)).toBe(0)
    const ledger = (await w.staff.get(`/api/v1/cases/${w.c.id}/ledger`)).json().entries as {
      kind: string
      payload: { reason?: string; late?: string | null }
    }[]
    expect(ledger.filter((e) => e.kind === 'advisory.released')).toHaveLength(1)
    expect(ledger.find((e) => e.kind === 'embargo.ended')?.payload.reason).toBe(
      'the embargo reached its end and the advisory was released',
    )
    expect((await w.staff.get(`/api/v1/cases/${w.c.id}/embargo`)).json().state).toBe('exited')
  })

  it('releases after a restart that crossed the instant, once, saying how late', async () => {
    const endsAt = new Date(Date.now() + 20 * DAY)
    const w = await embargoedCase(endsAt)
    // Two servers come back ten minutes after the instant and sweep together.
    const clock = { now: () => new Date(endsAt.getTime() + 10 * 60_000) }
    const a = startReleaseScheduler({ db: t.db, config: t.config, clock })
    const b = startReleaseScheduler({ db: t.db, config: t.config, clock })
    // Each sweeps at start and once more here: four attempts, one release.
    await Promise.all([a.sweep(), b.sweep()])
    await Promise.all([a.stop(), b.stop()])
    expect(await drainAfterRelease({ db: t.db, config: t.config, cvePublisher: null })).toBe(1)
    const released = (await w.staff.get(`/api/v1/cases/${w.c.id}/ledger`))
      .json()
      .entries.filter((e: { kind: string }) => e.kind === 'advisory.released')
    expect(released).toHaveLength(1)
    expect(released[0].payload.late).toBe(
      "released 600 s after the embargo's end: the server was not running (or was busy) at the instant",
    )
    // The schedulers check the CSAF in the validator's worker thread, started here for the first
    // time in this process and loading from source: on a busy machine that alone can take 30 s.
  }, 180_000)

  it('lets the coordinator release at once with a reason, not a vendor; the draft is versioned, compared and commented', async () => {
    const w = await embargoedCase(new Date(Date.now() + 30 * DAY))
    const a = w.advisory
    expect(a).toMatchObject({ state: 'draft', version: 1, abilities: { edit: true, release: true } })
    // A bad reference is named by field and saves nothing.
    const bad = await w.staff.put(`/api/v1/cases/${w.c.id}/advisory`, {
      draft: { ...a.draft, references: [{ url: 'not a url', summary: 'x' }] },
    })
    expect(bad.statusCode).toBe(422)
    expect(bad.json().errors).toEqual([{ field: 'references.0.url', message: 'is not an http(s) URL' }])
    const saved = await w.staff.put(`/api/v1/cases/${w.c.id}/advisory`, {
      draft: { ...a.draft, overview: `${a.draft.overview}\nUpgrade to sendmail 8.12.8.` },
      note: 'Say what to do',
      basedOn: 1,
    })
    expect(saved.json()).toMatchObject({
      version: 2,
      versions: [{ version: 2, note: 'Say what to do' }, { version: 1 }],
    })
    const stale = await w.staff.put(`/api/v1/cases/${w.c.id}/advisory`, { draft: a.draft, basedOn: 1 })
    expect(stale.statusCode).toBe(409)
    const diff = (await w.vendor.get(`/api/v1/cases/${w.c.id}/advisory/diff?from=1&to=2`)).json()
    expect(diff).toContainEqual({ op: 'added', text: 'Upgrade to sendmail 8.12.8.' })
    const commented = await w.vendor.post(`/api/v1/cases/${w.c.id}/advisory/comments`, {
      body: 'Please credit our 8.9 patch too.',
    })
    expect(commented.statusCode).toBe(201)
    expect(commented.json().comments).toEqual([
      expect.objectContaining({ version: 2, body: 'Please credit our 8.9 patch too.' }),
    ])
    expect(commented.json().abilities).toEqual({
      edit: false,
      release: false,
      revise: false,
      withdraw: false,
      supersede: false,
    })

    expect((await w.vendor.post(`/api/v1/cases/${w.c.id}/release`, { reason: 'we are ready' })).statusCode).toBe(403)
    const tooSoon = await w.staff.post(`/api/v1/cases/${w.c.id}/advisory/revisions`, { summary: 'More vendors' })
    expect(tooSoon.statusCode).toBe(409)
    const noReason = await w.staff.post(`/api/v1/cases/${w.c.id}/release`, { reason: '' })
    expect(noReason.statusCode).toBe(422)
    const now = await w.staff.post(`/api/v1/cases/${w.c.id}/release`, {
      reason: 'The patch was committed to a public repository.',
    })
    expect(now.statusCode).toBe(200)
    // The owners' alerts follow from the job the release enqueued, not from the request.
    expect(await drainAfterRelease({ db: t.db, config: t.config, cvePublisher: null })).toBe(1)
    expect(now.json()).toMatchObject({
      state: 'published',
      links: { page: expect.stringContaining(`/advisories/${a.id}`) },
    })
    expect((await get(`/advisories/${a.id}`)).body).toContain('Upgrade to sendmail 8.12.8.')
    expect((await w.staff.get(`/api/v1/cases/${w.c.id}/embargo`)).json()).toMatchObject({
      state: 'exited',
      endReason: 'released at once: The patch was committed to a public repository.',
    })

    // After the release: the vendor states more, the coordinator approves and publishes a revision.
    const year = String(new Date().getUTCFullYear())
    const csafPath = `/.well-known/csaf/white/${year}/${a.id.toLowerCase()}.json`
    const before = JSON.parse((await get(csafPath)).body)
    // The first vulnerability's record is at the advisory's own id; a revision keeps it there.
    const osvPath = `/osv/x_${a.id}.json`
    const osvBefore = JSON.parse((await get(osvPath)).body)
    const later = (
      await w.vendor.post(`/api/v1/cases/${w.c.id}/vulnerabilities/${w.vulnerabilityId}/statements`, {
        status: 'fixed',
        fixedVersions: ['8.12.8', '8.11.7'],
        remediation: 'Patches for 8.11 too.',
      })
    ).json()
    await w.staff.post(`/api/v1/cases/${w.c.id}/statements/${later.id}/approve`, {})
    expect((await w.staff.post(`/api/v1/cases/${w.c.id}/advisory/revisions`, { summary: ' ' })).statusCode).toBe(422)
    const revised = await w.staff.post(`/api/v1/cases/${w.c.id}/advisory/revisions`, {
      summary: 'Fixed versions for 8.11 added',
    })
    expect(revised.statusCode).toBe(201)
    expect(revised.json()).toMatchObject({ revision: 2, abilities: { revise: true, release: false } })
    const after = JSON.parse((await get(csafPath)).body)
    expect(
      after.document.tracking.revision_history.map((r: { number: string; summary: string }) => [r.number, r.summary]),
    ).toEqual([
      ['1', 'Initial release'],
      ['2', 'Fixed versions for 8.11 added'],
    ])
    expect(after.document.tracking.initial_release_date).toBe(before.document.tracking.initial_release_date)
    expect(JSON.stringify(after)).toContain('8.11.7')
    expect(await validateCsaf(after)).toEqual([])
    const osvAfter = JSON.parse((await get(osvPath)).body)
    expect(osvAfter.published).toBe(osvBefore.published)
    // Its readable id stays: a revision changes `modified` only.
    expect([osvBefore.id, osvAfter.id]).toEqual([`x_${a.id}`, `x_${a.id}`])
    expect(Date.parse(osvAfter.modified)).toBeGreaterThan(Date.parse(osvBefore.modified))
  })

  it('reserves a CVE ID at CVE Services when the blocks are used up, and publishes its record there after the release', async () => {
    const standIn = await startCveServicesStandIn({
      orgs: [
        { shortName: 'lockstep', users: [{ username: 'casey@lockstep.example', apiKey: 'a-long-enough-api-key' }] },
      ],
      ranges: { 2097: { first: 3000, last: 3999 } },
    })
    try {
      const client = new CveServicesClient({
        baseUrl: standIn.url,
        org: 'lockstep',
        user: 'casey@lockstep.example',
        apiKey: 'a-long-enough-api-key',
        retry: { attempts: 2, baseDelayMs: 5, maxDelayMs: 10 },
      })
      const w = await embargoedCase(new Date(Date.now() + 30 * DAY))
      const c = await makeCase(t)
      const v = await t.db
        .selectFrom('vulnerabilities')
        .select('id')
        .where('case_id', '=', c.id)
        .executeTakeFirstOrThrow()
      await t.db
        .updateTable('vulnerabilities')
        .set({
          affected: JSON.stringify([
            {
              vendor: 'Sendmail Consortium',
              product: 'sendmail',
              versions: null,
              purl: 'pkg:generic/sendmail',
              range: 'vers:generic/<8.12.8',
            },
          ]),
        })
        .where('id', '=', v.id)
        .execute()
      const cve = await assignCveId(
        t.db,
        w.staffActor,
        c.id,
        v.id,
        async (year) => (await client.reserveIds({ amount: 1, year })).cveIds[0]!.cveId,
        new Date('2097-05-01T00:00:00Z'),
      )
      expect(cve).toMatch(/^CVE-2097-3\d{3}$/)
      await releaseCase(
        t.db,
        c.id,
        new Date(),
        { kind: 'immediate', actor: w.staffActor, reason: 'Public already' },
        opts(),
      )
      const result = await publishCveRecords(t.db, c.id, t.config.release.cna, client)
      expect(result).toEqual({ published: [cve], failed: [] })
      expect(standIn.records.has(cve)).toBe(true)
      const ledger = (await w.staff.get(`/api/v1/cases/${c.id}/ledger`))
        .json()
        .entries.map((e: { kind: string }) => e.kind)
      expect(ledger).toContain('cve.published')
    } finally {
      await standIn.close()
    }
  })

  it('assigns CVE IDs from the configured block in order, once per vulnerability, and says when the block is used up', async () => {
    const w = await embargoedCase(new Date(Date.now() + 30 * DAY))
    expect(w.cve).toMatch(/^CVE-2099-1\d{3}$/)
    await expect(assignCveId(t.db, w.staffActor, w.c.id, w.vulnerabilityId, null)).rejects.toThrow(
      `already has ${w.cve}`,
    )
    const other = await embargoedCase(new Date(Date.now() + 30 * DAY))
    expect(Number(other.cve.slice(-4))).toBeGreaterThan(Number(w.cve.slice(-4)))
    const c = await makeCase(t)
    const v = await t.db
      .selectFrom('vulnerabilities')
      .select('id')
      .where('case_id', '=', c.id)
      .executeTakeFirstOrThrow()
    await expect(assignCveId(t.db, w.staffActor, c.id, v.id, null, new Date('2098-06-01T00:00:00Z'))).rejects.toThrow(
      "No CVE ID of 2098 is left in this instance's blocks",
    )
    expect(
      await assignCveId(
        t.db,
        w.staffActor,
        c.id,
        v.id,
        async (year) => `CVE-${year}-55555`,
        new Date('2098-06-01T00:00:00Z'),
      ),
    ).toBe('CVE-2098-55555')
  })
})
