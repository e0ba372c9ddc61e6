// The programme's figures for coordinators (every vendor) and for a vendor (its own): how fast
// vendors answer once notified and how many never do, days from report to publication, how agreed
// embargoes ended, and how many of Vultron's desirable orderings each case achieved. Over live and
// imported cases alike, filtered by the year a case was opened and by a vendor. Each chart is one
// aggregate query (days to publication and the histories share one pass over the cases), so
// 20,000 cases answer in a fraction of a second.
import { sql, type Expression, type SqlBool } from 'kysely'
import type { Actor } from '../../domain/actor.js'
import { authorize } from '../../domain/policy/index.js'
import { desiderata, desideratumLabel, type CaseEventLetter } from '../../domain/metrics/desiderata.js'
import { adherence, adherenceKinds, publicationBuckets, type Adherence } from '../../domain/metrics/figures.js'
import { isUuid, type Db } from '../../store/db.js'
import { NotFoundError } from '../../domain/errors.js'

export interface MetricsFilter {
  year?: number | undefined
  /** Only cases this vendor took part in, and only its own response figures. */
  vendorId?: string | undefined
}

export interface VendorResponse {
  organizationId: string
  name: string
  notified: number
  answered: number
  neverAnswered: number
  /** Days from notification to first answer, over those that answered. */
  medianDays: number | null
  p90Days: number | null
}

export interface Metrics {
  filter: { year: number | null; vendorId: string | null }
  years: number[]
  responses: {
    notified: number
    answered: number
    neverAnsweredShare: number | null
    medianDays: number | null
    p90Days: number | null
    vendors: VendorResponse[]
  }
  publication: {
    cases: number
    medianDays: number | null
    p90Days: number | null
    buckets: { label: string; cases: number }[]
  }
  embargo: { kind: Adherence; cases: number }[]
  histories: {
    cases: number
    averageScore: number | null
    /** Cases by score: [0, 0.25), [0.25, 0.5), [0.5, 0.75), [0.75, 1), exactly 1. */
    scoreBuckets: { label: string; cases: number }[]
    orderings: { label: string; satisfied: number; violated: number }[]
  }
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v))

/** The cases the filter keeps, as a condition on `c`. */
function caseCondition(f: MetricsFilter) {
  const parts = [sql`true`]
  if (f.year !== undefined)
    parts.push(
      sql`c.created_at >= ${new Date(Date.UTC(f.year, 0, 1))} AND c.created_at < ${new Date(Date.UTC(f.year + 1, 0, 1))}`,
    )
  if (f.vendorId)
    parts.push(
      sql`EXISTS (SELECT 1 FROM participants fp WHERE fp.case_id = c.id AND fp.organization_id = ${f.vendorId} AND 'vendor' = ANY(fp.roles))`,
    )
  return sql.join(parts, sql` AND `) as Expression<SqlBool>
}

/**
 * Days between two instants, never negative (dirty archives answer before they were asked); null
 * when either is (greatest() would skip a null). In double precision: extract() gives numeric,
 * whose arithmetic and sorting cost twice as much over 30,000 rows.
 */
const DAYS = (later: string, earlier: string) =>
  sql.raw(`(CASE WHEN ${later} IS NOT NULL THEN greatest(0, date_part('epoch', ${later} - ${earlier}) / 86400.0) END)`)

async function responses(db: Db, f: MetricsFilter): Promise<Metrics['responses']> {
  // Every vendor's row and the total in one pass (the grouping set () is the total), grouped by
  // the vendor's id alone and named after: sorting 30,000 answers by a uuid costs less than by a
  // uuid and a name. The cases are joined only when a year asks for them.
  const rows = await sql<{
    id: string | null
    name: string | null
    notified: string
    answered: string
    percentiles: number[] | null
  }>`
    SELECT g.id, o.name, g.notified, g.answered, g.percentiles
    FROM (
      SELECT p.organization_id AS id, count(*) AS notified, count(p.responded_at) AS answered,
        percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY ${DAYS('p.responded_at', 'p.notified_at')}) AS percentiles
      FROM participants p
      ${f.year !== undefined ? sql`JOIN cases c ON c.id = p.case_id AND ${caseCondition({ year: f.year })}` : sql``}
      WHERE 'vendor' = ANY(p.roles) AND p.notified_at IS NOT NULL AND p.removed_at IS NULL
        AND p.organization_id IS NOT NULL
        ${f.vendorId ? sql`AND p.organization_id = ${f.vendorId}` : sql``}
      GROUP BY GROUPING SETS ((p.organization_id), ())
    ) g
    LEFT JOIN organizations o ON o.id = g.id
    ORDER BY g.notified DESC, o.name`.execute(db)
  const total = rows.rows.find((r) => r.id === null)
  const notified = Number(total?.notified ?? 0)
  const answered = Number(total?.answered ?? 0)
  return {
    notified,
    answered,
    neverAnsweredShare: notified ? (notified - answered) / notified : null,
    medianDays: num(total?.percentiles?.[0]),
    p90Days: num(total?.percentiles?.[1]),
    vendors: rows.rows
      .filter((r) => r.id !== null)
      .map((r) => ({
        organizationId: r.id!,
        name: r.name!,
        notified: Number(r.notified),
        answered: Number(r.answered),
        neverAnswered: Number(r.notified) - Number(r.answered),
        medianDays: num(r.percentiles?.[0]),
        p90Days: num(r.percentiles?.[1]),
      })),
  }
}

