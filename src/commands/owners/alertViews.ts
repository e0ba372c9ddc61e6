// An owner's alerts as its members read them: per advisory (ours, with its public page once
// released; or imported, with its OSV page), the stage (a pre-notice before release, TLP:AMBER;
// an alert after), the counts per status, and the items, each marked by the owner. Every mark is
// kept as an event, which is what the coordinator's adoption chart is drawn from.
import type { Actor } from '../../domain/actor.js'
import { NotFoundError, ValidationError } from '../../domain/errors.js'
import type { AdvisorySnapshot } from '../../domain/advisory/snapshot.js'
import { advisoryLinks } from '../../domain/advisory/links.js'
import type { Db } from '../../store/db.js'
import { loadOrganization } from '../organizations/organizations.js'
import { inTransaction, isUuid } from '../../store/db.js'
import type { AlertItemStatus } from '../../store/schema.js'
import { groupBy } from '../../domain/grouping.js'
import { byUrgency } from '../../domain/alertUrgency.js'
import { externalPageUrl, snapshotSeverity } from './ownerMail.js'
import { highestSeverity, severityOfVector, type Severity } from '../../domain/cvss.js'
import { sql } from 'kysely'
import { actorUserId } from '../../domain/actor.js'

export const alertItemStatuses: readonly AlertItemStatus[] = ['open', 'patched', 'mitigated', 'not_applicable']

export interface AlertSummary {
  id: string
  advisory: {
    source: 'lockstep' | 'osv'
    id: string
    title: string
    url: string | null
    releasedAt: string | null
    releaseAt: string | null
  }
  stage: 'pre_notice' | 'released'
  tlp: 'AMBER' | 'CLEAR'
  preNoticedAt: string | null
  alertedAt: string | null
  createdAt: string
  counts: Record<AlertItemStatus, number>
  /** The highest CVSS base score among the advisory's vulnerabilities, when it has one. */
  severity: Severity | null
  /** How many of the owner's assets it affects. */
  assets: number
  /** The first open components, for a glance (the alert itself lists them all). */
  openItems: { asset: string; component: string; fixedVersions: string[] }[]
}

const itemColumns = [
  'i.id',
  'i.asset_id',
  's.name as asset',
  'i.component',
  'i.purl',
  'i.version',
  'i.vulnerability',
  'i.certain',
  'i.reason',
  'i.fixed_versions',
  'i.status',
  'i.status_note',
  'i.status_changed_at',
] as const

const iso = (d: Date | null) => (d ? d.toISOString() : null)

