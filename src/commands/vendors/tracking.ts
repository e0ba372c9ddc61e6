// How far each vendor of a case has got: seen (its first look at the case in Lockstep) and
// responded (its first message, by the web or by mail, or its first statement). Set once, the
// first time; never by tracking pixels.
import { sql } from 'kysely'
import type { Actor } from '../../domain/actor.js'
import { responseTimes, vendorsByDay } from '../../domain/vendorCharts.js'
import type { Db } from '../../store/db.js'
import { vendorTable, vendorTimes, type VendorTableQuery } from '../../store/vendorTable.js'
import { loadCaseFor } from '../cases/caseAccess.js'

/** The coordinator's table of the case's vendors (who may update the case follows them up). */
export async function caseVendorTable(db: Db, actor: Actor, caseIdOrNumber: string, q: VendorTableQuery) {
  const { row } = await loadCaseFor(db, actor, caseIdOrNumber, 'update')
  return vendorTable(db, row.id, q)
}

/** The coordinator's charts: vendors by day (cumulative) and how long they took to respond. */
export async function caseVendorCharts(db: Db, actor: Actor, caseIdOrNumber: string, now = new Date()) {
  const { row } = await loadCaseFor(db, actor, caseIdOrNumber, 'update')
  const times = await vendorTimes(db, row.id)
  return { byDay: vendorsByDay(times, now), responseTimes: responseTimes(times) }
}

/** Someone looked at the case: the vendor participants they belong to have now seen it. */
export async function markSeen(
  db: Db,
  caseId: string,
  who: { userId: string; organizationIds: readonly string[] },
  at = new Date(),
): Promise<void> {
  await sql`UPDATE participants SET seen_at = ${at}
            WHERE case_id = ${caseId} AND seen_at IS NULL AND notified_at IS NOT NULL AND removed_at IS NULL
              AND (user_id = ${who.userId} OR organization_id = ANY(${[...who.organizationIds]}::uuid[]))`.execute(db)
}

/** Someone wrote in the case: the vendor participants they speak for have responded (and so seen it). */
export async function markResponded(
  db: Db,
  caseId: string,
  who: { userId: string | null; organizationId: string | null },
  at = new Date(),
): Promise<void> {
  await sql`UPDATE participants SET responded_at = coalesce(responded_at, ${at}), seen_at = coalesce(seen_at, ${at})
            WHERE case_id = ${caseId} AND notified_at IS NOT NULL AND removed_at IS NULL AND responded_at IS NULL
              AND (organization_id = ${who.organizationId}::uuid
                   OR user_id = ${who.userId}::uuid
                   OR organization_id IN (SELECT organization_id FROM memberships WHERE user_id = ${who.userId}::uuid))`.execute(
    db,
  )
}
