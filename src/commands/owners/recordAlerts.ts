// Writing what was found: one alert per owner and advisory (Lockstep's own or an imported one),
// an item per affected component of each asset. Matching runs again and again (before release
// for critical owners, at release, on every inventory change, after every import), so this is an
// upsert: an item already known keeps its status, and only what is new is reported back for mail.
// A release may reach thousands of owners: the alerts are written in one statement and the items
// in batches, not a round trip per owner.
import { sql } from 'kysely'
import { groupBy } from '../../domain/grouping.js'
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

const ITEM_BATCH = 1000
const itemKey = (assetId: string, component: string, vulnerability: string) =>
  `${assetId}\u0000${component}\u0000${vulnerability}`

export async function recordAlerts(
  trx: Db,
  target: AlertTarget,
  matches: readonly AffectedAsset[],
  stage: AlertStage,
  now: Date,
): Promise<RecordedAlert[]> {
  const organizations = [...new Set(matches.map((m) => m.organizationId))]
  if (organizations.length === 0) return []
  const advisoryId = target.kind === 'lockstep' ? target.advisoryId : null
  const externalId = target.kind === 'osv' ? target.externalAdvisoryId : null
  const stamp = stage === 'alert' ? sql`alerted_at` : sql`pre_noticed_at`
  // Each owner's alert, created or stamped; `was_alerted` is whether it had been alerted before.
  const { rows: alerts } = await sql<{ id: string; organization_id: string; was_alerted: boolean }>`
    WITH wanted AS (SELECT unnest(${organizations}::uuid[]) AS organization_id),
    existing AS (
      SELECT a.id, a.organization_id, a.alerted_at IS NOT NULL AS was_alerted FROM owner_alerts a JOIN wanted w USING (organization_id)
      WHERE ${advisoryId ? sql`a.advisory_id = ${advisoryId}` : sql`a.external_advisory_id = ${externalId}`}
    ),
    stamped AS (
      UPDATE owner_alerts a SET ${stamp} = ${now} FROM existing e WHERE a.id = e.id AND a.${stamp} IS NULL RETURNING a.id
    ),
    created AS (
      INSERT INTO owner_alerts (organization_id, advisory_id, external_advisory_id, ${stamp}, created_at)
      SELECT w.organization_id, ${advisoryId}::uuid, ${externalId}::text, ${now}, ${now} FROM wanted w
      WHERE w.organization_id NOT IN (SELECT organization_id FROM existing)
      RETURNING id, organization_id, false AS was_alerted
    )
    SELECT id, organization_id, was_alerted FROM existing UNION ALL SELECT id, organization_id, was_alerted FROM created`.execute(
    trx,
  )
  const alertOf = new Map(alerts.map((a) => [a.organization_id, a]))

  const isNew = new Set<string>()
  for (let i = 0; i < matches.length; i += ITEM_BATCH) {
    const batch = matches.slice(i, i + ITEM_BATCH)
    const inserted = await trx
      .insertInto('owner_alert_items')
      .values(
        batch.map((m) => ({
          alert_id: alertOf.get(m.organizationId)!.id,
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
    for (const r of inserted) isNew.add(itemKey(r.asset_id, r.component, r.vulnerability))
  }

  const newByOrganization = groupBy(
    matches.filter((m) => isNew.has(itemKey(m.assetId, componentLabel(m), m.vulnerability))),
    (m) => m.organizationId,
  )
  return organizations.map((organizationId) => {
    const alert = alertOf.get(organizationId)!
    return {
      organizationId,
      alertId: alert.id,
      newItems: newByOrganization.get(organizationId) ?? [],
      firstAlert: stage === 'alert' && !alert.was_alerted,
    }
  })
}
