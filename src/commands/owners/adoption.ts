// How far the owners have got with one released advisory: every affected component of every
// owner, its status now and over time (from the marks kept as events), and who is still exposed.
// Counts and the exposed list (critical owners first, at most 500) come from the database; the
// series has a point at the release, at each change (at most ~200, evenly thinned) and now, so
// the coordinator's chart shows the patched share climbing.
import { sql } from 'kysely'
import { ConflictError, NotFoundError } from '../../domain/errors.js'
import type { Db } from '../../store/db.js'
import type { AlertItemStatus } from '../../store/schema.js'

export interface AdoptionPoint {
  at: string
  total: number
  patched: number
  mitigated: number
  notApplicable: number
  open: number
}

export interface Adoption {
  owners: number
  items: number
  counts: Record<AlertItemStatus, number>
  patchedShare: number
  series: AdoptionPoint[]
  exposed: { organization: { id: string; name: string; critical: boolean }; asset: { id: string; name: string }; component: string; version: string | null; vulnerability: string; status: 'open'; since: string }[]
}

const MAX_POINTS = 200
const MAX_EXPOSED = 500

export async function adoptionOfCase(db: Db, caseId: string, now = new Date()): Promise<Adoption> {
  const advisory = await db.selectFrom('advisories').select(['id', 'state', 'released_at']).where('case_id', '=', caseId).executeTakeFirst()
  if (!advisory) throw new NotFoundError('advisory')
  if (advisory.state !== 'published' || !advisory.released_at) throw new ConflictError('The advisory is not released yet: owners are alerted at the release, and adoption is followed from then.')
  const itemsOf = db.selectFrom('owner_alert_items as i').innerJoin('owner_alerts as a', 'a.id', 'i.alert_id').where('a.advisory_id', '=', advisory.id)

  const { rows: totals } = await sql<{ status: AlertItemStatus; n: string; owners: string }>`
    SELECT i.status, count(*) AS n, count(DISTINCT a.organization_id) AS owners
    FROM owner_alert_items i JOIN owner_alerts a ON a.id = i.alert_id
    WHERE a.advisory_id = ${advisory.id}
    GROUP BY ROLLUP (i.status)`.execute(db)
  const counts: Record<AlertItemStatus, number> = { open: 0, patched: 0, mitigated: 0, not_applicable: 0 }
  let items = 0
  let owners = 0
  for (const t of totals) {
    if (t.status === null) {
      items = Number(t.n)
      owners = Number(t.owners)
    } else counts[t.status] = Number(t.n)
  }

  const exposed = await itemsOf
    .innerJoin('assets as s', 's.id', 'i.asset_id')
    .innerJoin('organizations as o', 'o.id', 'a.organization_id')
    .select(['i.component', 'i.version', 'i.vulnerability', 'i.found_at', 's.id as asset_id', 's.name as asset', 'o.id as organization_id', 'o.name as organization', 'o.critical_infrastructure'])
    .where('i.status', '=', 'open')
    .orderBy('o.critical_infrastructure', 'desc')
    .orderBy('o.name')
    .orderBy('s.name')
    .orderBy('i.component')
    .limit(MAX_EXPOSED)
    .execute()

  return {
    owners,
    items,
    counts,
    patchedShare: items > 0 ? counts.patched / items : 0,
    series: await seriesOf(db, advisory.id, advisory.released_at, now),
    exposed: exposed.map((i) => ({ organization: { id: i.organization_id, name: i.organization, critical: i.critical_infrastructure }, asset: { id: i.asset_id, name: i.asset }, component: i.component, version: i.version, vulnerability: i.vulnerability, status: 'open' as const, since: i.found_at.toISOString() })),
  }
}

/**
 * The counts at each instant something changed. Items are found (open) and then moved by events;
 * walking both in time order and keeping each item's current status gives every point in one pass.
 */
async function seriesOf(db: Db, advisoryId: string, releasedAt: Date, now: Date): Promise<AdoptionPoint[]> {
  const { rows: found } = await sql<{ at: Date; n: string }>`
    SELECT greatest(i.found_at, ${releasedAt}::timestamptz) AS at, count(*) AS n
    FROM owner_alert_items i JOIN owner_alerts a ON a.id = i.alert_id
    WHERE a.advisory_id = ${advisoryId}
    GROUP BY 1 ORDER BY 1`.execute(db)
  const { rows: events } = await sql<{ item_id: string; status: AlertItemStatus; at: Date }>`
    SELECT e.item_id, e.status, greatest(e.at, ${releasedAt}::timestamptz) AS at
    FROM owner_alert_item_events e JOIN owner_alert_items i ON i.id = e.item_id JOIN owner_alerts a ON a.id = i.alert_id
    WHERE a.advisory_id = ${advisoryId}
    ORDER BY e.at, e.id`.execute(db)

  const current = new Map<string, AlertItemStatus>()
  const tally: Record<AlertItemStatus, number> = { open: 0, patched: 0, mitigated: 0, not_applicable: 0 }
  const points: AdoptionPoint[] = []
  const snapshot = (t: number): AdoptionPoint => ({ at: new Date(t).toISOString(), total: tally.open + tally.patched + tally.mitigated + tally.not_applicable, patched: tally.patched, mitigated: tally.mitigated, notApplicable: tally.not_applicable, open: tally.open })
  const push = (t: number) => {
    const p = snapshot(t)
    if (points.at(-1)?.at === p.at) points[points.length - 1] = p
    else points.push(p)
  }
  points.push(snapshot(releasedAt.getTime()))
  let f = 0
  let e = 0
  while (f < found.length || e < events.length) {
    const nextFound = f < found.length ? new Date(found[f]!.at).getTime() : Infinity
    const nextEvent = e < events.length ? new Date(events[e]!.at).getTime() : Infinity
    // An item is found before anything happens to it at the same instant.
    if (nextFound <= nextEvent) {
      tally.open += Number(found[f]!.n)
      f += 1
      push(nextFound)
    } else {
      const ev = events[e]!
      tally[current.get(ev.item_id) ?? 'open'] -= 1
      tally[ev.status] += 1
      current.set(ev.item_id, ev.status)
      e += 1
      push(nextEvent)
    }
  }
  push(Math.max(now.getTime(), releasedAt.getTime()))
  if (points.length <= MAX_POINTS) return points
  // Thinned evenly, keeping the release and now.
  const step = Math.ceil(points.length / MAX_POINTS)
  return points.filter((_, k) => k % step === 0 || k === points.length - 1)
}
