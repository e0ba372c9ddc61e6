// A case's ledger for staff: whether its hash chain checks out, then its entries newest first, a page at a time,
// as sentences of who did what (ledgerWords.ts), and when (mail sent, replies that came by mail and mail that could
// not be delivered included; vendors notified, reminded, and their statements).
import { useState } from 'react'
import { api, query } from '../../api/client'
import { useAction, useLoad } from '../../api/hooks'
import { FormAlert } from '../../components/forms'
import type { Ledger, Participant } from '../../api/types'
import { LoadedList } from '../../components/Status'
import { Time } from '../../components/Time'
import { ledgerSentence } from './ledgerWords'

/** "entry 3: hash mismatch" → 3, for the notice. */
const brokenAt = (problem: string | null) => /entry (\d+)/.exec(problem ?? '')?.[1]

const PAGE_SIZE = 100

/**
 * `revision` moves on with every change made on the page, which reloads the newest page. A ledger
 * may have tens of thousands of entries: it comes a page at a time, each page checked by the server
 * against the head the instance signed, and older pages on request.
 */
export function LedgerTimeline({
  caseId,
  participants,
  revision,
}: {
  caseId: string
  participants: Participant[]
  revision: number
}) {
  const path = `/cases/${encodeURIComponent(caseId)}/ledger`
  const ledger = useLoad(() => api.get<Ledger>(`${path}${query({ limit: PAGE_SIZE })}`), `${caseId} ${revision}`)
  // Older pages, newest first, for the newest page loaded with the same revision.
  const [older, setOlder] = useState<{ revision: number; pages: Ledger[] }>({ revision, pages: [] })
  const olderPages = older.revision === revision ? older.pages : []
  const more = useAction()
  const names = new Map(participants.map((p) => [p.id, p.name]))

  async function showOlder(before: number) {
    const page = await more.run(() => api.get<Ledger>(`${path}${query({ limit: PAGE_SIZE, before })}`))
    if (page) setOlder({ revision, pages: [...olderPages, page] })
  }

  return (
    <section aria-labelledby="ledger-heading">
      <h2 id="ledger-heading">Ledger</h2>
      <LoadedList loaded={ledger} what="the ledger">
        {(data) => {
          const pages = [data, ...olderPages]
          const broken = pages.find((p) => !p.intact)
          const shown = pages.flatMap((p) => [...p.entries].reverse())
          const nextBefore = pages.at(-1)?.nextBefore ?? null
          return (
            <>
              {!broken ? (
                <div className="alert alert-success">
                  <p>
                    <strong>Ledger intact.</strong>{' '}
                    {shown.length === data.total
                      ? `All ${data.total} entries check out against their hash chain and the instance's signed head.`
                      : `The ${shown.length} entries shown (of ${data.total}) check out against their hash chain and the instance's signed head.`}
                  </p>
                </div>
              ) : (
                <div className="alert alert-error" role="alert">
                  <p>
                    <strong>Ledger broken at entry {brokenAt(broken.problem) ?? '?'}.</strong> {broken.problem} Entries
                    from there on cannot be trusted; tell the instance administrator.
                  </p>
                </div>
              )}
              <ol className="timeline" reversed start={data.total} aria-label="Ledger entries, newest first">
                {shown.map((e) => (
                  <li key={e.sequence}>
                    <p>{ledgerSentence(e, names)}</p>
                    <p className="muted">
                      <Time iso={e.instant} /> · Entry {e.sequence} · <code title={e.hash}>{e.hash.slice(0, 12)}</code>
                    </p>
                  </li>
                ))}
              </ol>
              <FormAlert error={more.error} />
              {nextBefore !== null && (
                <button
                  type="button"
                  className="button secondary"
                  disabled={more.busy}
                  onClick={() => void showOlder(nextBefore)}
                >
                  Show older entries
                </button>
              )}
            </>
          )
        }}
      </LoadedList>
    </section>
  )
}
