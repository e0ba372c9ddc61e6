// Words for triage: the RM events as buttons, the SSVC coordinator-triage decision points (the
// same names and values as src/domain/ssvc.ts), the outcomes, and a report's age in words.
import type { RmEvent } from '../../api/types'

export const eventLabel: Record<RmEvent, string> = {
  validate: 'Validate',
  invalidate: 'Invalidate',
  accept: 'Accept',
  defer: 'Defer',
  close: 'Close',
}

/** The events that need a reason: the finder deserves to know why. */
export const needsReason: ReadonlySet<RmEvent> = new Set(['invalidate', 'defer'])

/** SSVC coordinator triage 1.0.0: the decision points in the official order, with their values. */
export const decisionPoints = [
  { name: 'reportPublic', label: 'Report public', values: ['yes', 'no'] },
  { name: 'supplierContacted', label: 'Supplier contacted', values: ['no', 'yes'] },
  { name: 'reportCredibility', label: 'Report credibility', values: ['not credible', 'credible'] },
  { name: 'supplierCardinality', label: 'Supplier cardinality', values: ['one', 'multiple'] },
  { name: 'supplierEngagement', label: 'Supplier engagement', values: ['active', 'unresponsive'] },
  { name: 'utility', label: 'Utility', values: ['laborious', 'efficient', 'super effective'] },
  { name: 'publicSafetyImpact', label: 'Public safety impact', values: ['minimal', 'significant'] },
] as const

export const outcomeLabel: Record<string, string> = { decline: 'Decline', track: 'Track', coordinate: 'Coordinate' }

export const historyKindLabel: Record<string, string> = {
  'report.received': 'Received',
  'rm.transition': 'State changed',
  'report.assigned': 'Assignee changed',
  'report.scored': 'Scored',
  'message.sent': 'Message sent',
}

/** "3 days", "5 hours", "just now": how long ago, in the largest whole unit. */
export function age(iso: string, now = Date.now()): string {
  const seconds = Math.max(0, Math.floor((now - new Date(iso).getTime()) / 1000))
  const units: [number, string][] = [
    [365 * 86400, 'year'],
    [30 * 86400, 'month'],
    [7 * 86400, 'week'],
    [86400, 'day'],
    [3600, 'hour'],
    [60, 'minute'],
  ]
  for (const [size, name] of units) {
    const n = Math.floor(seconds / size)
    if (n >= 1) return `${n} ${name}${n === 1 ? '' : 's'}`
  }
  return 'just now'
}

/** "9.8 Critical", or a dash for no score. */
export const cvssText = (cvss: { score: number; severity: string } | null) =>
  cvss ? `${cvss.score.toFixed(1)} ${cvss.severity}` : '—'
