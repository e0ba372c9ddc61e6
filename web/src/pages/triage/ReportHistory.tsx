// What happened to a report, oldest first: moves with their reasons, assignments, scores.
import type { ReportDetail } from '../../api/types'
import { EmptyState } from '../../components/Status'
import { Time } from '../../components/Time'
import { historyKindLabel } from './triageLabels'

function describe(kind: string, payload: unknown): string {
  const p = (payload ?? {}) as Record<string, unknown>
  if (kind === 'rm.transition')
    return [`${String(p.from ?? '?')} → ${String(p.to ?? '?')}`, p.reason ? `: “${String(p.reason)}”` : ''].join('')
  if (kind === 'report.assigned') return p.to ? 'Assigned' : 'Unassigned'
  if (kind === 'report.scored')
    return [p.cvss && `CVSS ${String(p.cvss)}`, p.cwe && String(p.cwe)].filter(Boolean).join(', ')
  return ''
}

export function ReportHistory({ history }: { history: ReportDetail['history'] }) {
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
      {history.length === 0 ? (
        <EmptyState title="Nothing has happened yet.">
          <p>Validating, assigning and scoring the report are recorded here.</p>
        </EmptyState>
      ) : (
        <ol className="timeline">
          {history.map((h, i) => (
            <li key={i}>
              <strong>{historyKindLabel[h.kind] ?? h.kind}</strong> · <Time iso={h.at} /> · {h.actor ?? 'Lockstep'}
              {describe(h.kind, h.payload) && <p>{describe(h.kind, h.payload)}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
