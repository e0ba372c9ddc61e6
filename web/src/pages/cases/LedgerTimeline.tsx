// A case's ledger for staff: whether its hash chain checks out, then every entry newest first
// with who did what, in words, and when.
import { api } from '../../api/client'
import { useLoad } from '../../api/hooks'
import type { Ledger, LedgerEntry } from '../../api/types'
import { LoadedList } from '../../components/Status'
import { Time } from '../../components/Time'

const kindLabel: Record<string, string> = {
  'case.opened': 'Case opened',
  'rm.transition': 'Report state changed',
  'vulnerability.added': 'Vulnerability added',
  'participant.added': 'Participant added',
}

/** "participant.added" → "Participant added" for kinds without a label of their own. */
const words = (kind: string) => kindLabel[kind] ?? kind.replace(/[._]/g, ' ').replace(/^./, (c) => c.toUpperCase())

function detail(entry: LedgerEntry): string {
  const p = (entry.payload ?? {}) as Record<string, unknown>
  switch (entry.kind) {
    case 'case.opened':
      return [p.caseNumber, p.title && `“${String(p.title)}”`, p.tlp && `TLP:${String(p.tlp)}`].filter(Boolean).join(' · ')
    case 'rm.transition':
      return `${String(p.report ?? '')} ${String(p.from ?? '')} → ${String(p.to ?? '')}`.trim()
    case 'vulnerability.added':
      return String(p.title ?? '')
    case 'participant.added':
      return [p.participant, Array.isArray(p.roles) && p.roles.join(', ')].filter(Boolean).join(' · ')
    default:
      return ''
  }
}

/** "entry 3: hash mismatch" → 3, for the notice. */
const brokenAt = (problem: string | null) => /entry (\d+)/.exec(problem ?? '')?.[1]

export function LedgerTimeline({ caseId }: { caseId: string }) {
  const ledger = useLoad(() => api.get<Ledger>(`/cases/${encodeURIComponent(caseId)}/ledger`), caseId)
  return (
    <section aria-labelledby="ledger-heading">
      <h2 id="ledger-heading">Ledger</h2>
      <LoadedList loaded={ledger} what="the ledger">
        {(data) => (
          <>
            {data.intact ? (
              <div className="alert alert-success">
                <p>
                  <strong>Ledger intact.</strong> All {data.entries.length} entries check out against their hash chain.
                </p>
              </div>
            ) : (
              <div className="alert alert-error" role="alert">
                <p>
                  <strong>Ledger broken at entry {brokenAt(data.problem) ?? '?'}.</strong> {data.problem} Entries from there on cannot be trusted; tell the instance
                  administrator.
                </p>
              </div>
            )}
            <ol className="timeline" reversed aria-label="Ledger entries, newest first">
              {[...data.entries].reverse().map((e) => (
                <li key={e.sequence}>
                  <strong>{words(e.kind)}</strong> · <Time iso={e.instant} /> · {e.actor}
                  {detail(e) && <p>{detail(e)}</p>}
                  <p className="muted">
                    Entry {e.sequence} · <code title={e.hash}>{e.hash.slice(0, 12)}</code>
                  </p>
                </li>
              ))}
            </ol>
          </>
        )}
      </LoadedList>
    </section>
  )
}
