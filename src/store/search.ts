// Search across what a person may see: cases and reports through their visibility scopes (the
// same SQL as their lists), vendors through the organization scope, published advisories for all.
// Each kind answers its best matches by rank and how many match in all, counted inside the scope,
// so nothing outside it shows, not even as a number. The vectors are the expressions the GIN
// indexes of migration 23 were built on. The rank is that of the title alone: a match in what the
// person reads first counts most, and a title is cheap to read again for every match, where a
// summary or a report's description (up to 100,000 characters) is not.
import { sql, type RawBuilder } from 'kysely'
import type { CaseScope, OrganizationScope, ReportScope } from '../domain/policy/index.js'
import type { SearchTerms } from '../domain/search.js'
import { caseVisibleTo, scopeIsEmpty } from './cases.js'
import type { Db } from './db.js'
import { searchVectors } from './migrations/0023_search.js'

export interface SearchScopes {
  cases: CaseScope
  reports: ReportScope
  vendors: OrganizationScope
}

export interface Found<T> {
  items: T[]
  total: number
}

const vector = (kind: keyof typeof searchVectors) => sql.raw(searchVectors[kind])

/** The typed words as a tsquery: each a word's prefix, all required; or the web-search syntax. */
function tsquery(terms: SearchTerms): RawBuilder<unknown> {
  return terms.mode === 'web'
    ? sql`websearch_to_tsquery('simple', ${terms.text})`
    : sql`(SELECT to_tsquery('simple', string_agg(quote_literal(lexeme) || ':*', ' & ')) FROM unnest(to_tsvector('simple', ${terms.text})))`
}

const total = sql<string>`count(*) OVER ()`.as('total')
const found = <T extends { total: string }>(rows: T[]): Found<Omit<T, 'total'>> => ({
  items: rows.map(({ total: _, ...rest }) => rest),
  total: Number(rows[0]?.total ?? 0),
})
const none = { items: [], total: 0 }

export async function searchCases(db: Db, terms: SearchTerms, scope: CaseScope, limit: number) {
  if (scopeIsEmpty(scope)) return none
  const q = tsquery(terms)
  const rows = await db
    .selectFrom('cases')
    .select(['id', 'case_number', 'title', sql<number>`ts_rank(to_tsvector('simple', title), ${q})`.as('rank'), total])
    .where(sql<boolean>`${vector('cases')} @@ ${q}`)
    .where(caseVisibleTo(scope))
    .orderBy('rank', 'desc')
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute()
  return found(rows)
}

export async function searchReports(db: Db, terms: SearchTerms, scope: ReportScope, limit: number) {
  if (scope !== 'all' && scope.reporterUserId === null) return none
  const q = tsquery(terms)
  let query = db
    .selectFrom('reports')
    .select(['id', 'tracking_id', 'title', sql<number>`ts_rank(to_tsvector('simple', title), ${q})`.as('rank'), total])
    .where(sql<boolean>`${vector('reports')} @@ ${q}`)
  if (scope !== 'all') query = query.where('reporter_user_id', '=', scope.reporterUserId)
  const rows = await query.orderBy('rank', 'desc').orderBy('created_at', 'desc').limit(limit).execute()
  return found(rows)
}

/** Vendors by name, or by one of their products (pkg:generic/sendmail is found by "sendmail"). */
export async function searchVendors(db: Db, terms: SearchTerms, scope: OrganizationScope, limit: number) {
  if (scope !== 'all' && scope.organizationIds.length === 0) return none
  const q = tsquery(terms)
  let query = db
    .selectFrom('organizations')
    .select(['id', 'name', sql<number>`ts_rank(${vector('organizations')}, ${q})`.as('rank'), total])
    .where('kind', '=', 'vendor')
    .where((eb) =>
      eb.or([
        sql<boolean>`${vector('organizations')} @@ ${q}`,
        eb.exists(
          eb
            .selectFrom('vendor_products')
            .select('vendor_products.id')
            .whereRef('vendor_products.organization_id', '=', 'organizations.id')
            .where(sql<boolean>`to_tsvector('simple', translate(vendor_products.pattern, ':/@*', '    ')) @@ ${q}`),
        ),
      ]),
    )
  if (scope !== 'all') query = query.where('id', 'in', scope.organizationIds)
  const rows = await query
    .orderBy('rank', 'desc')
    .orderBy(sql`lower(name)`)
    .limit(limit)
    .execute()
  return found(rows)
}

/** Published advisories: public, so everyone's search finds them. */
export async function searchAdvisories(db: Db, terms: SearchTerms, limit: number) {
  const q = tsquery(terms)
  const rows = await db
    .selectFrom('advisories')
    .select([
      'public_id',
      sql<string>`coalesce(snapshot ->> 'title', public_id)`.as('title'),
      sql<number>`ts_rank(to_tsvector('simple', coalesce(snapshot ->> 'title', '')), ${q})`.as('rank'),
      total,
    ])
    .where('state', '=', 'published')
    .where(sql<boolean>`${vector('advisories')} @@ ${q}`)
    .orderBy('rank', 'desc')
    .orderBy('released_at', 'desc')
    .limit(limit)
    .execute()
  return found(rows)
}
