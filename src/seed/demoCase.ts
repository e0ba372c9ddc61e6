// The demo's sendmail story: ISS X-Force reports the crackaddr() flaw, the coordinator validates
// and scores it, and opens the case with the finder; then the vendors are reached and answer as the
// public record has it (demoRecord.ts, demoVendorAnswers.ts). The record's 49 days from first notice
// to publication are squeezed into the three weeks and a half before the instance's first start,
// the release minutes after it, so the vendor table, its charts and the reminders have a history. A second report, still new,
// waits in the triage queue. Runs once (keyed by the report's title).
import { sql } from 'kysely'
import type { UserActor } from '../domain/actor.js'
import { openCase } from '../commands/cases/openCase.js'
import { scoreReport, transitionReport } from '../commands/reports/triage.js'
import { hashSecret, newSecret } from '../security/tokens.js'
import { nextReportNumber } from '../store/counters.js'
import type { Db } from '../store/db.js'
import { findUserByEmail } from '../store/users.js'
import { seedDemoVendorAnswers, storyClock } from './demoVendorAnswers.js'
import { demoEmbargoSteps } from './demoEmbargo.js'
import { reportColumns } from '../store/columns.js'

/** The sendmail versions crackaddr() is broken in: 5.2 up to 8.12.7 (8.12.8 fixed it). */
export const SENDMAIL_RANGE = 'vers:generic/>=5.2|<8.12.8'

/** The demo case's title (copies opened by tests for a story from its start bear it too). */
export const DEMO_CASE_TITLE = 'Remote root in sendmail header processing'

export const DEMO_REPORT_TITLE = 'Remote root in sendmail header processing (crackaddr)'

async function insertDemoReport(
  db: Db,
  r: {
    title: string
    reporterUserId: string | null
    description: string
    anonymous: boolean
    email: string | null
    name: string | null
    organization: string | null
    receivedAt?: Date
  },
) {
  const year = new Date().getUTCFullYear()
  return db
    .insertInto('reports')
    .values({
      tracking_id: `LSR-${year}-${String(await nextReportNumber(db)).padStart(4, '0')}`,
      // Nobody holds this link: the demo finder follows up through their account.
      follow_up_token_hash: hashSecret(newSecret()),
      anonymous: r.anonymous,
      reporter_name: r.name,
      reporter_organization: r.organization,
      reporter_email: r.email,
      reporter_user_id: r.reporterUserId,
      title: r.title,
      affected: JSON.stringify([
        {
          vendor: 'Sendmail Consortium',
          product: 'sendmail',
          versions: '5.2 up to 8.12.7',
          purl: 'pkg:generic/sendmail@8.12.7',
        },
        { vendor: 'Sendmail, Inc.', product: 'Sendmail Switch', versions: '2.1 to 3.0', purl: null },
      ]),
      description: r.description,
      impact:
        'A remote attacker gains root on any host whose sendmail processes a crafted message, including relays that only pass the mail on.',
      reproduction:
        'Send a message whose From: header has many nested <> and ( ) pairs; crackaddr() writes past its static buffer.',
      public_already: false,
      exploited_already: false,
      vendor_contact: JSON.stringify({ contacted: false, how: null, when: null, answer: null }),
      disclosure_plans: 'Coordinated release with the vendors; we will publish our own advisory the same day.',
      credit: JSON.stringify({ preference: 'organization', text: 'ISS X-Force' }),
      ...(r.receivedAt ? { created_at: r.receivedAt } : {}),
    })
    .returning(reportColumns)
    .executeTakeFirstOrThrow()
}

/** A signed-in demo user, as the commands expect their caller. */
export async function demoActor(db: Db, email: string): Promise<UserActor | undefined> {
  const user = await findUserByEmail(db, email)
  if (!user) return undefined
  const memberships = await db
    .selectFrom('memberships')
    .select(['organization_id', 'role'])
    .where('user_id', '=', user.id)
    .execute()
  return {
    kind: 'user',
    userId: user.id,
    instanceRole: user.instance_role,
    memberships: new Map(memberships.map((m) => [m.organization_id, m.role])),
    via: 'session',
  }
}

/**
 * ISS X-Force's report, validated and scored by the coordinator, opened as a case with the finder
 * at `openedAt` (the report came in two days before). The demo's case, and any number of fresh
 * copies for tests that tell the story from its start.
 */
