// The vendors of the demo case and how they answered, after the real sendmail case of 2003
// (DESIGN.md: of about 53 vendors, 23 vulnerable, 6 not, 24 never answered). Here: every demo
// vendor notified over the first two weeks; most say they are affected (or fixed, the Sendmail
// Consortium with 8.12.8), two are not affected, one is still investigating, and a large group
// stays silent (two of them looked and never answered). Red Hat and SGI keep their real
// rhythm: notified late, answering just before the release.
//
// Everything goes through the commands with a backdated clock, in the order it happened, so the
// ledger, the vendor table and its charts read as a real case. The mail those steps wrote is
// dropped: it belongs to the story's past, not to this instance; what the instance does from its
// first start is mailed as usual.
import type { UserActor } from '../domain/actor.js'
import type { VexJustification, VexStatus } from '../domain/vex.js'
import { recordVendorFact, transitionParticipant } from '../commands/cases/caseStatus.js'
import { CASE_WIDE, insertThreadPost } from '../commands/cases/threads.js'
import { followUpSilentVendors } from '../commands/vendors/followUp.js'
import { notifyVendors } from '../commands/vendors/notify.js'
import { defaultFollowUpPolicy } from '../domain/vendorTracking.js'
import { approveStatement, postStatement } from '../commands/vendors/statements.js'
import type { Db } from '../store/db.js'
import { findOrganizationBySlug } from '../store/organizations.js'
import { demoActor } from './demoCase.js'

interface Answer {
  status: VexStatus
  justification?: VexJustification
  fixedVersions?: string[]
  remediation?: string
  /** Day it was given; approved by the coordinator the next day when `approved`. */
  day: number
  approved?: boolean
  shareable?: boolean
}

interface VendorStory {
  slug: string
  notified: number
  /** First look at the case (the portal or the link in the mail); absent: never looked. */
  seen?: number
  answer?: Answer
  /** A word in the vendor's private thread, by its demo member when it has one. */
  message?: { day: number; body: string }
  fixReady?: number
  /** The demo user who speaks for the vendor; otherwise the coordinator records what it said by mail. */
  member?: string
}

const fixedInConsortium =
  'Upgrade to sendmail 8.12.8, or apply the patch for 8.9, 8.10, 8.11 or 8.12 from the Sendmail Consortium.'
const vendorPackages = 'Updated sendmail packages are built and tested; they will be published at the release.'

