// The vendor directory: a vendor's website, notes and embargo policy, its products as purl
// patterns or CPE names (checked, normalised, stored in parts for matching), and search over
// names, products and contact addresses. Kept by the coordinators and by the vendor's admins.
import { sql } from 'kysely'
import type { Actor } from '../../domain/actor.js'
import { ConflictError, NotFoundError, ValidationError, type FieldProblem } from '../../domain/errors.js'
import { authorize } from '../../domain/policy/index.js'
import { parseProductPattern, type ProductPattern } from '../../domain/productPatterns.js'
import type { Db } from '../../store/db.js'
import { containsPattern, isUniqueViolation, isUuid, startsWithPattern } from '../../store/db.js'
import { loadOrganization } from '../organizations/organizations.js'
import { organizationColumns, qualified } from '../../store/columns.js'

export interface VendorProfile {
  website?: string | null | undefined
  notes?: string | undefined
  embargo?: { preferredDays: number | null; minDays: number | null; maxDays: number | null } | undefined
}

export async function updateVendorProfile(db: Db, actor: Actor, organizationId: string, p: VendorProfile) {
  const org = await loadOrganization(db, actor, organizationId, 'manage_contacts')
  if (p.embargo) {
    const { preferredDays: pref, minDays: min, maxDays: max } = p.embargo
    const problems: FieldProblem[] = []
    if (min !== null && pref !== null && min > pref)
      problems.push({ field: 'embargo.minDays', message: 'must not be more than the preferred days' })
    if (pref !== null && max !== null && pref > max)
      problems.push({ field: 'embargo.maxDays', message: 'must not be less than the preferred days' })
    if (min !== null && max !== null && min > max)
      problems.push({ field: 'embargo.maxDays', message: 'must not be less than the minimum days' })
    if (problems.length) throw new ValidationError(problems)
  }
  return db
    .updateTable('organizations')
    .set({
      ...(p.website !== undefined ? { website: p.website } : {}),
      ...(p.notes !== undefined ? { notes: p.notes } : {}),
      ...(p.embargo
        ? {
            embargo_preferred_days: p.embargo.preferredDays,
            embargo_min_days: p.embargo.minDays,
            embargo_max_days: p.embargo.maxDays,
          }
        : {}),
    })
    .where('id', '=', org.id)
    .returning(organizationColumns)
    .executeTakeFirstOrThrow()
}

export function productColumns(pattern: ProductPattern) {
  return pattern.kind === 'purl'
    ? {
        pattern: pattern.canonical,
        kind: 'purl' as const,
        purl_type: pattern.type,
        purl_namespace: pattern.namespace,
        purl_name: pattern.name.toLowerCase(),
        cpe_part: null,
        cpe_vendor: null,
        cpe_product: null,
      }
    : {
        pattern: pattern.canonical,
        kind: 'cpe' as const,
        purl_type: null,
        purl_namespace: null,
        purl_name: null,
        cpe_part: pattern.part,
        cpe_vendor: pattern.vendor,
        cpe_product: pattern.product,
      }
}

export async function addProduct(db: Db, actor: Actor, organizationId: string, text: string) {
  const org = await loadOrganization(db, actor, organizationId, 'manage_contacts')
  const parsed = parseProductPattern(text)
  if (!parsed.ok) throw new ValidationError({ field: 'pattern', message: parsed.reason })
  try {
    return await db
      .insertInto('vendor_products')
      .values({ organization_id: org.id, ...productColumns(parsed.pattern) })
      .returningAll()
      .executeTakeFirstOrThrow()
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(`${org.name} already lists ${parsed.pattern.canonical}.`)
    throw error
  }
}

export async function listProducts(db: Db, actor: Actor, organizationId: string) {
  const org = await loadOrganization(db, actor, organizationId, 'read')
  return db.selectFrom('vendor_products').selectAll().where('organization_id', '=', org.id).orderBy('pattern').execute()
}

export async function removeProduct(db: Db, actor: Actor, organizationId: string, productId: string): Promise<void> {
  const org = await loadOrganization(db, actor, organizationId, 'manage_contacts')
  const gone = isUuid(productId)
    ? await db
        .deleteFrom('vendor_products')
        .where('organization_id', '=', org.id)
        .where('id', '=', productId)
        .executeTakeFirst()
    : undefined
  if (!gone || Number(gone.numDeletedRows) === 0) throw new NotFoundError('product')
}

const nameFirst = (text: string) =>
  sql<number>`CASE WHEN lower(organizations.name) LIKE ${startsWithPattern(text)} THEN 0
        WHEN lower(organizations.name) LIKE ${containsPattern(' ' + text)} THEN 1
        WHEN lower(organizations.name) LIKE ${containsPattern(text)} THEN 2 ELSE 3 END`

/** The directory for staff: vendors whose name, product pattern or contact address contains `q`. */
export async function searchVendors(
  db: Db,
  actor: Actor,
  q: { query?: string | undefined; limit: number; offset: number },
) {
  authorize(actor, 'list_vendors', { type: 'instance' })
  let base = db.selectFrom('organizations').where('kind', '=', 'vendor')
  if (q.query?.trim()) {
    const like = containsPattern(q.query.trim().toLowerCase())
    base = base.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['organizations.name']), 'like', like),
        eb.exists(
          eb
            .selectFrom('vendor_products')
            .select('vendor_products.id')
            .whereRef('vendor_products.organization_id', '=', 'organizations.id')
            .where(sql<string>`lower(vendor_products.pattern)`, 'like', like),
        ),
        eb.exists(
          eb
            .selectFrom('organization_contacts')
            .select('organization_contacts.id')
            .whereRef('organization_contacts.organization_id', '=', 'organizations.id')
            .where('organization_contacts.email', 'like', like),
        ),
      ]),
    )
  }
  const [rows, total] = await Promise.all([
    base
      .select(qualified('organizations', organizationColumns))
      .select([
        sql<
          string[]
        >`coalesce((SELECT array_agg(p.pattern ORDER BY p.pattern) FROM vendor_products p WHERE p.organization_id = organizations.id), '{}')`.as(
          'products',
        ),
        sql<string>`(SELECT count(*) FROM organization_contacts c WHERE c.organization_id = organizations.id)`.as(
          'contact_count',
        ),
        sql<string>`(SELECT count(*) FROM pgp_keys k WHERE k.organization_id = organizations.id)`.as('key_count'),
      ])
      // Those named like the query first (the name's start, then a word in it), then those found
      // by a product or an address: "Sendmail" lists the Sendmail Consortium before the dozens of
      // distributions that package sendmail.
      .$if(!!q.query?.trim(), (qb) => qb.orderBy(nameFirst(q.query!.trim().toLowerCase())))
      .orderBy(({ fn }) => fn('lower', ['organizations.name']))
      .limit(q.limit)
      .offset(q.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(total.n) }
}
