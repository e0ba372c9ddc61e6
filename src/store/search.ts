// Search across what a person may see: cases and reports through their visibility scopes (the
// same SQL as their lists), vendors through the organization scope, published advisories for all.
// Each kind answers its best matches by rank and how many match, counted inside the scope, so
// nothing outside it shows, not even as a number. The vectors are the stored columns of migration
// 35 (a title weighs most, a summary or description less), each with its GIN index. The count
// stops past SEARCH_COUNT_CAP: reading every match of a word found in 10,000 cases only to say so
// costs more than the page, and "more than 1,000" tells the person what they need, to narrow it.
//
// The four kinds go to the database as one statement (`searchAll`): each is a few milliseconds
// inside PostgreSQL, and four round trips cost the server more than that (a socket write, a pool
// connection, a compiled query each), which under load is what a searcher waits for.
import { sql, type RawBuilder, type SelectQueryBuilder } from 'kysely'
import type { CaseScope, OrganizationScope, ReportScope } from '../domain/policy/index.js'
import { SEARCH_COUNT_CAP, type SearchTerms } from '../domain/search.js'
import { caseVisibleTo, scopeIsEmpty } from './cases.js'
import type { Db } from './db.js'
import { productVector } from './migrations/0035_search_columns.js'
import type { Database } from './schema.js'
export interface SearchScopes {
  cases: CaseScope
  reports: ReportScope
  vendors: OrganizationScope
}

export interface Found<T> {
  items: T[]
  /** How many match, at most SEARCH_COUNT_CAP. */
  total: number
  /** More than `total` match (the count stopped there). */
  more: boolean
}

/**
 * The typed words as a tsquery: each a word's prefix, all required; or the web-search syntax.
 * Both as a subquery, computed once per statement: the server prepares its statements, and in
 * the generic plan PostgreSQL settles on after five runs a bare websearch_to_tsquery($1) is a
 * function of a parameter, parsed again for every row it is checked against and ranked with.
 */
function tsquery(terms: SearchTerms): RawBuilder<unknown> {
  return terms.mode === 'web'
    ? sql`(SELECT websearch_to_tsquery('simple', ${terms.text}))`
    : sql`(SELECT to_tsquery('simple', string_agg(quote_literal(lexeme) || ':*', ' & ')) FROM unnest(to_tsvector('simple', ${terms.text})))`
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any table of the search
type Matching = SelectQueryBuilder<Database, any, object>

/** How many rows the query matches, up to one past the cap, as the column `total` (one subquery, run once). */
const countedUpTo = (matching: Matching) =>
  sql<string>`(SELECT count(*) FROM (${matching.select(sql`1`.as('one')).limit(SEARCH_COUNT_CAP + 1)}) AS counted)`.as(
    'total',
  )
const rank = (table: string, q: RawBuilder<unknown>) =>
  sql<number>`ts_rank(${sql.ref(`${table}.search_vector`)}, ${q})`.as('rank')
const matches = (table: string, q: RawBuilder<unknown>) => sql<boolean>`${sql.ref(`${table}.search_vector`)} @@ ${q}`

const found = <T extends { total: string | number }>(rows: T[]): Found<Omit<T, 'total'>> => {
  const total = Number(rows[0]?.total ?? 0)
  return {
    items: rows.map(({ total: _, ...rest }) => rest),
    total: Math.min(total, SEARCH_COUNT_CAP),
    more: total > SEARCH_COUNT_CAP,
  }
}

// Each kind's query, or null when the scope lets its actor see none of that kind (nothing to run).

function casesQuery(db: Db, terms: SearchTerms, scope: CaseScope, limit: number) {
  if (scopeIsEmpty(scope)) return null
  const q = tsquery(terms)
  const matching = db.selectFrom('cases').where(matches('cases', q)).where(caseVisibleTo(scope))
  return matching
    .select(['id', 'case_number', 'title', rank('cases', q), countedUpTo(matching)])
    .orderBy('rank', 'desc')
    .orderBy('created_at', 'desc')
    .limit(limit)
}

function reportsQuery(db: Db, terms: SearchTerms, scope: ReportScope, limit: number) {
  if (scope !== 'all' && scope.reporterUserId === null) return null
  const q = tsquery(terms)
  let matching = db.selectFrom('reports').where(matches('reports', q))
  if (scope !== 'all') matching = matching.where('reporter_user_id', '=', scope.reporterUserId)
  return matching
    .select(['id', 'tracking_id', 'title', rank('reports', q), countedUpTo(matching)])
    .orderBy('rank', 'desc')
    .orderBy('created_at', 'desc')
    .limit(limit)
}

/** Vendors by name, or by one of their products (pkg:generic/sendmail is found by "sendmail"). */
function vendorsQuery(db: Db, terms: SearchTerms, scope: OrganizationScope, limit: number) {
  if (scope !== 'all' && scope.organizationIds.length === 0) return null
  const q = tsquery(terms)
  // Those found by name and those found by a product, each through its own index.
  let matching = db
    .selectFrom('organizations')
    .where('kind', '=', 'vendor')
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('organizations as named')
        .select('named.id')
        .where(matches('named', q))
        .union(
          eb
            .selectFrom('vendor_products')
            .select('vendor_products.organization_id as id')
            .where(sql<boolean>`${sql.raw(productVector('vendor_products'))} @@ ${q}`),
        ),
    )
  if (scope !== 'all') matching = matching.where('id', 'in', scope.organizationIds)
  return matching
    .select(['id', 'name', rank('organizations', q), countedUpTo(matching)])
    .orderBy('rank', 'desc')
    .orderBy(sql`lower(name)`)
    .limit(limit)
}