export const demoVendorStories: readonly VendorStory[] = [
  {
    slug: 'sendmail-consortium',
    notified: 0,
    seen: 0.1,
    member: 'consortium@lockstep.demo',
    message: { day: 0.4, body: 'Confirmed in crackaddr(); we are preparing 8.12.8 and patches for 8.9 to 8.12.' },
    answer: {
      status: 'fixed',
      fixedVersions: ['8.12.8'],
      remediation: fixedInConsortium,
      day: 9,
      approved: true,
      shareable: true,
    },
    fixReady: 9,
  },
  {
    slug: 'sendmail-inc',
    notified: 0,
    seen: 1,
    answer: {
      status: 'affected',
      remediation: 'Sendmail Switch 2.1 to 3.0 are affected; patches follow the Consortium’s.',
      day: 5,
      approved: true,
      shareable: true,
    },
  },
  {
    slug: 'freebsd',
    notified: 1,
    seen: 1.5,
    answer: { status: 'affected', remediation: vendorPackages, day: 6, shareable: true },
  },
  { slug: 'netbsd', notified: 1, seen: 2, answer: { status: 'affected', remediation: vendorPackages, day: 8 } },
  {
    slug: 'openbsd',
    notified: 1,
    seen: 1.2,
    answer: {
      status: 'affected',
      remediation: 'Patches for 3.1 and 3.2 are ready in our tree.',
      day: 4,
      shareable: true,
    },
  },
  {
    slug: 'sgi',
    notified: 3,
    seen: 16,
    member: 'sgi@lockstep.demo',
    answer: { status: 'affected', remediation: 'IRIX 6.5.x ships sendmail 8.11; patches are in test.', day: 21 },
  },
  {
    slug: 'sun',
    notified: 3,
    seen: 4,
    answer: {
      status: 'affected',
      remediation: 'Solaris 2.6 to 9 are affected; T-patches are available on request.',
      day: 12,
      approved: true,
    },
  },
  { slug: 'hp', notified: 3, seen: 10, answer: { status: 'affected', remediation: vendorPackages, day: 17 } },
  {
    slug: 'ibm',
    notified: 3,
    seen: 5,
    answer: { status: 'affected', remediation: 'AIX 4.3.3, 5.1 and 5.2 are affected; APARs are open.', day: 15 },
  },
  { slug: 'apple', notified: 3, seen: 9 },
  { slug: 'caldera', notified: 3 },
  { slug: 'compaq', notified: 3, seen: 12 },
  {
    slug: 'red-hat',
    notified: 9,
    seen: 10,
    member: 'redhat@lockstep.demo',
    message: {
      day: 18,
      body: 'Red Hat Linux 7.x, 8.0 and Enterprise Linux 2.1 ship affected sendmail; errata are in QA.',
    },
    answer: { status: 'affected', remediation: vendorPackages, day: 18 },
  },
  {
    slug: 'debian',
    notified: 6,
    seen: 7,
    answer: { status: 'affected', remediation: vendorPackages, day: 11, shareable: true },
  },
  { slug: 'suse', notified: 6, seen: 8, answer: { status: 'affected', remediation: vendorPackages, day: 16 } },
  { slug: 'mandrakesoft', notified: 6 },
  {
    slug: 'cray',
    notified: 10,
    seen: 13,
    answer: {
      status: 'not_affected',
      justification: 'component_not_present',
      remediation: 'UNICOS/mk does not include sendmail.',
      day: 14,
      approved: true,
    },
  },
  {
    slug: 'nec',
    notified: 10,
    seen: 11,
    answer: {
      status: 'not_affected',
      justification: 'vulnerable_code_not_present',
      remediation: 'EWS-UX ships a mail server of its own without crackaddr().',
      day: 19,
    },
  },
  { slug: 'wind-river', notified: 10 },
  { slug: 'gentoo', notified: 10 },
  { slug: 'fujitsu', notified: 10 },
  {
    slug: 'cisco',
    notified: 14,
    seen: 15,
    answer: {
      status: 'under_investigation',
      remediation: 'Checking which Content Engine releases include sendmail.',
      day: 20,
    },
  },
]

const CASE_WIDE_NOTE =
  'The Sendmail Consortium confirms the flaw and is preparing 8.12.8. Please keep the details within your security teams: ' +
  'we will propose a release date once every vendor has answered.'

export type Step = { at: Date; run: () => Promise<void> }

