// The order an owner reads its alerts in: what still needs doing first. Alerts with open
// components come before those dealt with; among them a pre-notice (its release is coming and the
// owner has hours to prepare) before a released one, then the most severe. Otherwise the order
// given (newest first) is kept.
export interface UrgencyFacts {
  stage: 'pre_notice' | 'released'
  counts: { open: number }
  severity: { score: number } | null
}

function rank(a: UrgencyFacts): [number, number, number] {
  const open = a.counts.open > 0
  return [open ? 0 : 1, open && a.stage === 'pre_notice' ? 0 : 1, open ? -(a.severity?.score ?? -1) : 0]
}

/** Sorts in place (stably) and returns the list. */
export function byUrgency<T extends UrgencyFacts>(alerts: T[]): T[] {
  return alerts.sort((a, b) => {
    const [x, y] = [rank(a), rank(b)]
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2]
  })
}