export async function openSendmailCase(
  db: Db,
  casey: UserActor,
  openedAt = new Date(),
): Promise<{ caseId: string; caseNumber: string; vulnerabilityId: string }> {
  const finder = await findUserByEmail(db, 'finder@lockstep.demo')
  if (!finder) throw new Error('the demo finder is missing')
  const report = await insertDemoReport(db, {
    title: DEMO_REPORT_TITLE,
    reporterUserId: finder.id,
    anonymous: false,
    email: finder.email,
    name: finder.name,
    organization: 'Internet Security Systems X-Force',
    receivedAt: new Date(openedAt.getTime() - 2 * DAY),
    description:
      'The address parser crackaddr() in sendmail (headers.c) tracks nesting of <> and ( ) to decide how much of a header to copy into a fixed-size static buffer. ' +
      'A header crafted to unbalance that bookkeeping makes it copy past the end of the buffer, overwriting memory next to it, from the network, before any authentication.',
  })
  await transitionReport(db, casey, report.id, 'validate', 'Reproduced against sendmail 8.12.7 on Linux and Solaris.')
  await scoreReport(db, casey, report.id, {
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
  // The report's own history happened before the case: received two days, triaged one day before.
  const triaged = new Date(openedAt.getTime() - DAY)
  await db.updateTable('reports').set({ updated_at: triaged }).where('id', '=', report.id).execute()
  await sql`UPDATE report_events SET at = ${triaged} WHERE report_id = ${report.id}`.execute(db)
  const opened = await openCase({
    db,
    actor: casey,
    reportIds: [report.id],
    title: DEMO_CASE_TITLE,
    summary:
      'A buffer overflow in crackaddr() lets a remote attacker run code as root on any sendmail server. Every vendor that ships sendmail must be reached quietly.',
    tlp: 'AMBER',
    now: openedAt,
  })
  const vulnerability = await db
    .selectFrom('vulnerabilities')
    .select(['id', 'affected'])
    .where('case_id', '=', opened.id)
    .executeTakeFirstOrThrow()
  // The report said "5.2 up to 8.12.7"; the coordinator wrote it as a range owners are matched by.
  const affected = (vulnerability.affected as { product: string }[]).map((a) =>
    a.product === 'sendmail' ? { ...a, purl: 'pkg:generic/sendmail', range: SENDMAIL_RANGE } : a,
  )
  await db
    .updateTable('vulnerabilities')
    .set({ affected: JSON.stringify(affected) })
    .where('id', '=', vulnerability.id)
    .execute()
  return { caseId: opened.id, caseNumber: opened.case_number, vulnerabilityId: vulnerability.id }
}

const DAY = 86_400_000
/** How long before the first start the demo's story began. */
const STORY_DAYS = 24

/** The story's first day: three weeks and a half ago, but never in an earlier year (the case ID carries the year). */
export function demoStoryStart(now: Date): Date {
  const yearStart = Date.UTC(now.getUTCFullYear(), 0, 1)
  // At nine in the morning (UTC), as a working day starts.
  const morning = Math.floor((now.getTime() - STORY_DAYS * DAY) / DAY) * DAY + 9 * 3_600_000
  return new Date(Math.max(morning, yearStart))
}

export async function seedDemoCase(db: Db, now = new Date(), releaseInMinutes = 5): Promise<void> {
  if (await db.selectFrom('reports').select('id').where('title', '=', DEMO_REPORT_TITLE).executeTakeFirst()) return
  const casey = await demoActor(db, 'coordinator@lockstep.demo')
  if (!casey) return
  const start = demoStoryStart(now)
  const opened = await openSendmailCase(db, casey, start)
  const at = storyClock(start, now)
  const releaseAt = new Date(now.getTime() + releaseInMinutes * 60_000)
  await seedDemoVendorAnswers(db, casey, opened, at, await demoEmbargoSteps(db, casey, opened, at, releaseAt))
  // A second report, new and unassigned, so the triage queue is not empty.
  await insertDemoReport(db, {
    title: 'sendmail prescan() may overflow on crafted addresses',
    reporterUserId: null,
    anonymous: true,
    email: null,
    name: null,
    organization: null,
    description:
      'While looking at crackaddr() we noticed prescan() handles a similar address case with its own buffer; it may overflow too. Not yet confirmed.',
  })
}
