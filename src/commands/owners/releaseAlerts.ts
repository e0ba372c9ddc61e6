// The owners around a release. Before it, critical-infrastructure owners whose inventories match
// the advisory as drafted get a TLP:AMBER pre-notice, once per case, a configurable lead time
// before the embargo ends (an information release, so it is in the case's ledger). At the
// release, in its transaction, every matching owner gets its alert: exactly once, never early.
import type { AdvisorySnapshot } from '../../domain/advisory/snapshot.js'
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
import { mailAlerts, mailPreNotice } from './ownerMail.js'
import { recordAlerts } from './recordAlerts.js'

/** Alerts every owner the released advisory affects (called in the release's transaction). */
export async function alertOwnersOfRelease(trx: Db, advisoryId: string, snapshot: AdvisorySnapshot, now: Date): Promise<{ owners: number; items: number }> {
  const matches = await affectedAssets(trx, snapshot)
  const recorded = await recordAlerts(trx, { kind: 'lockstep', advisoryId }, matches, 'alert', now)
  const url = advisoryLinks(snapshot).page
  for (const r of recorded) {
    const items = matches.filter((m) => m.organizationId === r.organizationId)
    if (r.firstAlert || r.newItems.length) await mailAlerts(trx, r.organizationId, [{ id: snapshot.id, title: snapshot.title, url, items }])
  }
  return { owners: recorded.length, items: matches.length }
}

const leadMs = (release: Pick<Config['release'], 'ownerPreNoticeHours'>) => release.ownerPreNoticeHours * 3_600_000

/** Cases under embargo whose critical owners are due their pre-notice (inside the lead time, not yet told). */
export async function duePreNotices(db: Db, now: Date, release: Pick<Config['release'], 'ownerPreNoticeHours'>): Promise<string[]> {
  const rows = await db
    .selectFrom('cases')
    .select('id')
    .where('em_state', 'in', ['active', 'revise'])
    .where('owners_pre_noticed_at', 'is', null)
    .where('embargo_ends_at', '>', now)
    .where('embargo_ends_at', '<=', new Date(now.getTime() + leadMs(release)))
    .execute()
  return rows.map((r) => r.id)
}

export type PreNoticeResult = { sent: true; owners: number; items: number } | { sent: false; why: string }

export async function preNoticeCriticalOwners(db: Db, caseId: string, now: Date, config: Pick<Config, 'publicUrl' | 'release'>): Promise<PreNoticeResult> {
  return inTransaction(db, async (trx) => {
    const c = await lockEmbargoCase(trx, caseId)
    const marked = await trx.selectFrom('cases').select('owners_pre_noticed_at').where('id', '=', caseId).executeTakeFirstOrThrow()
    if (marked.owners_pre_noticed_at) return { sent: false, why: 'already pre-noticed' }
    if ((c.em_state !== 'active' && c.em_state !== 'revise') || !c.embargo_ends_at) return { sent: false, why: 'no embargo in force' }
    if (c.embargo_ends_at.getTime() <= now.getTime()) return { sent: false, why: 'the release is due' }
    const who = { ...systemLedgerActor, displayName: 'Lockstep (owner pre-notice)' }
    const advisory = await ensureAdvisory(trx, caseId, who.displayName, now)
    const snapshot = await buildSnapshot(trx, {
      caseId,
      publicId: advisory.public_id,
      draft: advisory.draft,
      release: config.release,
      publicUrl: config.publicUrl,
      initialReleaseDate: c.embargo_ends_at,
      currentReleaseDate: c.embargo_ends_at,
      revisions: [],
    })
    const matches = await affectedAssets(trx, snapshot, { criticalOnly: true })
    const recorded = await recordAlerts(trx, { kind: 'lockstep', advisoryId: advisory.id }, matches, 'pre_notice', now)
    for (const r of recorded) await mailPreNotice(trx, r.organizationId, r.alertId, c.embargo_ends_at, matches.filter((m) => m.organizationId === r.organizationId))
    await trx.updateTable('cases').set({ owners_pre_noticed_at: now }).where('id', '=', caseId).execute()
    await appendLedger(trx, caseId, who, 'owners.pre_noticed', {
      tlp: 'AMBER',
      owners: recorded.length,
      components: matches.length,
      organizations: [...new Set(matches.map((m) => m.organization))].sort(),
      releaseAt: c.embargo_ends_at.toISOString(),
    }, now)
    return { sent: true, owners: recorded.length, items: matches.length }
  })
}
