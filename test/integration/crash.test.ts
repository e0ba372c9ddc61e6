// kill -9 at the worst moments, on both databases: during concurrent intake over HTTP and SMTP,
// in the middle of delivering mail to a relay, and around the instant of a release. After a
// restart nothing acknowledged is lost, nothing is created twice, no mail is sent twice and the
// release happens exactly once. A few kills keep this inside `npm test`; `npm run bench:crash`
// runs many (bench/crash.ts).
import { afterAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { availableBackends } from '../support/databases.js'
import { crashDatabase, killStrays, pause, serveChild, settle, type CrashDatabase } from '../support/childServer.js'
import { mailUntilDead, postReport, reportUntilDead, startGatedRelay } from '../support/crashLoad.js'
import { makeUser } from '../support/factories.js'
import { createApiToken } from '../../src/commands/accounts/apiTokens.js'
import { enqueueMail } from '../../src/mail/outbox.js'
import { seedReleaseCase } from '../support/crashRelease.js'

const cleanups: (() => Promise<void>)[] = []
afterAll(async () => {
  await killStrays()
  for (const c of cleanups.reverse()) await c().catch(() => undefined)
})

async function database(backend: 'pglite' | 'postgres'): Promise<CrashDatabase> {
  const d = await crashDatabase(backend)
  cleanups.push(() => d.close())
  return d
}

/** An admin's API token, made before the server starts, to watch it through its own API. */
async function adminToken(d: CrashDatabase): Promise<string> {
  return d.use(async (db) => {
    const admin = await makeUser(db, { instanceRole: 'admin' })
    return (await createApiToken(db, admin.id, 'crash test')).token
  })
}

async function api<T>(url: string, token: string, path: string): Promise<T> {
  const res = await fetch(`${url}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } })
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`)
  return (await res.json()) as T
}

const randomBetween = (lo: number, hi: number) => lo + Math.random() * (hi - lo)

describe('crashes', () => {
  for (const backend of availableBackends()) {
    it(`loses no acknowledged report and creates none twice when killed during intake [${backend}]`, async () => {
      const d = await database(backend)
      const token = await adminToken(d)
      const first = await serveChild(d.env)
      const reporting = reportUntilDead(first.url, 6, 'kill')
      const mailing = mailUntilDead(first.smtpPort, 4, 'kill')
      await pause(randomBetween(1500, 3500))
      await first.kill()
      const submissions = await reporting
      const mailed = await mailing
      const answered = submissions.filter((s) => s.trackingId)
      expect(answered.length).toBeGreaterThan(3)
      expect(mailed.length).toBeGreaterThan(3)

      const second = await serveChild(d.env)
      // A finder whose form got no answer sends it again, as it was: the same report, once.
      const unanswered = submissions.filter((s) => !s.trackingId)
      for (const s of unanswered) expect(await postReport(second.url, s, '10.9.9.9')).toBe(201)
      // Every stored mail processed (the inbound mail worker recovers what the dead server held).
      await settle('inbound mail processed', async () => {
        const r = await api<{ items: unknown[] }>(second.url, token, '/mail/inbound?status=received&limit=1')
        return r.items.length === 0
      })
      await second.stop()

      const reports = await d.use((db) => db.selectFrom('reports').select(['tracking_id', 'title']).execute())
      const byMarker = new Map<string, string[]>()
      for (const r of reports) {
        const marker = /kill-(?:http|mail)-\d+/.exec(r.title)?.[0]
        if (marker) byMarker.set(marker, [...(byMarker.get(marker) ?? []), r.tracking_id])
      }
      const ids = new Set(reports.map((r) => r.tracking_id))
      process.stdout.write(
        `crash during intake [${backend}]: ${answered.length} reports answered 201 and ${unanswered.length} cut off (sent again), ${mailed.length} mails answered 250\n`,
      )
      // Every 201 is there, and every submission (answered or sent again) is one report.
      expect(answered.filter((s) => !ids.has(s.trackingId!))).toEqual([])
      expect(submissions.filter((s) => byMarker.get(s.marker)?.length !== 1).map((s) => s.marker)).toEqual([])
      // Every mail answered 250 became exactly one report. THE INBOUND MAIL PROCESSING FIX (another
      // branch of the hardening issue: one transaction per mail) is what makes this hold after a kill.
      expect(
        mailed.filter((m) => byMarker.get(m)?.length !== 1).map((m) => `${m}: ${byMarker.get(m)?.length ?? 0}`),
      ).toEqual([])
    }, 240_000)

    it(`sends every queued mail exactly once when killed during delivery [${backend}]`, async () => {
      const d = await database(backend)
      const token = await adminToken(d)
      const total = 60
      const messageIds = await d.use(async (db) => {
        const to = Array.from({ length: total }, (_, i) => ({
          email: `vendor${i}@relay.example`,
          name: `Vendor ${i}`,
          userId: null,
          organizationId: null,
        }))
        await enqueueMail(db, to, {
          caseId: null,
          thread: null,
          data: { template: 'subscription.confirm', confirmUrl: 'http://localhost:8080/confirm/x' },
          confidential: false,
          tlp: 'CLEAR',
        })
        return (await db.selectFrom('mail_outbox').select('message_id').execute()).map((r) => r.message_id)
      })
      const relay = await startGatedRelay()
      cleanups.push(() => relay.close())
      const env = { ...d.env, LOCKSTEP_SMTP_RELAY: relay.url, LOCKSTEP_MAIL_PER_DOMAIN_PER_MINUTE: '100000' }

      // The relay accepts a third, then stops answering: the server is in the middle of sending
      // the next ones when it is killed (once it has written down what the relay accepted).
      relay.shutAfter(Math.floor(randomBetween(total / 4, total / 2)))
      const first = await serveChild(env)
      await settle('the relay holding messages', async () => relay.held > 0)
      await settle('the accepted ones recorded', async () => {
        const sent = await api<{ total: number }>(first.url, token, '/mail/outbox?status=sent&limit=1')
        return sent.total === relay.accepted.length
      })
      const before = relay.accepted.length
      await first.kill()

      relay.open()
      const second = await serveChild(env)
      await settle('every message sent', async () => {
        const sent = await api<{ total: number }>(second.url, token, '/mail/outbox?status=sent&limit=1')
        return sent.total === total
      })
      await second.stop()
      process.stdout.write(
        `crash during delivery [${backend}]: ${before} of ${total} accepted by the relay before SIGKILL, ${relay.held} cut off mid-delivery\n`,
      )
      const counts = new Map<string, number>()
      for (const id of relay.accepted) counts.set(id, (counts.get(id) ?? 0) + 1)
      expect(messageIds.filter((id) => counts.get(id) !== 1).map((id) => `${id}: ${counts.get(id) ?? 0}`)).toEqual([])
      expect(relay.accepted).toHaveLength(total)
    }, 180_000)

    it(`releases exactly once when killed around the instant of the release [${backend}]`, async () => {
      const d = await database(backend)
      const seeded = await d.use((db) => seedReleaseCase(db))
      // The instant is set once the seed is done; the server has a few seconds to start.
      const endsAt = new Date(Date.now() + 12_000)
      await d.use((db) =>
        db.updateTable('cases').set({ embargo_ends_at: endsAt }).where('id', '=', seeded.caseId).execute(),
      )
      const first = await serveChild(d.env)
      const killAt = endsAt.getTime() + randomBetween(-300, 1200)
      await pause(Math.max(0, killAt - Date.now()))
      await first.kill()
      const killedLate = Date.now() - endsAt.getTime()

      const second = await serveChild(d.env)
      await settle('the owner alerted', async () => {
        const alerts = await api<{ stage: string }[]>(
          second.url,
          seeded.ownerToken,
          `/organizations/${seeded.ownerOrganizationId}/alerts`,
        )
        return alerts.some((a) => a.stage === 'released')
      })
      await second.stop()

      const facts = await d.use(async (db) => ({
        released: await db
          .selectFrom('ledger_entries')
          .select('sequence')
          .where('case_id', '=', seeded.caseId)
          .where('kind', '=', 'advisory.released')
          .execute(),
        advisory: await db
          .selectFrom('advisories')
          .select(['state', 'owners_alerted_at', 'id'])
          .where('case_id', '=', seeded.caseId)
          .executeTakeFirstOrThrow(),
        alerts: await db
          .selectFrom('owner_alerts')
          .select('id')
          .where('organization_id', '=', seeded.ownerOrganizationId)
          .execute(),
        alertMails: await db
          .selectFrom('mail_outbox')
          .select('id')
          .where('to_address', '=', seeded.ownerEmail)
          .where('template', '=', 'owner.alert')
          .execute(),
        jobs: (
          await sql<{ n: string }>`SELECT count(*) AS n FROM pgboss.job WHERE name = 'after-release'
            AND data->>'caseId' = ${seeded.caseId}`.execute(db)
        ).rows[0]!.n,
      }))
      process.stdout.write(`crash around a release [${backend}]: killed ${killedLate} ms after the instant\n`)
      expect(facts.advisory.state).toBe('published')
      expect(facts.released).toHaveLength(1)
      expect(facts.advisory.owners_alerted_at).not.toBeNull()
      expect(facts.alerts).toHaveLength(1)
      expect(facts.alertMails).toHaveLength(1)
      expect(Number(facts.jobs)).toBe(1)
    }, 180_000)
  }
})
