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
      // A package has few distinct versions however many installs: decide each version once, then
      // fetch only the installs of the affected ones.
      const { rows: versions } = await sql<{ purl_namespace: string | null; version: string | null }>`
        SELECT DISTINCT c.purl_namespace, c.version FROM asset_components c
        WHERE c.purl_type = ${parts.type} AND c.purl_name = ${parts.name.toLowerCase()}`.execute(db)
      const verdicts = new Map<string, { certain: boolean; reason: string }>()
      const key = (ns: string | null, version: string | null) => `${ns ?? ''}\u0000${version ?? '\u0001'}`
      for (const x of versions) {
        const verdict = componentAffected({ purlType: parts.type, purlNamespace: x.purl_namespace, purlName: parts.name, version: x.version }, { purl: a.purl, range: a.range, fixedVersions: a.fixedVersions })
        if (verdict.affected) verdicts.set(key(x.purl_namespace, x.version), { certain: verdict.certain, reason: verdict.reason })
      }
      if (verdicts.size === 0) continue
      const affectedVersions = [...new Set(versions.filter((x) => verdicts.has(key(x.purl_namespace, x.version))).map((x) => x.version))]
      const withoutVersion = affectedVersions.includes(null)
      const named = affectedVersions.filter((x): x is string => x !== null)
      const { rows } = await sql<{ organization_id: string; organization: string; critical: boolean; asset_id: string; asset: string; purl: string | null; purl_namespace: string | null; version: string | null }>`
        SELECT o.id AS organization_id, o.name AS organization, o.critical_infrastructure AS critical, s.id AS asset_id, s.name AS asset,
               c.purl, c.purl_namespace, c.version
        FROM asset_components c
        JOIN assets s ON s.id = c.asset_id
        JOIN organizations o ON o.id = s.organization_id
        WHERE c.purl_type = ${parts.type} AND c.purl_name = ${parts.name.toLowerCase()}
          AND (c.version = ANY(${named}::text[]) ${withoutVersion ? sql`OR c.version IS NULL` : sql``})
          ${o.criticalOnly ? sql`AND o.critical_infrastructure` : sql``}`.execute(db)
      for (const r of rows) {
        const verdict = verdicts.get(key(r.purl_namespace, r.version))
        if (!verdict) continue
        found.push({ organizationId: r.organization_id, organization: r.organization, critical: r.critical, assetId: r.asset_id, asset: r.asset, purl: r.purl, version: r.version, vulnerability: v.key, certain: verdict.certain, reason: verdict.reason, fixedVersions: a.fixedVersions })
      }
    }
  }
  return found
}
