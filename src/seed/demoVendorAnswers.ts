// The vendors of the demo case and how they answered, after the public record of the 2003 sendmail
// case (demoRecord.ts): five told on 13 January, a few more over February, about thirty on the
// 26th, five days before publication; 23 vulnerable (the Sendmail Consortium fixed in 8.12.8), 6
// not, 24 that never said. The five told only after publication are told after the demo's release
// (demoAfterRelease.ts).
//
// Everything goes through the commands with a backdated clock (the record's instants squeezed onto
// the weeks before the first start, storyClock), in the order it happened, so the ledger, the
// vendor table and its charts read as the real case. The mail those steps wrote is dropped: it
// belongs to the story's past, not to this instance; what the instance does from its first start
// is mailed as usual.
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
import { FIRST_NOTICE, PUBLICATION, vendorRecords, type VendorRecord } from './demoRecord.js'

interface Answer {
  status: VexStatus
  justification?: VexJustification
  fixedVersions?: string[]
  remediation?: string
  /** When it was given; approved by the coordinator a day later (in the record's time) when `approved`. */
  at: string
  approved?: boolean
  shareable?: boolean
}

interface VendorStory {
  slug: string
  notified: string
  /** First look at the case (the portal or the link in the mail); absent: never looked. */
  seen?: string
  answer?: Answer
  /** A word in the vendor's private thread, by its demo member when it has one. */
  message?: { at: string; body: string }
  fixReady?: string
  /** The demo user who speaks for the vendor; otherwise the coordinator records what it said by mail. */
  member?: string
}

const fixedInConsortium =
  'Upgrade to sendmail 8.12.8, or apply the patch for 8.9, 8.10, 8.11 or 8.12 from the Sendmail Consortium.'
const vendorPackages = 'Updated sendmail packages are built and tested; they will be published at the release.'

/** What each named vendor said, beyond its status (the demo's words; the status is the record's). */
const said: Record<string, Partial<Answer>> = {
  'sendmail-consortium': { status: 'fixed', fixedVersions: ['8.12.8'], remediation: fixedInConsortium, approved: true },
  'sendmail-inc': {
    remediation: 'Sendmail Switch 2.1 to 3.0 are affected; patches follow the Consortium’s.',
    approved: true,
  },
  sun: { remediation: 'Solaris 2.6 to 9 are affected; T-patches are available on request.', approved: true },
  ibm: { remediation: 'AIX 4.3.3, 5.1 and 5.2 are affected; APARs IY40500, IY40501 and IY40502 are open.' },
  sgi: { remediation: 'IRIX 6.5.x ships sendmail 8.11; patches are in test (advisory 20030301-01-P).' },
  'red-hat': { remediation: 'Errata RHSA-2003:073 and RHSA-2003:074 are in QA.' },
  apple: { remediation: 'Mac OS X 10.2.4 is affected; Security Update 2003-03-03 is ready.' },
  hitachi: {
    justification: 'component_not_present',
    remediation: 'Hitachi’s products do not include sendmail.',
    approved: true,
  },
  juniper: { justification: 'component_not_present', remediation: 'JUNOS does not include sendmail.' },
  lotus: { justification: 'component_not_present', remediation: 'Lotus products do not use sendmail.' },
  openwall: {
    justification: 'component_not_present',
    remediation: 'Openwall GNU/*/Linux ships Postfix, not sendmail.',
  },
  syntegra: { justification: 'component_not_present', remediation: 'Syntegra’s products do not include sendmail.' },
  postfix: {
    justification: 'vulnerable_code_not_present',
    remediation: 'Postfix is a different mail server: it has no crackaddr().',
  },
  freebsd: { shareable: true },
  debian: { shareable: true },
  netbsd: { shareable: true },
}

const MEMBERS: Record<string, string> = {
  'sendmail-consortium': 'consortium@lockstep.demo',
  'red-hat': 'redhat@lockstep.demo',
  sgi: 'sgi@lockstep.demo',
}

/** Halfway between two instants of the record: when a vendor that answered had first looked. */
const between = (a: string, b: string) => new Date((Date.parse(a) + Date.parse(b)) / 2).toISOString()

