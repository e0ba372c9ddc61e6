// A case's vendors as a table for the coordinator: paged, filtered by tracking state and name,
// with the counts per state that show at a glance who is silent. The state is derived in SQL so
// that filtering and counting stay in the database; it mirrors domain/vendorTracking.ts
// (vendorState), and vendors.test.ts checks that the two agree.
import { sql } from 'kysely'
import type { Db } from './db.js'
import { containsPattern } from './db.js'

import { vendorStates, type VendorState as VendorStateColumn } from '../domain/vendorTracking.js'

export { vendorStates }

// The furthest step recorded wins (a vendor that added itself may answer without being notified).
const stateSql = sql<VendorStateColumn>`CASE
  WHEN p.statement_at IS NOT NULL THEN 'statement'
  WHEN p.responded_at IS NOT NULL THEN 'responded'
  WHEN p.seen_at IS NOT NULL THEN 'seen'
  WHEN p.notified_at IS NOT NULL THEN 'no_response'
  ELSE 'not_notified' END`

export interface VendorTableQuery {
  state?: VendorStateColumn | undefined
  query?: string | undefined
  limit: number
  offset: number
}

export async function vendorTable(db: Db, caseId: string, q: VendorTableQuery) {
  const like = q.query?.trim() ? containsPattern(q.query.trim().toLowerCase()) : null
  const [{ rows }, { rows: counts }] = await Promise.all([
    sql<{
      id: string
      organization_id: string | null
      name: string
      state: VendorStateColumn
      rm_state: string
      notified_at: Date | null
      seen_at: Date | null
      responded_at: Date | null
      statement_at: Date | null
      reminded_at: Date | null
      escalated_at: Date | null
      vendor_aware_at: Date | null
      fix_ready_at: Date | null
      fix_deployed_at: Date | null
      statuses: string[] | null
      total: string
    }>`
    WITH v AS (
      SELECT p.*, coalesce(o.name, u.name) AS name, ${stateSql} AS state
      FROM participants p
      LEFT JOIN organizations o ON o.id = p.organization_id
      LEFT JOIN users u ON u.id = p.user_id
      WHERE p.case_id = ${caseId} AND p.removed_at IS NULL AND 'vendor' = ANY(p.roles)
    ), matching AS (
      SELECT * FROM v
      WHERE (${q.state ?? null}::text IS NULL OR v.state = ${q.state ?? null})
        AND (${like}::text IS NULL OR lower(v.name) LIKE ${like})
    ), page AS (
      SELECT * FROM matching ORDER BY lower(name), id LIMIT ${q.limit} OFFSET ${q.offset}
    )
    -- The statements are looked up for the page only, not for every vendor of the case.
    SELECT page.id, page.organization_id, page.name, page.state, page.rm_state, page.notified_at, page.seen_at, page.responded_at, page.statement_at,
           page.reminded_at, page.escalated_at, page.vendor_aware_at, page.fix_ready_at, page.fix_deployed_at,
           latest.statuses, (SELECT count(*) FROM matching) AS total
    FROM page
    LEFT JOIN LATERAL (
      SELECT array_agg(DISTINCT s.status) AS statuses FROM (
        SELECT DISTINCT ON (vulnerability_id) status FROM vendor_statements
        WHERE participant_id = page.id ORDER BY vulnerability_id, created_at DESC) s
    ) latest ON true
    ORDER BY lower(page.name), page.id`.execute(db),
    sql<{ state: VendorStateColumn; n: string }>`
    SELECT ${stateSql} AS state, count(*) AS n FROM participants p
    WHERE p.case_id = ${caseId} AND p.removed_at IS NULL AND 'vendor' = ANY(p.roles) GROUP BY 1`.execute(db),
  ])
  const byState = Object.fromEntries(vendorStates.map((s) => [s, 0])) as Record<VendorStateColumn, number>
  for (const c of counts) byState[c.state] = Number(c.n)
  return { rows, total: Number(rows[0]?.total ?? 0), counts: byState }
}

/** When each vendor of the case was notified, saw it, responded and stated, for the charts. */
export async function vendorTimes(db: Db, caseId: string) {
  const rows = await db
    .selectFrom('participants')
    .select(['notified_at', 'seen_at', 'responded_at', 'statement_at'])
    .where('case_id', '=', caseId)
    .where('removed_at', 'is', null)
    .where(({ eb, fn }) => eb(eb.val('vendor'), '=', fn.any('roles')))
    .execute()
  return rows.map((r) => ({
    notifiedAt: r.notified_at,
    seenAt: r.seen_at,
    respondedAt: r.responded_at,
    statementAt: r.statement_at,
  }))
}
