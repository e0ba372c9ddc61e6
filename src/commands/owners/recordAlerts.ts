// Writing what was found: one alert per owner and advisory (Lockstep's own or an imported one),
// an item per affected component of each asset. Matching runs again and again (before release
// for critical owners, at release, on every inventory change, after every import), so this is an
// upsert: an item already known keeps its status, and only what is new is reported back for mail.
import type { AffectedAsset } from './matching.js'
import type { Db } from '../../store/db.js'

export type AlertTarget = { kind: 'lockstep'; advisoryId: string } | { kind: 'osv'; externalAdvisoryId: string }

export type AlertStage = 'pre_notice' | 'alert'

/** What a match is called in an alert: the component's purl with its version, or its name. */
export function componentLabel(m: Pick<AffectedAsset, 'purl' | 'version'> & { name?: string | null }): string {
  return m.purl ?? `${m.name ?? 'component'}${m.version ? `@${m.version}` : ''}`
}

export interface RecordedAlert {
  organizationId: string
  alertId: string
  /** Items not known before this call. */
  newItems: AffectedAsset[]
  /** The owner had not been alerted of this advisory before (a pre-notice does not count). */
  firstAlert: boolean
}

function targetColumns(t: AlertTarget) {
  return t.kind === 'lockstep' ? { advisory_id: t.advisoryId, external_advisory_id: null } : { advisory_id: null, external_advisory_id: t.externalAdvisoryId }
}

export async function recordAlerts(trx: Db, target: AlertTarget, matches: readonly AffectedAsset[], stage: AlertStage, now: Date): Promise<RecordedAlert[]> {
  const byOrganization = new Map<string, AffectedAsset[]>()
  for (const m of matches) byOrganization.set(m.organizationId, [...(byOrganization.get(m.organizationId) ?? []), m])
  const recorded: RecordedAlert[] = []
  for (const [organizationId, found] of byOrganization) {
    const cols = targetColumns(target)
    let q = trx.selectFrom('owner_alerts').select(['id', 'alerted_at', 'pre_noticed_at']).where('organization_id', '=', organizationId)
    q = cols.advisory_id ? q.where('advisory_id', '=', cols.advisory_id) : q.where('external_advisory_id', '=', cols.external_advisory_id)
    const existing = await q.executeTakeFirst()
    const stamp = stage === 'alert' ? { alerted_at: now } : { pre_noticed_at: now }
    let alertId: string
    let firstAlert = false
    if (!existing) {
      alertId = (await trx.insertInto('owner_alerts').values({ organization_id: organizationId, ...cols, ...stamp, created_at: now }).returning('id').executeTakeFirstOrThrow()).id
      firstAlert = stage === 'alert'
    } else {
      alertId = existing.id
      const unstamped = stage === 'alert' ? existing.alerted_at === null : existing.pre_noticed_at === null
      if (unstamped) await trx.updateTable('owner_alerts').set(stamp).where('id', '=', alertId).execute()
      firstAlert = stage === 'alert' && existing.alerted_at === null
    }
    const inserted = await trx
      .insertInto('owner_alert_items')
      .values(
        found.map((m) => ({
          alert_id: alertId,
          asset_id: m.assetId,
          component: componentLabel(m),
          purl: m.purl,
          version: m.version,
          vulnerability: m.vulnerability,
          certain: m.certain,
          reason: m.reason,
          fixed_versions: m.fixedVersions,
          found_at: now,
        })),
      )
      .onConflict((oc) => oc.columns(['alert_id', 'asset_id', 'component', 'vulnerability']).doNothing())
      .returning(['asset_id', 'component', 'vulnerability'])
      .execute()
    const isNew = new Set(inserted.map((r) => `${r.asset_id}\u0000${r.component}\u0000${r.vulnerability}`))
    const newItems = found.filter((m) => isNew.has(`${m.assetId}\u0000${componentLabel(m)}\u0000${m.vulnerability}`))
    recorded.push({ organizationId, alertId, newItems, firstAlert })
  }
  return recorded
}
