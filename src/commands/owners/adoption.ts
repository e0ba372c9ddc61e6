// How far the owners have got with one released advisory: every affected component of every
// owner, its status now and over time (from the marks kept as events), and who is still exposed.
// The series has a point at the release, at each change (at most ~200, evenly thinned) and now,
// so the coordinator's chart shows the patched share climbing.
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

export async function adoptionOfCase(db: Db, caseId: string, now = new Date()): Promise<Adoption> {
  const advisory = await db.selectFrom('advisories').select(['id', 'state', 'released_at']).where('case_id', '=', caseId).executeTakeFirst()
  if (!advisory) throw new NotFoundError('advisory')
  if (advisory.state !== 'published' || !advisory.released_at) throw new ConflictError('The advisory is not released yet: owners are alerted at the release, and adoption is followed from then.')
  const items = await db
    .selectFrom('owner_alert_items as i')
    .innerJoin('owner_alerts as a', 'a.id', 'i.alert_id')
    .innerJoin('assets as s', 's.id', 'i.asset_id')
    .innerJoin('organizations as o', 'o.id', 'a.organization_id')
    .select(['i.id', 'i.component', 'i.version', 'i.vulnerability', 'i.status', 'i.found_at', 's.id as asset_id', 's.name as asset', 'o.id as organization_id', 'o.name as organization', 'o.critical_infrastructure'])
    .where('a.advisory_id', '=', advisory.id)
    .execute()
  const events = items.length
    ? await db
        .selectFrom('owner_alert_item_events as e')
        .innerJoin('owner_alert_items as i', 'i.id', 'e.item_id')
        .innerJoin('owner_alerts as a', 'a.id', 'i.alert_id')
        .select(['e.item_id', 'e.status', 'e.at'])
        .where('a.advisory_id', '=', advisory.id)
        .orderBy('e.at')
        .orderBy('e.id')
        .execute()
    : []

  const counts: Record<AlertItemStatus, number> = { open: 0, patched: 0, mitigated: 0, not_applicable: 0 }
  for (const i of items) counts[i.status] += 1

  // Status of each item at an instant: the last event at or before it, else open once found.
  const history = new Map<string, { status: AlertItemStatus; at: number }[]>()
  for (const e of events) history.set(e.item_id, [...(history.get(e.item_id) ?? []), { status: e.status, at: e.at.getTime() }])
  const pointAt = (t: number): AdoptionPoint => {
    const p: AdoptionPoint = { at: new Date(t).toISOString(), total: 0, patched: 0, mitigated: 0, notApplicable: 0, open: 0 }
    for (const i of items) {
      if (i.found_at.getTime() > t) continue
      p.total += 1
      const status = [...(history.get(i.id) ?? [])].reverse().find((e) => e.at <= t)?.status ?? 'open'
      if (status === 'patched') p.patched += 1
      else if (status === 'mitigated') p.mitigated += 1
      else if (status === 'not_applicable') p.notApplicable += 1
      else p.open += 1
    }
    return p
  }
  const start = advisory.released_at.getTime()
  let instants = [...new Set([start, ...events.map((e) => e.at.getTime()), ...items.map((i) => i.found_at.getTime())].filter((t) => t >= start))].sort((a, b) => a - b)
  if (instants.length > MAX_POINTS) instants = instants.filter((_, k) => k % Math.ceil(instants.length / MAX_POINTS) === 0)
  const series = [...instants, Math.max(now.getTime(), start)].map(pointAt)

  return {
    owners: new Set(items.map((i) => i.organization_id)).size,
    items: items.length,
    counts,
    patchedShare: items.length > 0 ? counts.patched / items.length : 0,
    series,
    exposed: items
      .filter((i) => i.status === 'open')
      .sort((a, b) => Number(b.critical_infrastructure) - Number(a.critical_infrastructure) || a.organization.localeCompare(b.organization) || a.asset.localeCompare(b.asset))
      .slice(0, 500)
      .map((i) => ({ organization: { id: i.organization_id, name: i.organization, critical: i.critical_infrastructure }, asset: { id: i.asset_id, name: i.asset }, component: i.component, version: i.version, vulnerability: i.vulnerability, status: 'open' as const, since: i.found_at.toISOString() })),
  }
}