async function embargo(db: Db, f: MetricsFilter): Promise<Metrics['embargo']> {
  const rows = await sql<{
    ends_at: Date
    first_end: Date | null
    public_at: Date | null
    ended_at: Date | null
  }>`
    SELECT c.embargo_ends_at AS ends_at,
      (SELECT ep.ends_at FROM embargo_proposals ep
        WHERE ep.case_id = c.id AND ep.status IN ('accepted', 'superseded') AND ep.decided_at IS NOT NULL
        ORDER BY ep.decided_at LIMIT 1) AS first_end,
      coalesce(a.released_at, c.public_aware_at) AS public_at,
      c.embargo_ended_at AS ended_at
    FROM cases c LEFT JOIN advisories a ON a.case_id = c.id AND a.state = 'published'
    WHERE c.embargo_ends_at IS NOT NULL AND ${caseCondition(f)}`.execute(db)
  const counts: Record<Adherence, number> = { on_time: 0, extended: 0, broken: 0 }
  for (const r of rows.rows) {
    const endsAt = new Date(r.ends_at)
    const firstEnd = r.first_end ? new Date(r.first_end) : endsAt
    const kind = adherence({
      agreedEnd: endsAt,
      publicAt: r.public_at && new Date(r.public_at),
      endedAt: r.ended_at && new Date(r.ended_at),
      extended: endsAt.getTime() > firstEnd.getTime() + 60_000,
    })
    if (kind) counts[kind]++
  }
  return adherenceKinds.map((kind) => ({ kind, cases: counts[kind] }))
}

const eventColumns: Record<CaseEventLetter, string> = {
  V: 'v.vendor_aware_at',
  F: 'v.fix_ready_at',
  D: 'v.fix_deployed_at',
  P: 'c.public_aware_at',
  X: 'c.exploit_public_at',
  A: 'c.attacks_observed_at',
}

/**
 * Days to publication and the desirable histories, in one pass over the cases the filter keeps:
 * per case its days from report to publication (null until published) and its events, the
 * vendors' from their earliest dates, aggregated per case before the join (30,000 narrow rows
 * grouped by case, not every case row widened by its vendors and grouped again).
 */