/** A record's answer, in the words a statement takes. */
export function answerOf(r: VendorRecord, at: string): Answer | undefined {
  if (r.status === 'unknown') return undefined
  const words = said[r.slug] ?? {}
  return r.status === 'vulnerable'
    ? { status: 'affected', remediation: r.named ? vendorPackages : 'Affected; updates will follow.', at, ...words }
    : { status: 'not_affected', justification: 'component_not_present', at, ...words }
}

/** The record as the demo tells it before publication: who was told when, who looked, who said what. */
export const demoVendorStories: readonly VendorStory[] = vendorRecords
  .filter((r) => r.notified !== 'after')
  .map((r) => {
    const answer = r.answered ? answerOf(r, r.answered) : undefined
    const seen = r.answered ? between(r.notified, r.answered) : r.seen
    return {
      slug: r.slug,
      notified: r.notified,
      ...(seen ? { seen } : {}),
      ...(answer ? { answer } : {}),
      ...(MEMBERS[r.slug] ? { member: MEMBERS[r.slug] } : {}),
      ...(r.slug === 'sendmail-consortium'
        ? {
            message: {
              at: '2003-01-14T16:00:00Z',
              body: 'Confirmed in crackaddr(); we are preparing 8.12.8 and patches for 8.9 to 8.12.',
            },
            fixReady: r.answered,
          }
        : {}),
      ...(r.slug === 'red-hat'
        ? {
            message: {
              at: '2003-02-28T15:00:00Z',
              body: 'Red Hat Linux 7.x, 8.0 and Enterprise Linux 2.1 ship affected sendmail; errata are in QA.',
            },
          }
        : {}),
    }
  })

const CASE_WIDE_NOTE =
  'The Sendmail Consortium confirms the flaw and is preparing 8.12.8. Please keep the details within your security teams: ' +
  'we will propose a release date once every vendor has answered.'

export type Step = { at: Date; run: () => Promise<void> }

/** An instant of the record, in the demo's time. */
export type StoryClock = (real: string | Date) => Date

/**
 * The record's clock squeezed onto the demo's: the first notice at `start`, publication at `now`
 * (the release itself is minutes later), every instant between in proportion. So the demo's
 * history lies wholly in the past and keeps the record's shape: most vendors told in its last tenth.
 */
export function storyClock(start: Date, now: Date): StoryClock {
  const scale = (now.getTime() - start.getTime()) / (PUBLICATION.getTime() - FIRST_NOTICE.getTime())
  return (real) => new Date(start.getTime() + (new Date(real).getTime() - FIRST_NOTICE.getTime()) * scale)
}

const DAY = 86_400_000

export async function seedDemoVendorAnswers(
  db: Db,
  casey: UserActor,
  opened: { caseId: string; caseNumber: string; vulnerabilityId: string },
  at: StoryClock,
  /** More of the story (the embargo), run in time order with the answers. */
  more: Step[] = [],
): Promise<void> {
  const caseWideAt = at('2003-01-14T15:00:00Z')
  const steps: Step[] = [
    {
      at: caseWideAt,
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
          caseWideAt,
        )
      },
    },
  ]

  // Those told at one instant are told in one action, as the coordinator did (26 February above all).
  const orgIds = new Map<string, string>()
  for (const v of demoVendorStories) {
    const org = await findOrganizationBySlug(db, v.slug)
    if (org) orgIds.set(v.slug, org.id)
  }
  const byInstant = new Map<string, string[]>()
  for (const v of demoVendorStories)
    if (orgIds.has(v.slug)) byInstant.set(v.notified, [...(byInstant.get(v.notified) ?? []), orgIds.get(v.slug)!])
  for (const [instant, ids] of byInstant)
    steps.push({
      at: at(instant),
      run: async () => void (await notifyVendors(db, casey, opened.caseId, ids, at(instant))),
    })

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
        at: at(m.at),
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
            at(m.at),
          )
        },
      })
    }
    if (v.answer) {
      const a = v.answer
      const approvedAt = at(new Date(Date.parse(a.at) + DAY / 2))
      steps.push({
        at: at(a.at),
        run: async () => {
          const statementId = await giveAnswer(db, speaker ?? casey, opened, (await participant()).id, a, at(a.at))
          if (a.approved)
            steps.push({
              at: approvedAt,
              run: async () => void (await approveStatement(db, casey, opened.caseId, statementId, approvedAt)),
            })
        },
      })
    }
    if (v.fixReady !== undefined) {
      const fixAt = new Date(at(v.fixReady).getTime() + 1000)
      steps.push({
        at: fixAt,
        run: async () =>
          recordVendorFact(db, speaker ?? casey, opened.caseId, (await participant()).id, 'fixReady', fixAt, fixAt),
      })
    }
  }

  // The follow-up job ran every day of the story, as it does on a live instance: the silent were
  // reminded after a week and escalated after two (a week of the demo's squeezed time).
  for (let t = FIRST_NOTICE.getTime() + DAY; t < PUBLICATION.getTime(); t += DAY) {
    const runAt = at(new Date(t + DAY / 4))
    steps.push({ at: runAt, run: async () => void (await followUpSilentVendors(db, runAt, defaultFollowUpPolicy)) })
  }

  steps.push(...more)

  // In the order it happened: a step may add a later one (an approval after its statement).
  const byTime = (a: Step, b: Step) => a.at.getTime() - b.at.getTime()
  for (steps.sort(byTime); steps.length; steps.sort(byTime)) await steps.shift()!.run()

  await forgetStoryMail(db, opened.caseId)
}

