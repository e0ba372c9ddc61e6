// Finding every vendor that ships the flawed code: the case's affected products (purl, or product
// names from reports that gave only words) against the directory's product patterns. Candidates
// come from an indexed lookup on the product name; the domain decides what really matches.
import { sql } from 'kysely'
import { parseProductPattern, proposeVendors, type ProductPattern } from '../../domain/productPatterns.js'
import type { Actor } from '../../domain/actor.js'
import { loadCaseFor } from '../cases/caseAccess.js'
import type { Db } from '../../store/db.js'
import type { AffectedProduct } from '../../store/schema.js'

export interface VendorProposal {
  organizationId: string
  name: string
  matched: { affected: string; pattern: string }[]
  contacts: number
  hasKey: boolean
}

function nameOfPurl(purl: string | null): string | null {
  const m = purl ? /^pkg:[^/]+\/(?:.*\/)?([^@?#/]+)/i.exec(purl) : null
  return m ? decodeURIComponent(m[1]!).toLowerCase() : null
}

/** Vendors whose products match the case's affected products and who do not take part yet. */
export async function proposeVendorsForCase(db: Db, actor: Actor, caseIdOrNumber: string): Promise<VendorProposal[]> {
  const caseId = (await loadCaseFor(db, actor, caseIdOrNumber, 'update')).row.id
  const vulnerabilities = await db
    .selectFrom('vulnerabilities')
    .select(['affected'])
    .where('case_id', '=', caseId)
    .execute()
  const affected: AffectedProduct[] = vulnerabilities.flatMap((v) => v.affected)
  const names = [
    ...new Set(
      affected.flatMap((a) => [nameOfPurl(a.purl), a.product?.toLowerCase() ?? null]).filter((n): n is string => !!n),
    ),
  ]
  if (names.length === 0) return []
  const { rows } = await sql<{
    organization_id: string
    name: string
    patterns: string[]
    contacts: string
    keys: string
  }>`
    SELECT o.id AS organization_id, o.name, array_agg(DISTINCT vp_all.pattern) AS patterns,
           (SELECT count(*) FROM organization_contacts c WHERE c.organization_id = o.id) AS contacts,
           (SELECT count(*) FROM pgp_keys k WHERE k.organization_id = o.id) AS keys
    FROM vendor_products vp
    JOIN organizations o ON o.id = vp.organization_id
    JOIN vendor_products vp_all ON vp_all.organization_id = o.id
    WHERE (vp.purl_name = ANY(${names}::text[]) OR vp.cpe_product = ANY(${names}::text[]) OR vp.cpe_product = '*')
      AND NOT EXISTS (SELECT 1 FROM participants p WHERE p.case_id = ${caseId} AND p.organization_id = o.id AND p.removed_at IS NULL)
    GROUP BY o.id, o.name`.execute(db)
  const vendors = rows.map((r) => ({
    id: r.organization_id,
    patterns: r.patterns.map((p) => parseProductPattern(p)).flatMap((p) => (p.ok ? [p.pattern as ProductPattern] : [])),
  }))
  const proposals = proposeVendors(
    affected.map((a) => ({ purl: a.purl, vendor: a.vendor, product: a.product })),
    vendors,
  )
  const byId = new Map(rows.map((r) => [r.organization_id, r]))
  return proposals
    .map((p) => {
      const r = byId.get(p.vendorId)!
      return {
        organizationId: p.vendorId,
        name: r.name,
        matched: p.matched.map((m) => ({
          affected: affected[m.affectedIndex]?.purl ?? affected[m.affectedIndex]?.product ?? '',
          pattern: m.pattern,
        })),
        contacts: Number(r.contacts),
        hasKey: Number(r.keys) > 0,
      }
    })
    .sort((a, b) => a.name.localeCompare(b.name))
}
