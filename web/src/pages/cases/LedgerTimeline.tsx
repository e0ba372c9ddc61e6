// A case's ledger for staff: whether its hash chain checks out, then every entry newest first
// as a sentence of who did what (ledgerWords.ts), and when (mail sent, replies that came by mail and mail that could
// not be delivered included; vendors notified, reminded, and their statements).
import { api } from '../../api/client'
import { useLoad } from '../../api/hooks'
import type { Ledger, Participant } from '../../api/types'
import { LoadedList } from '../../components/Status'
import { Time } from '../../components/Time'
import { ledgerSentence } from './ledgerWords'

/** "entry 3: hash mismatch" → 3, for the notice. */
const brokenAt = (problem: string | null) => /entry (\d+)/.exec(problem ?? '')?.[1]

/** `revision` moves on with every change made on the page, which reloads the ledger. */
export function LedgerTimeline({
  caseId,
  participants,
  revision,
}: {
  caseId: string
  participants: Participant[]
  revision: number
}) {
  const ledger = useLoad(() => api.get<Ledger>(`/cases/${encodeURIComponent(caseId)}/ledger`), `${caseId} ${revision}`)
  const names = new Map(participants.map((p) => [p.id, p.name]))
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
                  <strong>Ledger broken at entry {brokenAt(data.problem) ?? '?'}.</strong> {data.problem} Entries from
                  there on cannot be trusted; tell the instance administrator.
                </p>
              </div>
            )}
            <ol className="timeline" reversed aria-label="Ledger entries, newest first">
              {[...data.entries].reverse().map((e) => (
                <li key={e.sequence}>
                  <p>{ledgerSentence(e, names)}</p>
                  <p className="muted">
                    <Time iso={e.instant} /> · Entry {e.sequence} · <code title={e.hash}>{e.hash.slice(0, 12)}</code>
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
