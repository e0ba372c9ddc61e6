// Small arithmetic of the metrics page: quantiles, the buckets of a histogram, embargo adherence
// in words, and CSV text. Pure: the commands gather the numbers, this shapes them.

/** The q-quantile (0..1) of sorted numbers, interpolated between neighbours as PostgreSQL's percentile_cont. */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (!sorted.length) return null
  const pos = (sorted.length - 1) * q
  const lo = Math.floor(pos)
  const hi = Math.ceil(pos)
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo)
}

/** Days from report to publication, in the buckets the chart draws. */
export const publicationBuckets = [
  { label: 'up to 7 days', max: 7 },
  { label: '8–30 days', max: 30 },
  { label: '31–45 days', max: 45 },
  { label: '46–90 days', max: 90 },
  { label: '91–180 days', max: 180 },
  { label: '181–365 days', max: 365 },
  { label: 'over a year', max: Number.POSITIVE_INFINITY },
] as const

export const adherenceKinds = ['on_time', 'extended', 'broken'] as const
export type Adherence = (typeof adherenceKinds)[number]

export const adherenceLabels: Readonly<Record<Adherence, string>> = {
  on_time: 'Released at the agreed time',
  extended: 'Extended',
  broken: 'Broken (public before the agreed end)',
}

/** A minute's grace: a release job runs a few seconds after the instant. */
const GRACE_MS = 60_000

/**
 * How an agreed embargo ended: broken when the case became public (or the embargo was ended)
 * before the agreed end, extended when a later end was agreed, on time otherwise. Null while the
 * embargo is still in force.
 */
export function adherence(e: {
  agreedEnd: Date
  publicAt: Date | null
  endedAt: Date | null
  extended: boolean
}): Adherence | null {
  const early = (d: Date | null) => d !== null && d.getTime() < e.agreedEnd.getTime() - GRACE_MS
  if (early(e.publicAt) || early(e.endedAt)) return 'broken'
  if (!e.publicAt && !e.endedAt) return null
  return e.extended ? 'extended' : 'on_time'
}

/** RFC 4180 CSV: a header row, fields quoted when they must be; a leading =+-@ is quoted with ' so spreadsheets never run it. */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  const field = (v: string | number | null) => {
    if (v === null) return ''
    let s = typeof v === 'number' ? String(Math.round(v * 1000) / 1000) : v
    if (/^[=+\-@]/.test(s) && typeof v === 'string') s = `'${s}`
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
  }
  return [header, ...rows].map((r) => r.map(field).join(',')).join('\r\n') + '\r\n'
}
