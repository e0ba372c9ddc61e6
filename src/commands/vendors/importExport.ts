// The directory in and out of files: CSV or JSON (domain/vendorCsv.ts). An import keeps the good
// rows and reports the bad ones by line; a vendor that exists (same name, ignoring case) gains the
// new contacts and products and takes the given website, notes and embargo policy; the others are
// created. The whole import is one transaction.
import { sql } from 'kysely'
import type { Actor } from '../../domain/actor.js'
import { authorize } from '../../domain/policy/index.js'
import { parseProductPattern } from '../../domain/productPatterns.js'
import {
  parseVendorCsv,
  parseVendorJson,
  toVendorCsv,
  toVendorJson,
  type VendorRecord,
} from '../../domain/vendorCsv.js'
import { vendorDuplicates } from '../../domain/vendorDuplicates.js'
import type { Db } from '../../store/db.js'
import { inTransaction } from '../../store/db.js'
import { slugify } from '../../store/organizations.js'
import { productColumns } from './directory.js'

export interface ImportResult {
  created: string[]
  updated: string[]
  problems: { line: number | null; field: string; message: string }[]
}

export async function freeSlug(trx: Db, name: string): Promise<string> {
  const base = slugify(name).slice(0, 56)
  for (let i = 0; ; i++) {
    const slug = i === 0 ? base : `${base}-${i + 1}`
    if (!(await trx.selectFrom('organizations').select('id').where('slug', '=', slug).executeTakeFirst())) return slug
  }
}

export async function importVendors(
  db: Db,
  actor: Actor,
  format: 'csv' | 'json',
  content: string,
): Promise<ImportResult> {
  authorize(actor, 'create_organization', { type: 'instance' })
  const parsed = format === 'csv' ? parseVendorCsv(content) : parseVendorJson(content)
  const problems: ImportResult['problems'] =
    format === 'csv'
      ? (parsed.problems as { line: number; field: string; message: string }[])
      : parsed.problems.map((p) => ({ line: null, field: p.field, message: p.message }))
  return inTransaction(db, async (trx) => {
    const created: string[] = []
    const updated: string[] = []
    for (const r of parsed.rows as VendorRecord[]) {
      const existing = await trx
        .selectFrom('organizations')
        .select(['id', 'name'])
        .where(sql<string>`lower(name)`, '=', r.name.toLowerCase())
        .where('kind', '=', 'vendor')
        .executeTakeFirst()
      const fields = {
        website: r.website,
        notes: r.notes,
        embargo_preferred_days: r.embargoPreferredDays,
        embargo_min_days: r.embargoMinDays,
        embargo_max_days: r.embargoMaxDays,
      }
      const id = existing
        ? (
            await trx
              .updateTable('organizations')
              .set(fields)
              .where('id', '=', existing.id)
              .returning('id')
              .executeTakeFirstOrThrow()
          ).id
        : (
            await trx
              .insertInto('organizations')
              .values({ name: r.name, slug: await freeSlug(trx, r.name), kind: 'vendor', ...fields })
              .returning('id')
              .executeTakeFirstOrThrow()
          ).id
      ;(existing ? updated : created).push(r.name)
      for (const [i, email] of r.contacts.entries()) {
        await trx
          .insertInto('organization_contacts')
          .values({ organization_id: id, email, kind: i === 0 ? 'primary' : 'alternate' })
          .onConflict((oc) => oc.columns(['organization_id', 'email']).doNothing())
          .execute()
      }
      for (const text of r.products) {
        const p = parseProductPattern(text)
        if (!p.ok) continue // parseVendor* already reported it
        await trx
          .insertInto('vendor_products')
          .values({ organization_id: id, ...productColumns(p.pattern) })
          .onConflict((oc) => oc.columns(['organization_id', 'pattern']).doNothing())
          .execute()
      }
    }
    return { created, updated, problems }
  })
}

async function records(db: Db): Promise<(VendorRecord & { id: string })[]> {
  const { rows } = await sql<{
    id: string
    name: string
    website: string | null
    notes: string
    embargo_preferred_days: number | null
    embargo_min_days: number | null
    embargo_max_days: number | null
    contacts: string[]
    products: string[]
  }>`
    SELECT o.id, o.name, o.website, o.notes, o.embargo_preferred_days, o.embargo_min_days, o.embargo_max_days,
           coalesce((SELECT array_agg(c.email ORDER BY c.kind <> 'primary', c.email) FROM organization_contacts c WHERE c.organization_id = o.id), '{}') AS contacts,
           coalesce((SELECT array_agg(p.pattern ORDER BY p.pattern) FROM vendor_products p WHERE p.organization_id = o.id), '{}') AS products
    FROM organizations o WHERE o.kind = 'vendor' ORDER BY lower(o.name)`.execute(db)
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    website: r.website,
    notes: r.notes,
    embargoPreferredDays: r.embargo_preferred_days,
    embargoMinDays: r.embargo_min_days,
    embargoMaxDays: r.embargo_max_days,
    contacts: r.contacts,
    products: r.products,
  }))
}

export async function exportVendors(db: Db, actor: Actor, format: 'csv' | 'json'): Promise<string> {
  authorize(actor, 'list_vendors', { type: 'instance' })
  const all = await records(db)
  return format === 'csv' ? toVendorCsv(all) : toVendorJson(all)
}

export async function duplicateVendors(db: Db, actor: Actor) {
  authorize(actor, 'list_vendors', { type: 'instance' })
  const all = await records(db)
  const names = new Map(all.map((r) => [r.id, r.name]))
  return vendorDuplicates(all.map((r) => ({ id: r.id, name: r.name, website: r.website, contacts: r.contacts }))).map(
    (d) => ({ a: { id: d.a, name: names.get(d.a)! }, b: { id: d.b, name: names.get(d.b)! }, why: d.why }),
  )
}
