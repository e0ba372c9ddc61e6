// Which owners' assets an advisory affects: candidates come from an index lookup on the purl's
// type and name, the domain decides (same package, version inside the range in the range's own
// scheme, not one of the fixed versions). Used before release for critical owners, at release
// for all, and when an inventory changes.
import { sql } from 'kysely'
import type { AdvisorySnapshot } from '../../domain/advisory/snapshot.js'
import { componentAffected, purlParts } from '../../domain/matching/componentMatch.js'
import type { Db } from '../../store/db.js'

export interface AffectedAsset {
  organizationId: string
  organization: string
  critical: boolean
  assetId: string
  asset: string
  purl: string | null
  version: string | null
  vulnerability: string
  certain: boolean
  reason: string
  fixedVersions: string[]
}

export async function affectedAssets(db: Db, snapshot: Pick<AdvisorySnapshot, 'vulnerabilities'>, o: { criticalOnly?: boolean } = {}): Promise<AffectedAsset[]> {
  const found: AffectedAsset[] = []
  for (const v of snapshot.vulnerabilities) {
    for (const a of v.affected) {
      const parts = a.purl ? purlParts(a.purl) : null
      if (!parts) continue
      const { rows } = await sql<{ organization_id: string; organization: string; critical: boolean; asset_id: string; asset: string; purl: string | null; purl_type: string; purl_namespace: string | null; purl_name: string; version: string | null }>`
        SELECT o.id AS organization_id, o.name AS organization, o.critical_infrastructure AS critical, s.id AS asset_id, s.name AS asset,
               c.purl, c.purl_type, c.purl_namespace, c.purl_name, c.version
        FROM asset_components c
        JOIN assets s ON s.id = c.asset_id
        JOIN organizations o ON o.id = s.organization_id
        WHERE c.purl_type = ${parts.type} AND c.purl_name = ${parts.name.toLowerCase()}
          ${o.criticalOnly ? sql`AND o.critical_infrastructure` : sql``}`.execute(db)
      for (const r of rows) {
        const verdict = componentAffected({ purlType: r.purl_type, purlNamespace: r.purl_namespace, purlName: r.purl_name, version: r.version }, { purl: a.purl, range: a.range, fixedVersions: a.fixedVersions })
        if (!verdict.affected) continue
        found.push({ organizationId: r.organization_id, organization: r.organization, critical: r.critical, assetId: r.asset_id, asset: r.asset, purl: r.purl, version: r.version, vulnerability: v.key, certain: verdict.certain, reason: verdict.reason, fixedVersions: a.fixedVersions })
      }
    }
  }
  return found
}
