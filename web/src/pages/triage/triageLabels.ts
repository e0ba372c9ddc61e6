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

/** Who did it: the history's actor, or the reporter (who has no account) or Lockstep itself. */
type HistorySentence = (p: Record<string, unknown>, actor: string | null) => string

const reportStateWords: Record<string, string> = {
  received: 'received',
  valid: 'confirmed as valid',
  invalid: 'judged not valid',
  accepted: 'accepted for coordination',
  deferred: 'on hold',
  closed: 'closed',
}
const stateIn = (v: unknown) => reportStateWords[String(v)] ?? String(v ?? 'unknown')

/**
 * A report's history entries as sentences, one per kind the server writes (src/domain/eventKinds.ts):
 * a test (test/architecture/plainWords.test.ts) fails when a kind has none.
 */
export const reportEventSentences: Record<string, HistorySentence> = {
  'report.received': () => 'The report came in through the form',
  'report.received_by_mail': (p) => `The report came in by e-mail${p.from ? ` from ${String(p.from)}` : ''}`,
  'rm.transition': (p, actor) =>
    `${actor ?? 'Lockstep'} moved the report from ${stateIn(p.from)} to ${stateIn(p.to)}${p.reason ? `: “${String(p.reason)}”` : ''}`,
  'report.assigned': (p, actor) =>
    p.to
      ? `${actor ?? 'Lockstep'} changed who handles the report`
      : `${actor ?? 'Lockstep'} left the report unassigned`,
  'report.scored': (p, actor) => {
    const what = [p.cvss && `CVSS ${String(p.cvss)}`, p.cwe && String(p.cwe), p.ssvc && 'the SSVC decision']
    const given = what.filter(Boolean).join(', ')
    return `${actor ?? 'Lockstep'} ${given ? `scored the report: ${given}` : 'cleared the report’s scores'}`
  },
  'message.sent': (p, actor) => `${actor ?? 'Lockstep'} wrote to the reporter${p.tlp ? ` (TLP:${String(p.tlp)})` : ''}`,
  'attachment.added': (p, actor) =>
    `${p.by === 'reporter' ? 'The reporter' : (actor ?? 'A coordinator')} attached ${String(p.filename ?? 'a file')} to the report`,
  'report.sent_to_peer': (p, actor) =>
    `${actor ?? 'Lockstep'} sent the report to the coordinators at ${String(p.peerName ?? 'another instance')} under TLP:${String(p.tlp ?? 'AMBER')}, ${p.finderNamed ? 'naming the finder with their consent' : 'without the finder’s name'}`,
  'report.peer_deferred': (p, actor) =>
    `${actor ?? 'Lockstep'} decided to tell the coordinators at ${String(p.peerName ?? 'another instance')} later${p.until ? ` (not before ${String(p.until)})` : ''}${p.justification ? `: “${String(p.justification)}”` : ''}`,
  'report.peer_answered': (p) =>
    `The coordinators at ${String(p.peerName ?? 'another instance')} ${p.accepted ? 'found the report valid' : 'did not take the report up'}${p.reason ? `: “${String(p.reason)}”` : ''}`,
  'report.received_from_peer': (p) =>
    `The report came from the coordinators at ${String(p.peerName ?? 'another instance')} under TLP:${String(p.tlp ?? 'AMBER')}`,
  'report.ruling_sent': (p) =>
    `The coordinators at ${String(p.peerName ?? 'another instance')} were told that the report was ${p.accepted ? 'found valid' : 'not taken up'} here`,
}

/** One history entry in words; a kind this page does not know yet is still not shown as a code. */
export function historySentence(kind: string, payload: unknown, actor: string | null): string {
  const p = (payload && typeof payload === 'object' ? payload : {}) as Record<string, unknown>
  return reportEventSentences[kind]?.(p, actor) ?? `${actor ?? 'Lockstep'}: ${kind.replace(/[._]/g, ' ')}`
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