async function caseFigures(db: Db, f: MetricsFilter): Promise<Pick<Metrics, 'publication' | 'histories'>> {
  const bucketSql = publicationBuckets.map((b, i) => {
    const lower = i === 0 ? -1 : publicationBuckets[i - 1]!.max
    const upper = Number.isFinite(b.max) ? sql`AND days <= ${b.max}` : sql``
    return sql`count(*) FILTER (WHERE days > ${lower} ${upper}) AS ${sql.ref(`b${i}`)}`
  })
  // Per case, the orderings satisfied and those decided as two bit masks (bit i: ordering i),
  // computed once; the cases are then counted per pair of masks (a few dozen patterns), and every
  // figure of the histories is summed over those patterns, not over 20,000 rows 24 times.
  const mask = (test: (a: string, b: string) => string) =>
    sql.raw(desiderata.map(([a, b], i) => `(CASE WHEN ${test(a, b)} THEN ${2 ** i} ELSE 0 END)`).join(' + '))
  const satisfied = mask((a, b) => `e_${a} IS NOT NULL AND (e_${b} IS NULL OR e_${a} < e_${b})`)
  const decided = mask((a, b) => `e_${a} IS NOT NULL OR e_${b} IS NOT NULL`)
  const bits = (m: string) => `length(replace(${m}::bit(${desiderata.length})::text, '0', ''))`
  const totals = sql.raw(
    desiderata
      .map(
        (_, i) =>
          `sum(n) FILTER (WHERE s & ${2 ** i} <> 0) AS s${i}, sum(n) FILTER (WHERE d & ${2 ** i} <> 0) AS d${i}`,
      )
      .join(', '),
  )
  const events = sql.raw(
    (Object.keys(eventColumns) as CaseEventLetter[]).map((k) => `${eventColumns[k]} AS e_${k}`).join(', '),
  )
  const filtered = f.year !== undefined || Boolean(f.vendorId)
  const r = await sql<Record<string, string | number | null>>`
    WITH ev AS (
      SELECT ${DAYS('coalesce(c.published_at, a.released_at)', 'c.created_at')} AS days, ${events}
      FROM cases c
      LEFT JOIN advisories a ON a.case_id = c.id AND a.state = 'published'
      LEFT JOIN (
        SELECT p.case_id, min(p.vendor_aware_at) AS vendor_aware_at, min(p.fix_ready_at) AS fix_ready_at,
          min(p.fix_deployed_at) AS fix_deployed_at
        FROM participants p
        WHERE 'vendor' = ANY(p.roles) AND p.removed_at IS NULL
          ${filtered ? sql`AND p.case_id IN (SELECT c.id FROM cases c WHERE ${caseCondition(f)})` : sql``}
        GROUP BY p.case_id
      ) v ON v.case_id = c.id
      WHERE ${caseCondition(f)}
    ), masked AS MATERIALIZED (SELECT days, ${satisfied} AS s, ${decided} AS d FROM ev),
    patterns AS (
      SELECT s, d, count(*) AS n, ${sql.raw(bits('s'))}::float / nullif(${sql.raw(bits('d'))}, 0) AS score
      FROM masked GROUP BY s, d
    )
    SELECT * FROM (
      SELECT count(days) AS published,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS median,
        percentile_cont(0.9) WITHIN GROUP (ORDER BY days) AS p90,
        ${sql.join(bucketSql)}
      FROM masked
    ) publication, (
      SELECT sum(n) FILTER (WHERE score IS NOT NULL) AS cases,
        sum(n * score) / sum(n) FILTER (WHERE score IS NOT NULL) AS average,
        sum(n) FILTER (WHERE score < 0.25) AS q0,
        sum(n) FILTER (WHERE score >= 0.25 AND score < 0.5) AS q1,
        sum(n) FILTER (WHERE score >= 0.5 AND score < 0.75) AS q2,
        sum(n) FILTER (WHERE score >= 0.75 AND score < 1) AS q3,
        sum(n) FILTER (WHERE score = 1) AS q4,
        ${totals}
      FROM patterns
    ) histories`.execute(db)
  const row = r.rows[0]!
  return {
    publication: {
      cases: Number(row.published),
      medianDays: num(row.median),
      p90Days: num(row.p90),
      buckets: publicationBuckets.map((b, i) => ({ label: b.label, cases: Number(row[`b${i}`]) })),
    },
    histories: {
      cases: Number(row.cases),
      averageScore: num(row.average),
      scoreBuckets: ['under 25%', '25–50%', '50–75%', '75–99%', 'all of them'].map((label, i) => ({
        label,
        cases: Number(row[`q${i}`] ?? 0),
      })),
      orderings: desiderata.map((d, i) => {
        const s = Number(row[`s${i}`] ?? 0)
        return { label: desideratumLabel(d), satisfied: s, violated: Number(row[`d${i}`] ?? 0) - s }
      }),
    },
  }
}

async function years(db: Db): Promise<number[]> {
  // The years that have cases, one index probe each (cases_created_at_idx) instead of reading them all.
  const r = await sql<{ year: number }>`
    WITH RECURSIVE y AS (
      (SELECT extract(year from created_at AT TIME ZONE 'UTC')::int AS year FROM cases ORDER BY created_at LIMIT 1)
      UNION ALL
      SELECT (SELECT extract(year from c.created_at AT TIME ZONE 'UTC')::int FROM cases c
              WHERE c.created_at >= make_timestamptz(y.year + 1, 1, 1, 0, 0, 0, 'UTC')
              ORDER BY c.created_at LIMIT 1)
      FROM y WHERE y.year IS NOT NULL
    )
    SELECT year FROM y WHERE year IS NOT NULL ORDER BY year DESC`.execute(db)
  return r.rows.map((x) => Number(x.year))
}

async function gather(db: Db, f: MetricsFilter): Promise<Metrics> {
  // At once, each on its own connection of the pool (the embedded database takes them in turn).
  const [y, resp, perCase, emb] = await Promise.all([years(db), responses(db, f), caseFigures(db, f), embargo(db, f)])
  return {
    filter: { year: f.year ?? null, vendorId: f.vendorId ?? null },
    years: y,
    responses: resp,
    publication: perCase.publication,
    embargo: emb,
    histories: perCase.histories,
  }
}

/** Every vendor's figures (coordinators), optionally one vendor's and one year's. */
export async function programmeMetrics(db: Db, actor: Actor, f: MetricsFilter): Promise<Metrics> {
  authorize(actor, 'read_metrics', { type: 'instance' })
  return gather(db, f)
}

/** One vendor's own figures: its answers, and the cases it took part in. */
export async function vendorMetrics(
  db: Db,
  actor: Actor,
  organizationId: string,
  f: Omit<MetricsFilter, 'vendorId'>,
): Promise<Metrics> {
  authorize(actor, 'read_metrics', { type: 'organization', id: organizationId })
  const org = isUuid(organizationId)
    ? await db.selectFrom('organizations').select('id').where('id', '=', organizationId).executeTakeFirst()
    : undefined
  if (!org) throw new NotFoundError('organization')
  return gather(db, { ...f, vendorId: organizationId })
}