export async function seedDemoVendorAnswers(
  db: Db,
  casey: UserActor,
  opened: { caseId: string; caseNumber: string; vulnerabilityId: string },
  start: Date,
  now: Date,
  /** More of the story, on the same days (the embargo), run in time order with the answers. */
  more: (at: (day: number) => Date) => Promise<Step[]> = async () => [],
): Promise<void> {
  // The story's days, squeezed when the year began less than its length ago.
  const lastDay = Math.max(
    ...demoVendorStories.flatMap((v) => [v.notified, v.seen ?? 0, (v.answer?.day ?? 0) + 1, v.message?.day ?? 0]),
  )
  const dayLength = Math.min(86_400_000, (now.getTime() - start.getTime()) / (lastDay + 1))
  const at = (day: number) => new Date(start.getTime() + day * dayLength)
  const steps: Step[] = [
    {
      at: at(2),
      run: async () => {
        const who = {
          userId: casey.userId,
          name: (await db.selectFrom('users').select('name').where('id', '=', casey.userId).executeTakeFirstOrThrow())
            .name,
          label: null,
          email: null,
          via: 'web' as const,
        }
        await insertThreadPost(
          db,
          opened.caseId,
          { key: CASE_WIDE, title: 'Everyone in the case', participantId: null },
          who,
          CASE_WIDE_NOTE,
          'AMBER',
          at(2),
        )
      },
    },
  ]

  for (const v of demoVendorStories) {
    const org = await findOrganizationBySlug(db, v.slug)
    if (!org) continue
    const speaker = v.member ? await demoActor(db, v.member) : undefined
    const participant = async () =>
      await db
        .selectFrom('participants')
        .select(['id', 'seen_at'])
        .where('case_id', '=', opened.caseId)
        .where('organization_id', '=', org.id)
        .executeTakeFirstOrThrow()
    steps.push({
      at: at(v.notified),
      run: async () => void (await notifyVendors(db, casey, opened.caseId, [org.id], at(v.notified))),
    })
    if (v.seen !== undefined) {
      const seenAt = at(v.seen)
      steps.push({
        at: seenAt,
        run: async () =>
          void (await db
            .updateTable('participants')
            .set({ seen_at: seenAt })
            .where('id', '=', (await participant()).id)
            .where('seen_at', 'is', null)
            .execute()),
      })
    }
    if (v.message) {
      const m = v.message
      steps.push({
        at: at(m.day),
        run: async () => {
          const p = await participant()
          const name = speaker
            ? (await db.selectFrom('users').select('name').where('id', '=', speaker.userId).executeTakeFirstOrThrow())
                .name
            : org.name
          const thread = { key: p.id, title: `Coordinator and ${org.name}`, participantId: p.id }
          await insertThreadPost(
            db,
            opened.caseId,
            thread,
            {
              userId: speaker?.userId ?? null,
              name,
              label: speaker ? null : org.name,
              email: null,
              via: speaker ? 'web' : 'mail',
              organizationId: org.id,
            },
            m.body,
            'AMBER',
            at(m.day),
          )
        },
      })
    }
    if (v.answer) {
      const a = v.answer
      steps.push({
        at: at(a.day),
        run: async () => {
          const p = await participant()
          const actor = speaker ?? casey
          // Its report-management state first: a vendor that answers has looked at the report.
          for (const event of a.status === 'not_affected'
            ? (['invalidate'] as const)
            : a.status === 'under_investigation'
              ? (['validate'] as const)
              : (['validate', 'accept'] as const)) {
            await transitionParticipant(db, actor, opened.caseId, p.id, event, at(a.day))
          }
          const statement = await postStatement(
            db,
            actor,
            opened.caseId,
            opened.vulnerabilityId,
            {
              participantId: p.id,
              status: a.status,
              justification: a.justification ?? null,
              fixedVersions: a.fixedVersions ?? [],
              remediation: a.remediation ?? null,
              shareable: a.shareable ?? false,
            },
            at(a.day),
          )
          if (a.approved)
            steps.push({
              at: at(a.day + 1),
              run: async () => void (await approveStatement(db, casey, opened.caseId, statement.id, at(a.day + 1))),
            })
        },
      })
    }
    if (v.fixReady !== undefined) {
      const fixAt = at(v.fixReady + 0.01)
      steps.push({
        at: fixAt,
        run: async () =>
          recordVendorFact(db, speaker ?? casey, opened.caseId, (await participant()).id, 'fixReady', fixAt, fixAt),
      })
    }
  }

  // The follow-up job ran every day of the story, as it does on a live instance: the silent were
  // reminded after a week and escalated after two.
  for (let day = 1; day <= lastDay; day++)
    steps.push({
      at: at(day + 0.5),
      run: async () => void (await followUpSilentVendors(db, at(day + 0.5), defaultFollowUpPolicy)),
    })

  steps.push(...(await more(at)))

  // In the order it happened: a step may add a later one (an approval after its statement).
  const byTime = (a: Step, b: Step) => a.at.getTime() - b.at.getTime()
  for (steps.sort(byTime); steps.length; steps.sort(byTime)) await steps.shift()!.run()

  await db.deleteFrom('mail_outbox').where('case_id', '=', opened.caseId).execute()
  // So are the notifications it wrote, and the finder's mail about the report joining the case.
  const reports = db.selectFrom('reports').select('id').where('case_id', '=', opened.caseId)
  await db.deleteFrom('notifications').where('case_id', '=', opened.caseId).execute()
  await db.deleteFrom('notifications').where('report_id', 'in', reports).execute()
  await db.deleteFrom('mail_outbox').where('recipient_report_id', 'in', reports).execute()
}
