// How far the owners have got with one released advisory: every affected component of every
// owner, its status now and over time (from the marks kept as events), and who is still exposed.
// Counts and the exposed list (critical owners first, at most 500) come from the database; the
// series has a point at the release, at each change (at most ~200, evenly thinned) and now, so
// the coordinator's chart shows the patched share climbing.
import { sql } from 'kysely'
import { ConflictError, NotFoundError } from '../../domain/errors.js'
import type { Actor } from '../../domain/actor.js'
import type { Db } from '../../store/db.js'
import { loadCaseFor } from '../cases/caseAccess.js'
import type { AlertItemStatus } from '../../store/schema.js'
import type { AdvisorySnapshot } from '../../domain/advisory/snapshot.js'
import { vulnerabilityNames } from './alertViews.js'

export interface AdoptionPoint {
  at: string
  total: number
  patched: number
  mitigated: number
  notApplicable: number
  open: number
}

export interface Adoption {
  /** The owners are alerted by a job after the release: until it has run, the figures are not in yet. */
  ownersAlerted: boolean
  owners: number
  items: number
  counts: Record<AlertItemStatus, number>
  patchedShare: number
  series: AdoptionPoint[]
  exposed: {
    organization: { id: string; name: string; critical: boolean }
    asset: { id: string; name: string }
    component: string
    version: string | null
    vulnerability: string
    status: 'open'
    since: string
  }[]
}

const MAX_POINTS = 200
const MAX_EXPOSED = 500

/** For the coordinator (whoever may update the case): how the owners took up its released advisory. */
export async function adoptionOfCase(db: Db, actor: Actor, caseRef: string, now = new Date()): Promise<Adoption> {
  const caseId = (await loadCaseFor(db, actor, caseRef, 'update')).row.id
  const advisory = await db
    .selectFrom('advisories')
    .select(['id', 'state', 'released_at', 'snapshot', 'owners_alerted_at'])
    .where('case_id', '=', caseId)
    .executeTakeFirst()
  if (!advisory) throw new NotFoundError('advisory')
  if (advisory.state !== 'published' || !advisory.released_at)
    throw new ConflictError(
      'The advisory is not released yet: owners are alerted at the release, and adoption is followed from then.',
    )
  // Independent reads, side by side on a server (one after the other on the embedded database).
  const totalsQuery = sql<{ status: AlertItemStatus; n: string; owners: string }>`
    SELECT i.status, count(*) AS n, count(DISTINCT a.organization_id) AS owners
    FROM owner_alert_items i JOIN owner_alerts a ON a.id = i.alert_id
    WHERE a.advisory_id = ${advisory.id}
    GROUP BY ROLLUP (i.status)`.execute(db)
  // The first 500 still open, critical owners first, by owner: chosen without the assets (a
  // release's assets may be a hundred thousand rows), whose names are joined to those 500 alone.
  const exposedQuery = sql<{
    component: string
    version: string | null
    vulnerability: string
    found_at: Date
    asset_id: string
    asset: string
    organization_id: string
    organization: string
    critical_infrastructure: boolean
  }>`
    SELECT x.component, x.version, x.vulnerability, x.found_at, s.id AS asset_id, s.name AS asset, x.organization_id, x.organization, x.critical_infrastructure
    FROM (
      SELECT i.component, i.version, i.vulnerability, i.found_at, i.asset_id, o.id AS organization_id, o.name AS organization, o.critical_infrastructure
      FROM owner_alert_items i JOIN owner_alerts a ON a.id = i.alert_id JOIN organizations o ON o.id = a.organization_id
      WHERE a.advisory_id = ${advisory.id} AND i.status = 'open'
      ORDER BY o.critical_infrastructure DESC, o.name, o.id, i.asset_id, i.component
      LIMIT ${MAX_EXPOSED}
    ) x JOIN assets s ON s.id = x.asset_id
    ORDER BY x.critical_infrastructure DESC, x.organization, x.organization_id, s.name, x.component`.execute(db)

  const [{ rows: totals }, { rows: exposed }, series] = await Promise.all([
    totalsQuery,
    exposedQuery,
    seriesOf(db, advisory.id, advisory.released_at, now),
  ])
  const counts: Record<AlertItemStatus, number> = { open: 0, patched: 0, mitigated: 0, not_applicable: 0 }
  let items = 0
  let owners = 0
  for (const t of totals) {
    if (t.status === null) {
      items = Number(t.n)
      owners = Number(t.owners)
    } else counts[t.status] = Number(t.n)
  }

  const named = vulnerabilityNames(advisory.snapshot as AdvisorySnapshot | null)
  return {
    ownersAlerted: advisory.owners_alerted_at !== null,
    owners,
    items,
    counts,
    patchedShare: items > 0 ? counts.patched / items : 0,
    series,
    exposed: exposed.map((i) => ({
      organization: { id: i.organization_id, name: i.organization, critical: i.critical_infrastructure },
      asset: { id: i.asset_id, name: i.asset },
      component: i.component,
      version: i.version,
      vulnerability: named(i.vulnerability),
      status: 'open' as const,
      since: i.found_at.toISOString(),
    })),
  }
}

/**
 * The counts at each instant something changed. Items are found (open) and then moved by events;
 * walking both in time order and keeping each item's current status gives every point in one pass.
 */
async function seriesOf(db: Db, advisoryId: string, releasedAt: Date, now: Date): Promise<AdoptionPoint[]> {
  const foundQuery = sql<{ at: Date; n: string }>`
    SELECT greatest(i.found_at, ${releasedAt}::timestamptz) AS at, count(*) AS n
    FROM owner_alert_items i JOIN owner_alerts a ON a.id = i.alert_id
    WHERE a.advisory_id = ${advisoryId}
    GROUP BY 1 ORDER BY 1`.execute(db)
  const eventsQuery = sql<{ item_id: string; status: AlertItemStatus; at: Date }>`
    SELECT e.item_id, e.status, greatest(e.at, ${releasedAt}::timestamptz) AS at
    FROM owner_alert_item_events e JOIN owner_alert_items i ON i.id = e.item_id JOIN owner_alerts a ON a.id = i.alert_id
    WHERE a.advisory_id = ${advisoryId}
    ORDER BY e.at, e.id`.execute(db)

  const [{ rows: found }, { rows: events }] = await Promise.all([foundQuery, eventsQuery])

  const current = new Map<string, AlertItemStatus>()
  const tally: Record<AlertItemStatus, number> = { open: 0, patched: 0, mitigated: 0, not_applicable: 0 }
  const points: AdoptionPoint[] = []
  const snapshot = (t: number): AdoptionPoint => ({
    at: new Date(t).toISOString(),
    total: tally.open + tally.patched + tally.mitigated + tally.not_applicable,
    patched: tally.patched,
    mitigated: tally.mitigated,
    notApplicable: tally.not_applicable,
    open: tally.open,
  })
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
