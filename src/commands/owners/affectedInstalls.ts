// Which installed components (inventory rows, with their asset and owner) a set of affected
// products reaches: Lockstep's own advisory at release, or the OSV advisories just imported. A
// package has few distinct versions however many installs, so each distinct version of each
// package is fetched once and decided once by the domain (componentAffected), and then only the
// installs of the affected versions are fetched: two queries whatever the number of products.
import { sql } from 'kysely'
import { componentAffected, purlParts, type AffectedRef } from '../../domain/matching/componentMatch.js'
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

export interface AffectedInstall {
  /** The index of the product in the list given. */
  product: number
  install: Install
  certain: boolean
  reason: string
}

const packageKey = (type: string, name: string) => `${type}\u0000${name.toLowerCase()}`
const versionKey = (product: number, ns: string | null, version: string | null) => `${product}\u0000${ns ?? ''}\u0000${version ?? '\u0001'}`

export async function affectedInstalls(db: Db, products: readonly AffectedRef[], o: { criticalOnly?: boolean } = {}): Promise<AffectedInstall[]> {
  const byPackage = new Map<string, { type: string; name: string; products: number[] }>()
  products.forEach((a, i) => {
    const parts = a.purl ? purlParts(a.purl) : null
    if (!parts) return
    const key = packageKey(parts.type, parts.name)
    const entry = byPackage.get(key) ?? { type: parts.type, name: parts.name.toLowerCase(), products: [] }
    entry.products.push(i)
    byPackage.set(key, entry)
  })
  if (byPackage.size === 0) return []
  const packages = [...byPackage.values()]
  const { rows: versions } = await sql<{ purl_type: string; purl_name: string; purl_namespace: string | null; version: string | null }>`
    SELECT DISTINCT c.purl_type, c.purl_name, c.purl_namespace, c.version
    FROM unnest(${packages.map((p) => p.type)}::text[], ${packages.map((p) => p.name)}::text[]) AS p(purl_type, purl_name)
    JOIN asset_components c ON c.purl_type = p.purl_type AND c.purl_name = p.purl_name`.execute(db)

  const verdicts = new Map<string, { certain: boolean; reason: string }>()
  const wanted = new Map<string, { type: string; name: string; version: string | null }>()
  for (const v of versions) {
    for (const product of byPackage.get(packageKey(v.purl_type, v.purl_name))?.products ?? []) {
      const verdict = componentAffected({ purlType: v.purl_type, purlNamespace: v.purl_namespace, purlName: v.purl_name, version: v.version }, products[product]!)
      if (!verdict.affected) continue
      verdicts.set(versionKey(product, v.purl_namespace, v.version), { certain: verdict.certain, reason: verdict.reason })
      wanted.set(`${packageKey(v.purl_type, v.purl_name)}\u0000${v.version ?? '\u0001'}`, { type: v.purl_type, name: v.purl_name, version: v.version })
    }
  }
  if (wanted.size === 0) return []
  // Each package's installs by the index, kept when their version is an affected one: a hashed
  // semi-join, since a nested loop per (package, version) would read a package's installs once per
  // affected version.
  const affectedPackages = [...new Map([...wanted.values()].map((w) => [packageKey(w.type, w.name), w])).values()]
  const versioned = [...wanted.values()].filter((w) => w.version !== null)
  const unversioned = [...wanted.values()].filter((w) => w.version === null)
  const { rows } = await sql<{ organization_id: string; organization: string; critical: boolean; asset_id: string; asset: string; purl: string | null; purl_type: string; purl_name: string; purl_namespace: string | null; version: string | null }>`
    SELECT o.id AS organization_id, o.name AS organization, o.critical_infrastructure AS critical, s.id AS asset_id, s.name AS asset,
           c.purl, c.purl_type, c.purl_name, c.purl_namespace, c.version
    FROM unnest(${affectedPackages.map((t) => t.type)}::text[], ${affectedPackages.map((t) => t.name)}::text[]) AS p(purl_type, purl_name)
    JOIN asset_components c ON c.purl_type = p.purl_type AND c.purl_name = p.purl_name
    JOIN assets s ON s.id = c.asset_id
    JOIN organizations o ON o.id = s.organization_id
    WHERE ((c.purl_type, c.purl_name, c.version) IN (SELECT * FROM unnest(${versioned.map((t) => t.type)}::text[], ${versioned.map((t) => t.name)}::text[], ${versioned.map((t) => t.version)}::text[]))
        OR (c.version IS NULL AND (c.purl_type, c.purl_name) IN (SELECT * FROM unnest(${unversioned.map((t) => t.type)}::text[], ${unversioned.map((t) => t.name)}::text[]))))
      ${o.criticalOnly ? sql`AND o.critical_infrastructure` : sql``}`.execute(db)

  const found: AffectedInstall[] = []
  for (const r of rows) {
    const install: Install = { organizationId: r.organization_id, organization: r.organization, critical: r.critical, assetId: r.asset_id, asset: r.asset, purl: r.purl, version: r.version }
    for (const product of byPackage.get(packageKey(r.purl_type, r.purl_name))!.products) {
      const verdict = verdicts.get(versionKey(product, r.purl_namespace, r.version))
      if (verdict) found.push({ product, install, certain: verdict.certain, reason: verdict.reason })
    }
  }
  // In the order of the products given, as callers list them per vulnerability.
  return found.sort((a, b) => a.product - b.product)
}
