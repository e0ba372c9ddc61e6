// The two pictures of a case's vendors: how many had been notified, had seen it, had responded and
// had given a statement by each day (cumulative), and how long vendors took to respond.
export interface VendorTimes {
  notifiedAt: Date | null
  seenAt: Date | null
  respondedAt: Date | null
  statementAt: Date | null
}

export interface DayCounts {
  date: string
  notified: number
  seen: number
  responded: number
  statement: number
}

const DAY = 86_400_000
const dayOf = (d: Date) => d.toISOString().slice(0, 10)

/** One row per UTC day from the first notification to `until`, at most `maxDays` (the latest kept). */
export function vendorsByDay(vendors: readonly VendorTimes[], until: Date, maxDays = 120): DayCounts[] {
  const starts = vendors.flatMap((v) => (v.notifiedAt ? [v.notifiedAt.getTime()] : []))
  if (starts.length === 0) return []
  const first = Math.max(
    Math.floor(Math.min(...starts) / DAY) * DAY,
    Math.floor(until.getTime() / DAY) * DAY - (maxDays - 1) * DAY,
  )
  const days: DayCounts[] = []
  for (let t = first; t <= until.getTime(); t += DAY) {
    const end = t + DAY
    const by = (pick: (v: VendorTimes) => Date | null) =>
      vendors.filter((v) => {
        const at = pick(v)
        return at !== null && at.getTime() < end
      }).length
    days.push({
      date: dayOf(new Date(t)),
      notified: by((v) => v.notifiedAt),
      seen: by((v) => v.seenAt),
      responded: by((v) => v.respondedAt ?? v.statementAt),
      statement: by((v) => v.statementAt),
    })
  }
  return days
}

export const responseBuckets = [
  { label: 'within a day', upToHours: 24 },
  { label: '1 to 3 days', upToHours: 72 },
  { label: '3 to 7 days', upToHours: 168 },
  { label: '1 to 2 weeks', upToHours: 336 },
  { label: 'over 2 weeks', upToHours: Infinity },
] as const

/** How long notified vendors took to respond (a message or a statement); the silent are counted apart. */
export function responseTimes(vendors: readonly VendorTimes[]): {
  buckets: { label: string; count: number }[]
  noResponseYet: number
  medianHours: number | null
} {
  const hours = vendors.flatMap((v) => {
    const answered = v.respondedAt ?? v.statementAt
    return v.notifiedAt && answered ? [Math.max(0, (answered.getTime() - v.notifiedAt.getTime()) / 3_600_000)] : []
  })
  const buckets = responseBuckets.map((b, i) => ({
    label: b.label,
    count: hours.filter((h) => h < b.upToHours && (i === 0 || h >= responseBuckets[i - 1]!.upToHours)).length,
  }))
  const sorted = [...hours].sort((a, b) => a - b)
  const median =
    sorted.length === 0
      ? null
      : sorted.length % 2
        ? sorted[(sorted.length - 1) / 2]!
        : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2
  return {
    buckets,
    noResponseYet: vendors.filter((v) => v.notifiedAt && !v.respondedAt && !v.statementAt).length,
    medianHours: median,
  }
}
