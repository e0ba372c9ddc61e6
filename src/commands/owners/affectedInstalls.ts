// Which installed components (inventory rows, with their asset and owner) a set of affected
// products reaches: Lockstep's own advisory at release, or the OSV advisories just imported. A
// package has few distinct versions however many installs, so each distinct version of each
// package is fetched once and decided once by the domain (componentAffected), and then only the
// installs of the affected versions are fetched: two queries whatever the number of products,
// both answered from one index (components carry their asset's name and owner).
import { sql } from 'kysely'
import {
  componentAffected,
  matchingName,
  packageKey,
  purlParts,
  sameNamespace,
  type AffectedRef,
} from '../../domain/matching/componentMatch.js'
import type { Db } from '../../store/db.js'

export interface Install {
  organizationId: string
  organization: string
  critical: boolean
  assetId: string
  asset: string
  purl: string | null
  version: string | null
}

/** Whose installs: everyone's, critical owners' (a pre-notice), or one owner's too (a late one). */
export interface MatchScope {
  criticalOnly?: boolean
  organizationId?: string
}

export interface AffectedInstall {
  /** The index of the product in the list given. */
  product: number
  install: Install
  certain: boolean
  reason: string
}

export async function affectedInstalls(
  db: Db,
  products: readonly AffectedRef[],
  o: MatchScope = {},
): Promise<AffectedInstall[]> {
  const byPackage = new Map<string, { type: string; name: string; products: number[] }>()
  const productParts = products.map((a) => (a.purl ? purlParts(a.purl) : null))
  productParts.forEach((parts, i) => {
    if (!parts) return
    const key = packageKey(parts.type, parts.name)
    const entry = byPackage.get(key) ?? { type: parts.type, name: matchingName(parts.type, parts.name), products: [] }
    entry.products.push(i)
    byPackage.set(key, entry)
  })
  if (byPackage.size === 0) return []
  const packages = [...byPackage.values()]
  // Each package's distinct versions by a loose index scan: one index probe per version ("the
  // next version after this one") rather than reading every install of a popular package. The
  // namespace is not in the index's key, so it is checked per install below; a version's verdict
  // does not depend on it.
  const { rows: versions } = await sql<{ purl_type: string; purl_name: string; version: string | null }>`
    WITH RECURSIVE p AS (
      SELECT * FROM unnest(${packages.map((p) => p.type)}::text[], ${packages.map((p) => p.name)}::text[]) AS p(purl_type, purl_name)
    ), v AS (
      SELECT p.purl_type, p.purl_name, (SELECT min(c.version) FROM asset_components c WHERE c.purl_type = p.purl_type AND c.purl_name = p.purl_name) AS version FROM p
      UNION ALL
      SELECT v.purl_type, v.purl_name, (SELECT min(c.version) FROM asset_components c WHERE c.purl_type = v.purl_type AND c.purl_name = v.purl_name AND c.version > v.version)
      FROM v WHERE v.version IS NOT NULL
    )
    SELECT purl_type, purl_name, version FROM v WHERE version IS NOT NULL
    UNION ALL
    SELECT p.purl_type, p.purl_name, NULL FROM p
    WHERE EXISTS (SELECT 1 FROM asset_components c WHERE c.purl_type = p.purl_type AND c.purl_name = p.purl_name AND c.version IS NULL)`.execute(
    db,
  )

  // Per product, the verdict per affected version (null: installs without a version).
  const verdicts = new Map<number, Map<string | null, { certain: boolean; reason: string }>>()
  const wanted = new Map<string, { type: string; name: string; version: string | null }>()
  for (const v of versions) {
    for (const product of byPackage.get(packageKey(v.purl_type, v.purl_name))?.products ?? []) {
      const verdict = componentAffected(
        {
          purlType: v.purl_type,
          purlNamespace: productParts[product]!.namespace,
          purlName: v.purl_name,
          version: v.version,
        },
        products[product]!,
      )
      if (!verdict.affected) continue
      const ofProduct = verdicts.get(product) ?? new Map<string | null, { certain: boolean; reason: string }>()
      ofProduct.set(v.version, { certain: verdict.certain, reason: verdict.reason })
      verdicts.set(product, ofProduct)
      wanted.set(`${packageKey(v.purl_type, v.purl_name)}\u0000${v.version ?? '\u0001'}`, {
        type: v.purl_type,
        name: v.purl_name,
        version: v.version,
      })
    }
  }
  if (wanted.size === 0) return []
  // Each package's installs by the index, kept when their version is an affected one: a hashed
  // semi-join, since a nested loop per (package, version) would read a package's installs once per
  // affected version.
  const affectedPackages = [...new Map([...wanted.values()].map((w) => [packageKey(w.type, w.name), w])).values()]
  const versioned = [...wanted.values()].filter((w) => w.version !== null)
  const unversioned = [...wanted.values()].filter((w) => w.version === null)
  // Only what differs per install travels: the package as its position in the list, the owner as
  // its id (owners are read once below).
  const { rows } = await sql<{
    package: number
    organization_id: string
    asset_id: string
    asset: string
    purl: string | null
    purl_namespace: string | null
    version: string | null
  }>`
    SELECT p.ord::int AS package, c.organization_id, c.asset_id, c.asset_name AS asset, c.purl, c.purl_namespace, c.version
    FROM unnest(${affectedPackages.map((t) => t.type)}::text[], ${affectedPackages.map((t) => t.name)}::text[]) WITH ORDINALITY AS p(purl_type, purl_name, ord)
    JOIN asset_components c ON c.purl_type = p.purl_type AND c.purl_name = p.purl_name
    WHERE ((c.purl_type, c.purl_name, c.version) IN (SELECT * FROM unnest(${versioned.map((t) => t.type)}::text[], ${versioned.map((t) => t.name)}::text[], ${versioned.map((t) => t.version)}::text[]))
        OR (c.version IS NULL AND (c.purl_type, c.purl_name) IN (SELECT * FROM unnest(${unversioned.map((t) => t.type)}::text[], ${unversioned.map((t) => t.name)}::text[]))))
      ${o.criticalOnly ? sql`AND c.organization_id IN (SELECT id FROM organizations WHERE critical_infrastructure)` : sql``}
      ${o.organizationId ? sql`AND c.organization_id = ${o.organizationId}` : sql``}`.execute(db)
  if (rows.length === 0) return []
  const owners = new Map(
    // One array parameter, not one per owner: a release may reach thousands.
    (
      await db
        .selectFrom('organizations')
        .select(['id', 'name', 'critical_infrastructure'])
        .where('id', '=', sql<string>`ANY(${[...new Set(rows.map((r) => r.organization_id))]}::uuid[])`)
        .execute()
    ).map((x) => [x.id, x]),
  )

  // Looked up once per package, not per install: the loop below runs once per affected install.
  const productsOf = affectedPackages.map((p) => byPackage.get(packageKey(p.type, p.name))!.products)
  const found: AffectedInstall[] = []
  for (const r of rows) {
    const owner = owners.get(r.organization_id)!
    const install: Install = {
      organizationId: r.organization_id,
      organization: owner.name,
      critical: owner.critical_infrastructure,
      assetId: r.asset_id,
      asset: r.asset,
      purl: r.purl,
      version: r.version,
    }
    for (const product of productsOf[r.package - 1]!) {
      const verdict = verdicts.get(product)?.get(r.version)
      if (verdict && sameNamespace(productParts[product]!, r.purl_namespace))
        found.push({ product, install, certain: verdict.certain, reason: verdict.reason })
    }
  }
  // In the order of the products given, as callers list them per vulnerability.
  return found.sort((a, b) => a.product - b.product)
}
