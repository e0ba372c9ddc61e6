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
  const { rows } = await sql<{
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
    )
    SELECT v.id, v.organization_id, v.name, v.state, v.rm_state, v.notified_at, v.seen_at, v.responded_at, v.statement_at,
           v.reminded_at, v.escalated_at, v.vendor_aware_at, v.fix_ready_at, v.fix_deployed_at,
           (SELECT array_agg(DISTINCT s.status) FROM vendor_statements s WHERE s.participant_id = v.id
              AND s.created_at = (SELECT max(s2.created_at) FROM vendor_statements s2 WHERE s2.participant_id = v.id AND s2.vulnerability_id = s.vulnerability_id)) AS statuses,
           count(*) OVER () AS total
    FROM v
    WHERE (${q.state ?? null}::text IS NULL OR v.state = ${q.state ?? null})
      AND (${like}::text IS NULL OR lower(v.name) LIKE ${like})
    ORDER BY lower(v.name), v.id
    LIMIT ${q.limit} OFFSET ${q.offset}`.execute(db)
  const { rows: counts } = await sql<{ state: VendorStateColumn; n: string }>`
    SELECT ${stateSql} AS state, count(*) AS n FROM participants p
    WHERE p.case_id = ${caseId} AND p.removed_at IS NULL AND 'vendor' = ANY(p.roles) GROUP BY 1`.execute(db)
  const byState = Object.fromEntries(vendorStates.map((s) => [s, 0])) as Record<VendorStateColumn, number>
  for (const c of counts) byState[c.state] = Number(c.n)
  return { rows, total: Number(rows[0]?.total ?? 0), counts: byState }
}
