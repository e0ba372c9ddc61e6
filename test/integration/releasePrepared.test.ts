// A release prepared before its instant (commands/release/preparedRelease.ts), on both databases:
// the release writes the prepared documents when nothing changed since, and they are the very
// documents it would have rendered itself; a statement approved after the preparation makes the
// release render again, so the statement is in what is published. The scheduler prepares a
// release due within the minute on its own.
import { expect, it } from 'vitest'
import { describeEachDatabase } from '../support/api.js'
import { embargoedSendmailCase } from '../support/embargoedCase.js'
import { releaseCase } from '../../src/commands/release/release.js'
import { documentsOf } from '../../src/commands/release/documents.js'
import { prepareRelease, preparedAt } from '../../src/commands/release/preparedRelease.js'
import { startReleaseScheduler } from '../../src/adapters/jobs/releaseScheduler.js'
import { instanceKeyFingerprint } from '../../src/mail/instanceKey.js'
import { validateCsaf } from '../../src/domain/advisory/validate.js'
import type { AdvisorySnapshot } from '../../src/domain/advisory/index.js'

describeEachDatabase('release prepared before its instant', (t) => {
  const opts = () => ({ config: t.config, validateCsaf })
  const inAnHour = () => new Date(Math.floor(Date.now() / 1000) * 1000 + 3_600_000)

  async function published(caseId: string) {
    const advisory = await t.db
      .selectFrom('advisories')
      .select(['id', 'snapshot'])
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow()
    const rows = await t.db
      .selectFrom('published_documents')
      .select(['path', 'body', 'updated_at'])
      .where('advisory_id', '=', advisory.id)
      .execute()
    return { snapshot: advisory.snapshot as AdvisorySnapshot, byPath: new Map(rows.map((r) => [r.path, r])) }
  }

  it('writes the prepared documents, identical to what it would render, dated at the instant', async () => {
    const endsAt = inAnHour()
    const w = await embargoedSendmailCase(t, endsAt)
    await prepareRelease(t.db, w.c.id, endsAt, opts())
    expect(preparedAt(w.c.id, endsAt)).toBeTypeOf('number')

    const done = await releaseCase(t.db, w.c.id, new Date(endsAt.getTime() + 40), { kind: 'embargo_end' }, opts())
    expect(done).toMatchObject({ released: true, lateMs: 40, prepared: true })

    const { snapshot, byPath } = await published(w.c.id)
    expect(snapshot.initialReleaseDate).toBe(endsAt.toISOString())
    const rendered = documentsOf(snapshot, t.config.release.cna, await instanceKeyFingerprint(t.db))
    expect([...byPath.keys()].sort()).toEqual(rendered.map((d) => d.path).sort())
    for (const d of rendered) {
      expect(byPath.get(d.path)!.body.equals(d.body), d.path).toBe(true)
      expect(byPath.get(d.path)!.updated_at.toISOString(), d.path).toBe(endsAt.toISOString())
    }
  })

  it('renders again when a statement was approved after the preparation, and publishes it', async () => {
    const endsAt = inAnHour()
    const w = await embargoedSendmailCase(t, endsAt)
    await prepareRelease(t.db, w.c.id, endsAt, opts())
    const statement = (
      await w.vendor.post(`/api/v1/cases/${w.c.id}/vulnerabilities/${w.vulnerabilityId}/statements`, {
        status: 'fixed',
        fixedVersions: ['8.12.9'],
        remediation: 'Upgrade to 8.12.9, which also closes the second overflow.',
      })
    ).json()
    expect((await w.staff.post(`/api/v1/cases/${w.c.id}/statements/${statement.id}/approve`, {})).statusCode).toBe(204)

    const done = await releaseCase(t.db, w.c.id, endsAt, { kind: 'embargo_end' }, opts())
    expect(done).toMatchObject({ released: true, prepared: false })
    const { byPath } = await published(w.c.id)
    const page = [...byPath.values()].find((d) => d.path.startsWith('/advisories/') && !d.path.endsWith('.json'))!
    expect(page.body.toString()).toContain('which also closes the second overflow')
  })

  it('a late release is dated when it happened, not at the instant, and is not taken from a preparation', async () => {
    const endsAt = inAnHour()
    const w = await embargoedSendmailCase(t, endsAt)
    await prepareRelease(t.db, w.c.id, endsAt, opts())
    const at = new Date(endsAt.getTime() + 60_000)
    const done = await releaseCase(t.db, w.c.id, at, { kind: 'embargo_end' }, opts())
    expect(done).toMatchObject({ released: true, lateMs: 60_000, prepared: false })
    expect((await published(w.c.id)).snapshot.initialReleaseDate).toBe(at.toISOString())
  })

  it('the scheduler prepares a release due within the minute', async () => {
    const endsAt = new Date(Date.now() + 30_000)
    const w = await embargoedSendmailCase(t, endsAt)
    const scheduler = startReleaseScheduler({ db: t.db, config: t.config, validate: false })
    try {
      await expect.poll(() => preparedAt(w.c.id, endsAt), { timeout: 20_000 }).toBeTypeOf('number')
    } finally {
      await scheduler.stop()
    }
  })
})
