// The owners around a release. Before it, critical-infrastructure owners whose inventories match
// the advisory as drafted get a TLP:AMBER pre-notice, once per case, a configurable lead time
// before the embargo ends (an information release, so it is in the case's ledger). Once the
// release has committed, every matching owner gets its alert: exactly once, never early.
import type { AdvisorySnapshot } from '../../domain/advisory/snapshot.js'
import { groupBy } from '../../domain/grouping.js'
import { advisoryLinks } from '../../domain/advisory/links.js'
import { systemLedgerActor } from '../../domain/ledger.js'
import type { Config } from '../../config.js'
import type { Db } from '../../store/db.js'
import { inTransaction } from '../../store/db.js'
import { appendLedger } from '../../store/ledger.js'
import { lockEmbargoCase } from '../embargo/embargoParties.js'
import { ensureAdvisory } from '../release/drafts.js'
import { buildSnapshot } from '../release/snapshot.js'
import { affectedAssets } from './matching.js'
import { mailAlerts, mailPreNotice, snapshotSeverity } from './ownerMail.js'
import { highestSeverity } from '../../domain/cvss.js'
import { recordAlerts } from './recordAlerts.js'

/**
 * Alerts every owner a released advisory affects, once: right after the release commits (the
 * public documents do not wait for thousands of owners to be matched), and from the scheduler's
 * sweep for any release whose owners were not alerted yet (the server stopped in between).
 */
export async function alertOwnersOfRelease(
  db: Db,
  advisoryId: string,
  now: Date,
): Promise<{ alerted: boolean; owners: number; items: number }> {
  return inTransaction(db, async (trx) => {
    const advisory = await trx
      .selectFrom('advisories')
      .select(['id', 'case_id', 'state', 'snapshot', 'owners_alerted_at'])
      .where('id', '=', advisoryId)
      .forUpdate()
      .executeTakeFirst()
    if (!advisory || advisory.state !== 'published' || !advisory.snapshot || advisory.owners_alerted_at)
      return { alerted: false, owners: 0, items: 0 }
    const snapshot = advisory.snapshot as AdvisorySnapshot
    const matches = await affectedAssets(trx, snapshot)
    const recorded = await recordAlerts(trx, { kind: 'lockstep', advisoryId }, matches, 'alert', now)
    const url = advisoryLinks(snapshot).page
    const grouped = groupBy(matches, (m) => m.organizationId)
    for (const r of recorded) {
      if (r.firstAlert || r.newItems.length)
        await mailAlerts(trx, r.organizationId, [
          {
            id: snapshot.id,
            title: snapshot.title,
            url,
            severity: snapshotSeverity(snapshot),
            items: grouped.get(r.organizationId) ?? [],
          },
        ])
    }
    await trx.updateTable('advisories').set({ owners_alerted_at: now }).where('id', '=', advisoryId).execute()
    await appendLedger(
      trx,
      advisory.case_id,
      { ...systemLedgerActor, displayName: 'Lockstep (owner alerts)' },
      'owners.alerted',
      { advisory: snapshot.id, owners: recorded.length, components: matches.length },
      now,
    )
    return { alerted: true, owners: recorded.length, items: matches.length }
  })
}

/** Released advisories whose owners have not been alerted yet. */
export async function advisoriesAwaitingOwnerAlerts(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('advisories')
    .select('id')
    .where('state', '=', 'published')
    .where('owners_alerted_at', 'is', null)
    .execute()
  return rows.map((r) => r.id)
}

const leadMs = (release: Pick<Config['release'], 'ownerPreNoticeHours'>) => release.ownerPreNoticeHours * 3_600_000
/**
 * Closer to the release than this, a pre-notice is not sent: the alert follows within seconds,
 * and the pre-notice's transaction must never hold the case while the release wants it.
 */
const TOO_CLOSE_MS = 60_000

/** Cases under embargo whose release is still far enough ahead for owners to be told before it. */
function casesReleasingLater(db: Db, now: Date) {
  return db
    .selectFrom('cases')
    .select('id')
    .where('em_state', 'in', ['active', 'revise'])
    .where('embargo_ends_at', '>', new Date(now.getTime() + TOO_CLOSE_MS))
}

/** The same, for one case read under its lock. */
function releasesLater(
  c: { em_state: string; embargo_ends_at: Date | null },
  now: Date,
): c is { em_state: string; embargo_ends_at: Date } {
  return (
    (c.em_state === 'active' || c.em_state === 'revise') &&
    c.embargo_ends_at !== null &&
    c.embargo_ends_at.getTime() > now.getTime() + TOO_CLOSE_MS
  )
}

