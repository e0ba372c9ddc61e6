// The vendors the record says were told only after publication (Gentoo, Slackware, OpenPKG,
// Microsoft, Postfix): the demo tells them after its release, by a job scheduled at the seed for a
// minute after the release instant (server.ts runs it), and records their answers as the record
// has them: three vulnerable, Postfix not, Microsoft never said. Idempotent: a vendor already told
// is not told again, so a retried or repeated job changes nothing.
import type { Db } from '../store/db.js'
import { notifyVendors } from '../commands/vendors/notify.js'
import { findOrganizationBySlug } from '../store/organizations.js'
import { vendorRecords } from './demoRecord.js'
import { answerOf, forgetStoryMail, giveAnswer, mailAlreadyThere } from './demoVendorAnswers.js'
import { DEMO_CASE_TITLE, demoActor } from './demoCase.js'
import { enqueueLateVendors } from '../jobs/demoLateVendors.js'

/** How long after the release the late vendors are told. */
export const LATE_AFTER_RELEASE_MS = 60_000

export async function tellLateVendors(db: Db, caseId: string, now = new Date()): Promise<number> {
  const casey = await demoActor(db, 'coordinator@lockstep.demo')
  const c = await db.selectFrom('cases').select('id').where('id', '=', caseId).executeTakeFirst()
  if (!casey || !c) return 0
  const late = vendorRecords.filter((r) => r.notified === 'after')
  const orgs: { id: string; slug: string }[] = []
  for (const r of late) {
    const org = await findOrganizationBySlug(db, r.slug)
    if (!org) continue
    const told = await db
      .selectFrom('participants')
      .select('id')
      .where('case_id', '=', caseId)
      .where('organization_id', '=', org.id)
      .where('notified_at', 'is not', null)
      .executeTakeFirst()
    if (!told) orgs.push({ id: org.id, slug: r.slug })
  }
  if (orgs.length === 0) return 0
  const before = await mailAlreadyThere(db, caseId)
  await notifyVendors(
    db,
    casey,
    caseId,
    orgs.map((o) => o.id),
    now,
  )
  const vulnerability = await db
    .selectFrom('vulnerabilities')
    .select('id')
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .executeTakeFirstOrThrow()
  for (const o of orgs) {
    const answer = answerOf(
      vendorRecords.find((r) => r.slug === o.slug)!,
      now.toISOString(),
    )
    if (!answer) continue
    const p = await db
      .selectFrom('participants')
      .select('id')
      .where('case_id', '=', caseId)
      .where('organization_id', '=', o.id)
      .executeTakeFirstOrThrow()
    await giveAnswer(db, casey, { caseId, vulnerabilityId: vulnerability.id }, p.id, answer, now)
  }
  // Nobody is written to: the late vendors' addresses are the demo's own (.example). The mail
  // the instance sent before this step (the coordinators' release checklist) stays.
  await forgetStoryMail(db, caseId, before)
  return orgs.length
}

/**
 * Schedules the job for a minute after the demo case's release (at every start of a demo instance,
 * and in a reset's transaction); false when there is no demo case or no job queue yet.
 */
export async function scheduleLateVendors(db: Db): Promise<boolean> {
  const c = await db
    .selectFrom('cases')
    .select(['id', 'embargo_ends_at'])
    .where('title', '=', DEMO_CASE_TITLE)
    .orderBy('created_at')
    .executeTakeFirst()
  if (!c?.embargo_ends_at) return false
  return enqueueLateVendors(db, { caseId: c.id }, new Date(c.embargo_ends_at.getTime() + LATE_AFTER_RELEASE_MS))
}
