// What happened to a report, oldest first, in sentences: moves with their reasons, assignments, scores, files.
import type { ReportDetail } from '../../api/types'
import { EmptyState } from '../../components/Status'
import { Time } from '../../components/Time'
import { historySentence } from './triageLabels'

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
              <p>{historySentence(h.kind, h.payload, h.actor)}</p>
              <p className="muted">
                <Time iso={h.at} />
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