/** Cases under embargo whose critical owners are due their pre-notice (inside the lead time, not yet told). */
export async function duePreNotices(
  db: Db,
  now: Date,
  release: Pick<Config['release'], 'ownerPreNoticeHours'>,
): Promise<string[]> {
  const rows = await casesReleasingLater(db, now)
    .where('owners_pre_noticed_at', 'is', null)
    .where('embargo_ends_at', '<=', new Date(now.getTime() + leadMs(release)))
    .execute()
  return rows.map((r) => r.id)
}

export type PreNoticeResult = { sent: true; owners: number; items: number } | { sent: false; why: string }

export async function preNoticeCriticalOwners(
  db: Db,
  caseId: string,
  now: Date,
  config: Pick<Config, 'publicUrl' | 'release'>,
): Promise<PreNoticeResult> {
  return inTransaction(db, async (trx) => {
    const c = await lockEmbargoCase(trx, caseId)
    const marked = await trx
      .selectFrom('cases')
      .select('owners_pre_noticed_at')
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow()
    if (marked.owners_pre_noticed_at) return { sent: false, why: 'already pre-noticed' }
    if ((c.em_state !== 'active' && c.em_state !== 'revise') || !c.embargo_ends_at)
      return { sent: false, why: 'no embargo in force' }
    if (c.embargo_ends_at.getTime() <= now.getTime() + TOO_CLOSE_MS) return { sent: false, why: 'the release is due' }
    // Most instances have no critical owner with an inventory: nothing to match, nobody to tell.
    const anyCritical = await trx
      .selectFrom('assets as s')
      .innerJoin('organizations as o', 'o.id', 's.organization_id')
      .select('s.id')
      .where('o.critical_infrastructure', '=', true)
      .where('s.component_count', '>', 0)
      .limit(1)
      .executeTakeFirst()
    if (!anyCritical) {
      await trx
        .updateTable('cases')
        .set({ owners_pre_noticed_at: now, owners_pre_noticed_for: c.embargo_ends_at })
        .where('id', '=', caseId)
        .execute()
      return { sent: true, owners: 0, items: 0 }
    }
    const sent = await sendPreNotices(trx, { id: caseId, embargoEndsAt: c.embargo_ends_at }, now, config)
    await trx
      .updateTable('cases')
      .set({ owners_pre_noticed_at: now, owners_pre_noticed_for: c.embargo_ends_at })
      .where('id', '=', caseId)
      .execute()
    return { sent: true, ...sent }
  })
}

const preNoticeActor = { ...systemLedgerActor, displayName: 'Lockstep (owner pre-notice)' }

/**
 * Matches the advisory as drafted now against critical owners' inventories (or one owner's),
 * records what is new, mails each owner with new components and writes one ledger entry.
 */
async function sendPreNotices(
  trx: Db,
  c: { id: string; embargoEndsAt: Date },
  now: Date,
  config: Pick<Config, 'publicUrl' | 'release'>,
  organizationId?: string,
): Promise<{ owners: number; items: number }> {
  const advisory = await ensureAdvisory(trx, c.id, preNoticeActor.displayName, now)
  const snapshot = await buildSnapshot(trx, {
    caseId: c.id,
    publicId: advisory.public_id,
    draft: advisory.draft,
    release: config.release,
    publicUrl: config.publicUrl,
    initialReleaseDate: c.embargoEndsAt,
    currentReleaseDate: c.embargoEndsAt,
    revisions: [],
  })
  const matches = await affectedAssets(trx, snapshot, { criticalOnly: true, organizationId })
  const recorded = await recordAlerts(trx, { kind: 'lockstep', advisoryId: advisory.id }, matches, 'pre_notice', now)
  // Told again only of what it was not told before (a catch-up after a new upload).
  const told = organizationId ? recorded.filter((r) => r.newItems.length > 0) : recorded
  const grouped = groupBy(matches, (m) => m.organizationId)
  const severity = snapshotSeverity(snapshot)
  for (const r of told)
    await mailPreNotice(trx, r.organizationId, r.alertId, {
      releaseAt: c.embargoEndsAt,
      severity,
      items: grouped.get(r.organizationId) ?? [],
    })
  if (organizationId && told.length === 0) return { owners: 0, items: 0 }
  const components = told.flatMap((r) => (organizationId ? r.newItems : (grouped.get(r.organizationId) ?? [])))
  await appendLedger(
    trx,
    c.id,
    preNoticeActor,
    'owners.pre_noticed',
    {
      tlp: 'AMBER',
      owners: told.length,
      components: components.length,
      organizations: [...new Set(components.map((m) => m.organization))].sort(),
      releaseAt: c.embargoEndsAt.toISOString(),
      ...(organizationId ? { late: true } : {}),
    },
    now,
  )
  return { owners: told.length, items: components.length }
}

