// Which owners' assets an advisory affects: candidates come from an index lookup on the purl's
// type and name, the domain decides (same package, version inside the range in the range's own
// scheme, not one of the fixed versions). Used before release for critical owners, at release
// for all, and when an inventory changes.
import type { AdvisorySnapshot } from '../../domain/advisory/snapshot.js'
import type { Db } from '../../store/db.js'
import { affectedInstalls, type AffectedInstall, type Install, type MatchScope } from './affectedInstalls.js'

export interface AffectedAsset extends Install {
  vulnerability: string
  certain: boolean
  reason: string
  fixedVersions: string[]
}

/** Written out field by field: an object spread per install costs more than the query on a large result. */
export function affectedAsset(f: AffectedInstall, vulnerability: string, fixedVersions: string[]): AffectedAsset {
  const i = f.install
  return {
    organizationId: i.organizationId,
    organization: i.organization,
    critical: i.critical,
    assetId: i.assetId,
    asset: i.asset,
    purl: i.purl,
    version: i.version,
    vulnerability,
    certain: f.certain,
    reason: f.reason,
    fixedVersions,
  }
}

export async function affectedAssets(
  db: Db,
  snapshot: Pick<AdvisorySnapshot, 'vulnerabilities'>,
  o: MatchScope = {},
): Promise<AffectedAsset[]> {
  const products = snapshot.vulnerabilities.flatMap((v) =>
    v.affected.map((a) => ({ vulnerability: v.key, purl: a.purl, range: a.range, fixedVersions: a.fixedVersions })),
  )
  const found = await affectedInstalls(db, products, o)
  return found.map((f) => affectedAsset(f, products[f.product]!.vulnerability, products[f.product]!.fixedVersions))
}