/** Published advisories: public, so everyone's search finds them. */
function advisoriesQuery(db: Db, terms: SearchTerms, limit: number) {
  const q = tsquery(terms)
  const matching = db.selectFrom('advisories').where('state', '=', 'published').where(matches('advisories', q))
  return matching
    .select([
      'public_id',
      sql<string>`coalesce(snapshot ->> 'title', public_id)`.as('title'),
      rank('advisories', q),
      countedUpTo(matching),
    ])
    .orderBy('rank', 'desc')
    .orderBy('released_at', 'desc')
    .limit(limit)
}

type Row<Q> = Q extends { execute(): Promise<(infer R)[]> } ? R : never
type CaseHit = Row<NonNullable<ReturnType<typeof casesQuery>>>
type ReportHit = Row<NonNullable<ReturnType<typeof reportsQuery>>>
type VendorHit = Row<NonNullable<ReturnType<typeof vendorsQuery>>>
type AdvisoryHit = Row<NonNullable<ReturnType<typeof advisoriesQuery>>>

/** One kind's rows as a JSON array, in the query's order (a sorted subquery feeds json_agg in its order). */
const asJson = (query: Matching | null) =>
  query ? sql`(SELECT coalesce(json_agg(hit), '[]'::json) FROM (${query}) AS hit)` : sql`'[]'::json`

/** Every kind at once, in one statement: its best `limit` matches and how many match, each inside its scope. */
export async function searchAll(db: Db, terms: SearchTerms, scopes: SearchScopes, limit: number) {
  const row = await db
    .selectNoFrom([
      asJson(casesQuery(db, terms, scopes.cases, limit)).as('cases'),
      asJson(reportsQuery(db, terms, scopes.reports, limit)).as('reports'),
      asJson(vendorsQuery(db, terms, scopes.vendors, limit)).as('vendors'),
      asJson(advisoriesQuery(db, terms, limit)).as('advisories'),
    ])
    .executeTakeFirstOrThrow()
  // json is parsed by the driver on both databases; a string would mean a driver that does not.
  const parsed = <T>(value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value) as T[]
  return {
    cases: found(parsed<CaseHit>(row.cases)),
    reports: found(parsed<ReportHit>(row.reports)),
    vendors: found(parsed<VendorHit>(row.vendors)),
    advisories: found(parsed<AdvisoryHit>(row.advisories)),
  }
}

const alone = async <T extends { total: string | number }>(query: { execute(): Promise<T[]> } | null) =>
  found(query ? await query.execute() : [])

/** One kind alone (the bench times each kind's SQL by itself; the route runs `searchAll`). */
export const searchKindAlone = {
  cases: (db: Db, terms: SearchTerms, scope: CaseScope, limit: number) => alone(casesQuery(db, terms, scope, limit)),
  reports: (db: Db, terms: SearchTerms, scope: ReportScope, limit: number) =>
    alone(reportsQuery(db, terms, scope, limit)),
  vendors: (db: Db, terms: SearchTerms, scope: OrganizationScope, limit: number) =>
    alone(vendorsQuery(db, terms, scope, limit)),
  advisories: (db: Db, terms: SearchTerms, limit: number) => alone(advisoriesQuery(db, terms, limit)),
}