function summaryQuery(db: Db, organizationId: string) {
  return db
    .selectFrom('owner_alerts as a')
    .leftJoin('advisories as adv', 'adv.id', 'a.advisory_id')
    .leftJoin('cases as c', 'c.id', 'adv.case_id')
    .leftJoin('external_advisories as x', 'x.id', 'a.external_advisory_id')
    .select([
      'a.id',
      'a.pre_noticed_at',
      'a.alerted_at',
      'a.created_at',
      'a.external_advisory_id',
      'adv.public_id',
      'adv.state',
      'adv.released_at',
      'adv.snapshot',
      'c.embargo_ends_at',
      'x.summary',
      'x.published',
      'x.aliases',
      'x.url as external_url',
      'x.severity as osv_severity',
    ])
    .select((eb) => [
      eb
        .selectFrom('owner_alert_items as i')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('i.alert_id', '=', 'a.id')
        .where('i.status', '=', 'open')
        .as('open'),
      eb
        .selectFrom('owner_alert_items as i')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('i.alert_id', '=', 'a.id')
        .where('i.status', '=', 'patched')
        .as('patched'),
      eb
        .selectFrom('owner_alert_items as i')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('i.alert_id', '=', 'a.id')
        .where('i.status', '=', 'mitigated')
        .as('mitigated'),
      eb
        .selectFrom('owner_alert_items as i')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('i.alert_id', '=', 'a.id')
        .where('i.status', '=', 'not_applicable')
        .as('not_applicable'),
      eb
        .selectFrom('owner_alert_items as i')
        .select(sql<number>`count(DISTINCT i.asset_id)`.as('n'))
        .whereRef('i.alert_id', '=', 'a.id')
        .as('asset_count'),
      // Before the release the draft has no snapshot: the case's own scores.
      eb
        .selectFrom('vulnerabilities as v')
        .select(sql<string | null>`max(v.cvss_score)`.as('n'))
        .whereRef('v.case_id', '=', 'adv.case_id')
        .as('case_score'),
    ])
    .where('a.organization_id', '=', organizationId)
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['execute']>>[number]

function severityOfRow(r: SummaryRow): Severity | null {
  if (r.external_advisory_id) return severityOfVector(r.osv_severity)
  if (r.state === 'published' && r.snapshot) return snapshotSeverity(r.snapshot as AdvisorySnapshot)
  return r.case_score === null ? null : highestSeverity([Number(r.case_score)])
}

function toSummary(r: SummaryRow, openItems: AlertSummary['openItems'] = []): AlertSummary {
  const counts = {
    open: Number(r.open ?? 0),
    patched: Number(r.patched ?? 0),
    mitigated: Number(r.mitigated ?? 0),
    not_applicable: Number(r.not_applicable ?? 0),
  }
  const base = {
    id: r.id,
    preNoticedAt: iso(r.pre_noticed_at),
    alertedAt: iso(r.alerted_at),
    createdAt: r.created_at.toISOString(),
    counts,
    severity: severityOfRow(r),
    assets: Number(r.asset_count ?? 0),
    openItems,
  }
  if (r.external_advisory_id) {
    const cve = (r.aliases ?? []).find((a) => a.startsWith('CVE-'))
    return {
      ...base,
      advisory: {
        source: 'osv',
        id: r.external_advisory_id,
        title: r.summary ?? cve ?? r.external_advisory_id,
        url: externalPageUrl(r.external_advisory_id, r.external_url),
        releasedAt: iso(r.published ?? null),
        releaseAt: null,
      },
      stage: 'released',
      tlp: 'CLEAR',
    }
  }
  if (r.state === 'published' && r.snapshot) {
    const s = r.snapshot as AdvisorySnapshot
    return {
      ...base,
      advisory: {
        source: 'lockstep',
        id: s.id,
        title: s.title,
        url: advisoryLinks(s).page,
        releasedAt: iso(r.released_at ?? null),
        releaseAt: null,
      },
      stage: 'released',
      tlp: 'CLEAR',
    }
  }
  // Before release: only what the owner needs to prepare, under TLP:AMBER.
  const releaseAt = iso(r.embargo_ends_at ?? null)
  return {
    ...base,
    advisory: {
      source: 'lockstep',
      id: r.public_id ?? 'advance notice',
      // The instant is its own field, shown beside the title in the reader's time zone.
      title: 'Advance notice of a vulnerability to be published',
      url: null,
      releasedAt: null,
      releaseAt,
    },
    stage: 'pre_notice',
    tlp: 'AMBER',
  }
}

/**
 * Items of Lockstep's advisories keep the vulnerability's key in the advisory ("V1"), which stays
 * the same from pre-notice to release; once released, owners read its CVE ID where it has one.
 */
export function vulnerabilityNames(
  snapshot: Pick<AdvisorySnapshot, 'vulnerabilities'> | null,
): (key: string) => string {
  const cves = new Map((snapshot?.vulnerabilities ?? []).flatMap((v) => (v.cve ? [[v.key, v.cve] as const] : [])))
  return (key) => cves.get(key) ?? key
}

/** The names for the items of one alert: CVE IDs once our advisory is released, as stored otherwise. */
function namesOf(row: SummaryRow): (key: string) => string {
  return vulnerabilityNames(
    row.state === 'published' && !row.external_advisory_id ? (row.snapshot as AdvisorySnapshot | null) : null,
  )
}

const OPEN_PREVIEW = 5

/** What needs doing first (domain/alertUrgency.ts), each with its first open components. */
export async function listAlerts(db: Db, actor: Actor, organizationRef: string): Promise<AlertSummary[]> {
  const organizationId = (await loadOrganization(db, actor, organizationRef, 'manage_inventory')).id
  const rows = await summaryQuery(db, organizationId).orderBy('a.created_at', 'desc').limit(500).execute()
  const open = rows.filter((r) => Number(r.open ?? 0) > 0).map((r) => r.id)
  const preview = open.length
    ? (
        await sql<{ alert_id: string; asset: string; component: string; fixed_versions: string[] }>`
          SELECT x.alert_id, x.asset, x.component, x.fixed_versions FROM (
            SELECT i.alert_id, s.name AS asset, i.component, i.fixed_versions,
                   row_number() OVER (PARTITION BY i.alert_id ORDER BY s.name, i.component) AS n
            FROM owner_alert_items i JOIN assets s ON s.id = i.asset_id
            WHERE i.alert_id = ANY(${open}::uuid[]) AND i.status = 'open'
          ) x WHERE x.n <= ${OPEN_PREVIEW} ORDER BY x.alert_id, x.n`.execute(db)
      ).rows
    : []
  const previewOf = groupBy(preview, (p) => p.alert_id)
  const summaries = rows.map((r) =>
    toSummary(
      r,
      (previewOf.get(r.id) ?? []).map((p) => ({
        asset: p.asset,
        component: p.component,
        fixedVersions: p.fixed_versions,
      })),
    ),
  )
  return byUrgency(summaries)
}

async function loadAlertRow(db: Db, organizationId: string, alertId: string): Promise<SummaryRow> {
  const row = isUuid(alertId)
    ? await summaryQuery(db, organizationId).where('a.id', '=', alertId).executeTakeFirst()
    : undefined
  if (!row) throw new NotFoundError('alert')
  return row
}

export async function alertDetail(db: Db, actor: Actor, organizationRef: string, alertId: string) {
  const organizationId = (await loadOrganization(db, actor, organizationRef, 'manage_inventory')).id
  const row = await loadAlertRow(db, organizationId, alertId)
  const summary = toSummary(row)
  const items = await db
    .selectFrom('owner_alert_items as i')
    .innerJoin('assets as s', 's.id', 'i.asset_id')
    .select(itemColumns)
    .where('i.alert_id', '=', alertId)
    .orderBy('s.name')
    .orderBy('i.component')
    .limit(5000)
    .execute()
  const prepare =
    summary.stage === 'pre_notice'
      ? `Plan the update of each component below to a fixed version, or a mitigation, so that it can be applied as soon as the advisory is public. This notice is TLP:AMBER: share it only with those in your organization who need it to prepare.`
      : null
  const named = namesOf(row)
  return { ...summary, prepare, items: items.map((i) => ({ ...toItem(i), vulnerability: named(i.vulnerability) })) }
}

function toItem(i: {
  id: string
  asset_id: string
  asset: string
  component: string
  purl: string | null
  version: string | null
  vulnerability: string
  certain: boolean
  reason: string
  fixed_versions: string[]
  status: AlertItemStatus
  status_note: string | null
  status_changed_at: Date | null
}) {
  return {
    id: i.id,
    asset: { id: i.asset_id, name: i.asset },
    component: i.component,
    purl: i.purl,
    version: i.version,
    vulnerability: i.vulnerability,
    certain: i.certain,
    reason: i.reason,
    fixedVersions: i.fixed_versions,
    status: i.status,
    statusNote: i.status_note,
    statusChangedAt: iso(i.status_changed_at),
  }
}

export async function markAlertItem(
  db: Db,
  actor: Actor,
  organizationRef: string,
  alertId: string,
  itemId: string,
  change: { status: AlertItemStatus; note?: string | null },
  now = new Date(),
) {
  const organizationId = (await loadOrganization(db, actor, organizationRef, 'manage_inventory')).id
  const note = change.note?.trim() || null
  if (note && note.length > 2000)
    throw new ValidationError({ field: 'note', message: 'must be at most 2,000 characters' })
  const named = namesOf(await loadAlertRow(db, organizationId, alertId))
  if (!isUuid(itemId)) throw new NotFoundError('alert item')
  return inTransaction(db, async (trx) => {
    const by = actorUserId(actor)
    const updated = await trx
      .updateTable('owner_alert_items')
      .set({ status: change.status, status_note: note, status_changed_at: now, status_changed_by: by })
      .where('id', '=', itemId)
      .where('alert_id', '=', alertId)
      .returning('id')
      .executeTakeFirst()
    if (!updated) throw new NotFoundError('alert item')
    await trx
      .insertInto('owner_alert_item_events')
      .values({ item_id: itemId, status: change.status, note, by_user_id: by, source: 'owner', at: now })
      .execute()
    const row = await trx
      .selectFrom('owner_alert_items as i')
      .innerJoin('assets as s', 's.id', 'i.asset_id')
      .select(itemColumns)
      .where('i.id', '=', itemId)
      .executeTakeFirstOrThrow()
    return { ...toItem(row), vulnerability: named(row.vulnerability) }
  })
}