/** A vendor's answer: its report-management moves (a vendor that answers has looked), then its statement. */
export async function giveAnswer(
  db: Db,
  actor: UserActor,
  opened: { caseId: string; vulnerabilityId: string },
  participantId: string,
  a: Answer,
  at: Date,
): Promise<string> {
  for (const event of a.status === 'not_affected'
    ? (['invalidate'] as const)
    : a.status === 'under_investigation'
      ? (['validate'] as const)
      : (['validate', 'accept'] as const)) {
    await transitionParticipant(db, actor, opened.caseId, participantId, event, at)
  }
  const statement = await postStatement(
    db,
    actor,
    opened.caseId,
    opened.vulnerabilityId,
    {
      participantId,
      status: a.status,
      justification: a.justification ?? null,
      fixedVersions: a.fixedVersions ?? [],
      remediation: a.remediation ?? null,
      shareable: a.shareable ?? false,
    },
    at,
  )
  return statement.id
}

/** The ids of a case's mail and notifications at one moment: what a later forgetting keeps. */
export interface MailAlreadyThere {
  outbox: string[]
  notifications: string[]
}

/** What is in the outbox and the notifications about a case (and its reports) now. */
export async function mailAlreadyThere(db: Db, caseId: string): Promise<MailAlreadyThere> {
  const reports = db.selectFrom('reports').select('id').where('case_id', '=', caseId)
  const [outbox, notifications] = await Promise.all([
    db
      .selectFrom('mail_outbox')
      .select('id')
      .where((eb) => eb.or([eb('case_id', '=', caseId), eb('recipient_report_id', 'in', reports)]))
      .execute(),
    db
      .selectFrom('notifications')
      .select('id')
      .where((eb) => eb.or([eb('case_id', '=', caseId), eb('report_id', 'in', reports)]))
      .execute(),
  ])
  return { outbox: outbox.map((r) => r.id), notifications: notifications.map((r) => r.id) }
}

/**
 * The mail the story's steps wrote belongs to its past, not to this instance: dropped, with the
 * notifications it wrote and the finder's mail about the report joining the case. What `keep`
 * names was there before the step (the instance's own mail since its start: the release
 * checklist, the owners' alerts) and stays, so Admin → Mail still shows what the ledger says was mailed.
 */
export async function forgetStoryMail(
  db: Db,
  caseId: string,
  keep: MailAlreadyThere = { outbox: [], notifications: [] },
): Promise<void> {
  const reports = db.selectFrom('reports').select('id').where('case_id', '=', caseId)
  const outbox = db
    .deleteFrom('mail_outbox')
    .where((eb) => eb.or([eb('case_id', '=', caseId), eb('recipient_report_id', 'in', reports)]))
  await (keep.outbox.length ? outbox.where('id', 'not in', keep.outbox) : outbox).execute()
  const notifications = db
    .deleteFrom('notifications')
    .where((eb) => eb.or([eb('case_id', '=', caseId), eb('report_id', 'in', reports)]))
  await (keep.notifications.length ? notifications.where('id', 'not in', keep.notifications) : notifications).execute()
}