/** Critical owners whose inventory or flag changed since the sweep last looked. */
export async function ownersDuePreNotice(db: Db): Promise<{ id: string; dueAt: Date }[]> {
  const rows = await db
    .selectFrom('organizations')
    .select(['id', 'pre_notice_due_at'])
    .where('pre_notice_due_at', 'is not', null)
    .execute()
  return rows.map((r) => ({ id: r.id, dueAt: r.pre_notice_due_at! }))
}

/**
 * Catches one critical owner up with the cases already pre-noticed and not yet released: an
 * owner flagged, or whose affected inventory arrived, inside the lead time is pre-noticed too.
 */
export async function preNoticeLateOwner(
  db: Db,
  owner: { id: string; dueAt: Date },
  now: Date,
  config: Pick<Config, 'publicUrl' | 'release'>,
): Promise<{ cases: number; items: number }> {
  const org = await db
    .selectFrom('organizations')
    .select('critical_infrastructure')
    .where('id', '=', owner.id)
    .executeTakeFirst()
  const open = org?.critical_infrastructure
    ? await casesReleasingLater(db, now).where('owners_pre_noticed_at', 'is not', null).execute()
    : []
  let cases = 0
  let items = 0
  for (const { id } of open) {
    const sent = await inTransaction(db, async (trx) => {
      const c = await lockEmbargoCase(trx, id)
      return releasesLater(c, now)
        ? sendPreNotices(trx, { id, embargoEndsAt: c.embargo_ends_at }, now, config, owner.id)
        : { owners: 0, items: 0 }
    })
    cases += sent.owners > 0 ? 1 : 0
    items += sent.items
  }
  // Cleared only if nothing changed meanwhile: a newer upload is caught up by the next sweep.
  await db
    .updateTable('organizations')
    .set({ pre_notice_due_at: null })
    .where('id', '=', owner.id)
    .where('pre_notice_due_at', '=', owner.dueAt)
    .execute()
  return { cases, items }
}

/** Pre-noticed cases whose release instant the parties have moved since (still ahead). */
export async function movedPreNotices(db: Db, now: Date): Promise<string[]> {
  const rows = await casesReleasingLater(db, now)
    .where('owners_pre_noticed_at', 'is not', null)
    .where((eb) => eb('embargo_ends_at', 'is distinct from', eb.ref('owners_pre_noticed_for')))
    .execute()
  return rows.map((r) => r.id)
}

/** Tells the pre-noticed owners the new release instant (the same components, the same TLP:AMBER). */
export async function tellPreNoticedOfMove(db: Db, caseId: string, now: Date): Promise<{ told: number }> {
  return inTransaction(db, async (trx) => {
    const c = await lockEmbargoCase(trx, caseId)
    const marked = await trx
      .selectFrom('cases')
      .select(['owners_pre_noticed_at', 'owners_pre_noticed_for'])
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow()
    if (
      !marked.owners_pre_noticed_at ||
      !c.embargo_ends_at ||
      c.embargo_ends_at.getTime() === marked.owners_pre_noticed_for?.getTime()
    )
      return { told: 0 }
    const alerts = await trx
      .selectFrom('owner_alerts as a')
      .innerJoin('advisories as adv', 'adv.id', 'a.advisory_id')
      .select(['a.id', 'a.organization_id'])
      .where('adv.case_id', '=', caseId)
      .where('a.pre_noticed_at', 'is not', null)
      .where('a.alerted_at', 'is', null)
      .execute()
    const scored = await trx
      .selectFrom('vulnerabilities')
      .select((eb) => eb.fn.max('cvss_score').as('score'))
      .where('case_id', '=', caseId)
      .executeTakeFirst()
    const severity = scored?.score == null ? null : highestSeverity([Number(scored.score)])
    for (const a of alerts) {
      const items = await trx
        .selectFrom('owner_alert_items as i')
        .innerJoin('assets as s', 's.id', 'i.asset_id')
        .select(['s.name as asset', 'i.component', 'i.fixed_versions'])
        .where('i.alert_id', '=', a.id)
        .execute()
      await mailPreNotice(trx, a.organization_id, a.id, {
        releaseAt: c.embargo_ends_at,
        severity,
        items: items.map((i) => ({ asset: i.asset, component: i.component, fixedVersions: i.fixed_versions })),
        movedFrom: marked.owners_pre_noticed_for,
      })
    }
    await trx.updateTable('cases').set({ owners_pre_noticed_for: c.embargo_ends_at }).where('id', '=', caseId).execute()
    await appendLedger(
      trx,
      caseId,
      { ...systemLedgerActor, displayName: 'Lockstep (owner pre-notice)' },
      'owners.pre_notice_moved',
      {
        tlp: 'AMBER',
        owners: alerts.length,
        releaseAt: c.embargo_ends_at.toISOString(),
        was: marked.owners_pre_noticed_for?.toISOString() ?? null,
      },
      now,
    )
    return { told: alerts.length }
  })
}
