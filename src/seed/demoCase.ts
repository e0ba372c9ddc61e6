// The demo's sendmail story, as far as Lockstep tells it so far: ISS X-Force reports the
// crackaddr() flaw, the coordinator validates and scores it, and opens the case with the finder.
// A second report, still new, waits in the triage queue. Runs once (keyed by the report's title).
import type { UserActor } from '../domain/actor.js'
import { openCase } from '../commands/cases/openCase.js'
import { scoreReport, transitionReport } from '../commands/reports/triage.js'
import { hashSecret, newSecret } from '../security/tokens.js'
import { nextReportNumber } from '../store/counters.js'
import type { Db } from '../store/db.js'
import { findUserByEmail } from '../store/users.js'

export const DEMO_REPORT_TITLE = 'Remote root in sendmail header processing (crackaddr)'

async function insertDemoReport(db: Db, r: { title: string; reporterUserId: string | null; description: string; anonymous: boolean; email: string | null; name: string | null; organization: string | null }) {
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
        { vendor: 'Sendmail Consortium', product: 'sendmail', versions: '5.2 up to 8.12.7', purl: 'pkg:generic/sendmail@8.12.7' },
        { vendor: 'Sendmail, Inc.', product: 'Sendmail Switch', versions: '2.1 to 3.0', purl: null },
      ]),
      description: r.description,
      impact: 'A remote attacker gains root on any host whose sendmail processes a crafted message, including relays that only pass the mail on.',
      reproduction: 'Send a message whose From: header has many nested <> and ( ) pairs; crackaddr() writes past its static buffer.',
      public_already: false,
      exploited_already: false,
      vendor_contact: JSON.stringify({ contacted: false, how: null, when: null, answer: null }),
      disclosure_plans: 'Coordinated release with the vendors; we will publish our own advisory the same day.',
      credit: JSON.stringify({ preference: 'organization', text: 'ISS X-Force' }),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function seedDemoCase(db: Db): Promise<void> {
  if (await db.selectFrom('reports').select('id').where('title', '=', DEMO_REPORT_TITLE).executeTakeFirst()) return
  const finder = await findUserByEmail(db, 'finder@lockstep.demo')
  const coordinator = await findUserByEmail(db, 'coordinator@lockstep.demo')
  if (!finder || !coordinator) return
  const memberships = await db.selectFrom('memberships').select(['organization_id', 'role']).where('user_id', '=', coordinator.id).execute()
  const casey: UserActor = { kind: 'user', userId: coordinator.id, instanceRole: coordinator.instance_role, memberships: new Map(memberships.map((m) => [m.organization_id, m.role])), via: 'session' }

  const report = await insertDemoReport(db, {
    title: DEMO_REPORT_TITLE,
    reporterUserId: finder.id,
    anonymous: false,
    email: finder.email,
    name: finder.name,
    organization: 'Internet Security Systems X-Force',
    description:
      'The address parser crackaddr() in sendmail (headers.c) tracks nesting of <> and ( ) to decide how much of a header to copy into a fixed-size static buffer. ' +
      'A header crafted to unbalance that bookkeeping makes it copy past the end of the buffer, overwriting memory next to it, from the network, before any authentication.',
  })
  await transitionReport(db, casey, report.id, 'validate', 'Reproduced against sendmail 8.12.7 on Linux and Solaris.')
  await scoreReport(db, casey, report.id, {
    cvss: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
    cwe: 'CWE-120',
    ssvc: { reportPublic: 'no', supplierContacted: 'no', reportCredibility: 'credible', supplierCardinality: 'multiple', supplierEngagement: 'active', utility: 'super effective', publicSafetyImpact: 'significant' },
  })
  await openCase({
    db,
    actor: casey,
    reportIds: [report.id],
    title: 'Remote root in sendmail header processing',
    summary: 'A buffer overflow in crackaddr() lets a remote attacker run code as root on any sendmail server. Every vendor that ships sendmail must be reached quietly.',
    tlp: 'AMBER',
  })
  // A second report, new and unassigned, so the triage queue is not empty.
  await insertDemoReport(db, {
    title: 'sendmail prescan() may overflow on crafted addresses',
    reporterUserId: null,
    anonymous: true,
    email: null,
    name: null,
    organization: null,
    description: 'While looking at crackaddr() we noticed prescan() handles a similar address case with its own buffer; it may overflow too. Not yet confirmed.',
  })
}
