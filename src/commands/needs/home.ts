// What needs the caller, for their Home: one list of items, each saying what is asked and linking
// where it is done, computed from what the policy lets them see and do. Coordinators: releases
// coming up, silent vendors, statements to approve, unread messages, reports to triage. Vendors:
// what each of their cases asks of them. Finders: their reports in plain words. Owners: open
// alerts and pre-notices. Everyone: the releases of the cases they take part in.
import type { Actor } from '../../domain/actor.js'
import { finderStatusWords } from '../../domain/finderStatus.js'
import { can, caseScope, partyOf } from '../../domain/policy/index.js'
import { caseResource } from '../../store/cases.js'
import type { Db } from '../../store/db.js'
import {
  coordinationCounts,
  openAlerts,
  reportsSentBy,
  untriagedReports,
  upcomingReleases,
  vendorAsks,
} from '../../store/needs.js'
import { countUnread } from '../../store/notifications.js'
import { notificationScope } from './notifications.js'

export type NeedKind = 'release' | 'silent' | 'statements' | 'unread' | 'triage' | 'answer' | 'report' | 'alert'

export interface Need {
  kind: NeedKind
  title: string
  /** A second line: what to do, or the state in plain words. */
  detail: string | null
  /** The instant a countdown runs to (a release). */
  at: Date | null
  link: string
  caseNumber: string | null
}

export interface CaseNeeds {
  caseNumber: string
  releaseAt: Date | null
  silentVendors: number
  statementsWaiting: number
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

export async function whatNeedsMe(
  db: Db,
  actor: Actor,
  now = new Date(),
): Promise<{ items: Need[]; cases: CaseNeeds[] }> {
  if (actor.kind !== 'user') return { items: [], cases: [] }
  const items: Need[] = []
  const scope = caseScope(actor)
  const party = partyOf(actor)
  const coordinates = can(actor, 'open_case', { type: 'instance' })

  const [releases, unread, counts, triage, asks, reports] = await Promise.all([
    upcomingReleases(db, scope, now),
    countUnread(db, notificationScope(actor)),
    coordinates ? coordinationCounts(db) : [],
    can(actor, 'list_reports', { type: 'instance' }) ? untriagedReports(db) : null,
    vendorAsks(db, party),
    reportsSentBy(db, actor.userId),
  ])

  for (const r of releases)
    items.push({
      kind: 'release',
      title: `${r.case_number} is released`,
      detail: r.title,
      at: r.embargo_ends_at,
      link: `/cases/${r.case_number}`,
      caseNumber: r.case_number,
    })

  // Per case, only where the policy lets the caller run the case (update it).
  const runs: Awaited<ReturnType<typeof coordinationCounts>> = []
  for (const c of counts)
    if (can(actor, 'update', await caseResource(db, c.id, actor))) {
      runs.push(c)
      if (c.silent)
        items.push({
          kind: 'silent',
          title: `${plural(c.silent, 'vendor has', 'vendors have')} not answered after a reminder`,
          detail: `${c.case_number}: ${c.title}`,
          at: null,
          link: `/cases/${c.case_number}`,
          caseNumber: c.case_number,
        })
      if (c.waiting)
        items.push({
          kind: 'statements',
          title: `${plural(c.waiting, 'statement waits', 'statements wait')} for your approval`,
          detail: `${c.case_number}: ${c.title}`,
          at: null,
          link: `/cases/${c.case_number}`,
          caseNumber: c.case_number,
        })
    }

  if (unread)
    items.push({
      kind: 'unread',
      title: `${plural(unread, 'notification', 'notifications')} not read yet`,
      detail: null,
      at: null,
      link: '/notifications',
      caseNumber: null,
    })

  if (triage?.count)
    items.push({
      kind: 'triage',
      title: `${plural(triage.count, 'report waits', 'reports wait')} for triage`,
      detail: `Oldest: ${triage.oldest[0]!.tracking_id}, ${triage.oldest[0]!.title}`,
      at: triage.oldest[0]!.created_at,
      link: '/triage',
      caseNumber: null,
    })

  for (const a of asks) {
    const asked = [
      ...(a.responded ? [] : ['say whether you are affected']),
      ...(a.stated ? [] : ['give your status for each vulnerability']),
      ...(a.proposals ? [`answer ${plural(a.proposals, 'embargo proposal', 'embargo proposals')}`] : []),
    ]
    if (asked.length)
      items.push({
        kind: 'answer',
        title: `${a.case_number} asks ${a.name ?? 'you'} to ${asked.join(', ')}`,
        detail: a.title,
        at: null,
        link: `/cases/${a.case_number}`,
        caseNumber: a.case_number,
      })
  }

  for (const r of reports) {
    const words = finderStatusWords[r.state]
    items.push({
      kind: 'report',
      title: `Your report ${r.tracking_id}: ${words.headline}`,
      detail: words.sentence,
      at: null,
      link: r.case_number ? `/cases/${r.case_number}` : '/',
      caseNumber: r.case_number,
    })
  }

  // The caller's own organizations' alerts (the staff's Home is not every owner's).
  const alertable = party.organizationIds.filter((id) => can(actor, 'manage_inventory', { type: 'organization', id }))
  for (const a of await openAlerts(db, alertable))
    items.push({
      kind: 'alert',
      title: a.pre_notice
        ? `Advance notice for ${a.organization}: ${a.advisory ?? 'a vulnerability'} will be published`
        : `${a.advisory ?? 'An advisory'} affects ${a.organization}`,
      detail: `${plural(a.open_items, 'component', 'components')} still to patch or mitigate`,
      at: null,
      link: `/organizations/${a.organization_id}/alerts/${a.id}`,
      caseNumber: null,
    })

  const releaseOf = new Map(releases.map((r) => [r.case_number, r.embargo_ends_at]))
  const cases: CaseNeeds[] = runs.map((c) => ({
    caseNumber: c.case_number,
    releaseAt: releaseOf.get(c.case_number) ?? null,
    silentVendors: c.silent,
    statementsWaiting: c.waiting,
  }))
  for (const [caseNumber, releaseAt] of releaseOf)
    if (!cases.some((c) => c.caseNumber === caseNumber))
      cases.push({ caseNumber, releaseAt, silentVendors: 0, statementsWaiting: 0 })
  return { items, cases }
}
