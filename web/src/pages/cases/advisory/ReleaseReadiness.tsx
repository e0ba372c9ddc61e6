// The coordinators' checklist before the release, on the advisory tab: what the advisory would
// leave out if it were released now (vendors' statements not approved, with their status and when
// they were given, marked when given after the draft's last review; vendors with no statement;
// vulnerabilities without CVE ID or score; a draft no other coordinator reviewed) and how many
// owners' assets it matches. Each item says what to do: approve the statement here, or leave the
// item out on purpose with a reason, which the ledger keeps. At the embargo's end the advisory is
// released whatever is still open, and the ledger records that too. Below, the statements approved
// on the peer instances sharing the case, which the advisory carries marked "via CERT-B".
import { useState } from 'react'
import { api } from '../../../api/client'
import { useAction, useLoad } from '../../../api/hooks'
import type { ResponseOf } from '../../../api/openapi'
import { FormAlert } from '../../../components/forms'
import { LoadError, Loading } from '../../../components/Status'
import { Time } from '../../../components/Time'
import { ReasonAction } from '../embargo/ReasonAction'
import { statusWords } from '../../vendors/vendorLabels'

type Readiness = ResponseOf<'/api/v1/cases/{id}/release-readiness', 'get'>
type Item = Readiness['items'][number]

const groups: { kind: Item['kind']; title: string }[] = [
  { kind: 'statement', title: 'Statements not approved' },
  { kind: 'vendor', title: 'Vendors with no statement' },
  { kind: 'cve', title: 'Vulnerabilities without a CVE ID' },
  { kind: 'score', title: 'Vulnerabilities without a score' },
  { kind: 'draft', title: 'Draft not reviewed' },
]

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

interface ReleaseReadinessProps {
  caseId: string
  revision: number
  onChanged(): Promise<void>
}

export function ReleaseReadiness({ caseId, revision, onChanged }: ReleaseReadinessProps) {
  const path = `/cases/${encodeURIComponent(caseId)}/release-readiness`
  const loaded = useLoad(() => api.get<Readiness>(path), `${caseId}|${revision}`)
  const action = useAction()
  const [done, setDone] = useState('')

  // The case moves on (the ledger, the statements, this list reload with it).
  async function changed(message: string) {
    await onChanged()
    setDone(message)
  }

  async function approve(item: Item) {
    setDone('')
    const ok = await action.run(async () => {
      await api.post(`/cases/${encodeURIComponent(caseId)}/statements/${encodeURIComponent(item.statementId!)}/approve`)
      return true
    })
    if (ok) await changed(`Approved ${item.vendor ? `${item.vendor}’s` : 'the'} statement for the advisory.`)
  }

  return (
    <section aria-labelledby="readiness-heading" className="readiness">
      <h3 id="readiness-heading">Before the release</h3>
      {loaded.error ? (
        <LoadError error={loaded.error} retry={() => void loaded.reload()} />
      ) : !loaded.data ? (
        <Loading what="the release checklist" />
      ) : (
        <>
          <Summary r={loaded.data} />
          <FormAlert error={action.error} />
          <p className="copy-status" role="status">
            {done}
          </p>
          {groups.map(({ kind, title }) => {
            const items = loaded.data!.items.filter((i) => i.kind === kind)
            if (items.length === 0) return null
            const open = items.filter((i) => !i.leftOut).length
            return (
              <div key={kind} className="readiness-group">
                <h4>
                  {title} ({open} open{open < items.length ? `, ${items.length - open} left out` : ''})
                </h4>
                <ul className="readiness-items">
                  {items.map((item) => (
                    <li key={item.key} className={item.leftOut ? 'readiness-item left-out' : 'readiness-item'}>
                      <ItemText item={item} />
                      {item.leftOut ? (
                        <p className="muted">
                          Left out by {item.leftOut.by} on <Time iso={item.leftOut.at} />: {item.leftOut.reason}
                        </p>
                      ) : (
                        <>
                          <p>{item.todo}</p>
                          <div className="button-row">
                            {item.statementId && (
                              <button
                                type="button"
                                className="button secondary"
                                disabled={action.busy}
                                onClick={() => void approve(item)}
                              >
                                Approve
                              </button>
                            )}
                            <ReasonAction
                              label="Leave out…"
                              question={`Release the advisory without this? ${item.what}`}
                              field={{
                                label: 'Reason',
                                name: 'reason',
                                hint: 'Why it is left out: kept in the case’s ledger.',
                              }}
                              confirmLabel="Yes, leave it out"
                              busyText="Saving…"
                              tone="neutral"
                              onConfirm={async (reason) => {
                                await api.post(`${path}/leave-outs`, { item: item.key, reason })
                                await changed('Left out of the release; the ledger records why.')
                              }}
                            />
                          </div>
                        </>
                      )}
                    </li>
                  ))}
                </ul>
              </div>
            )
          })}
          <FromPeers statements={loaded.data.fromPeers} />
        </>
      )}
    </section>
  )
}

/** What the peers' coordinators approved: in the advisory as their vendors' positions, or why not. */
function FromPeers({ statements }: { statements: Readiness['fromPeers'] }) {
  if (statements.length === 0) return null
  return (
    <div className="readiness-group">
      <h4>Statements approved by other coordinators ({statements.length})</h4>
      <ul className="readiness-items">
        {statements.map((st) => (
          <li key={`${st.via.url} ${st.vendor} ${st.vulnerability}`} className="readiness-item">
            <p>
              <strong>
                {st.vendor} (via {st.via.name}): {statusWords(st.status).toLowerCase()} on “{st.vulnerability}”.
              </strong>{' '}
              Approved there <Time iso={st.approvedAt} />, received <Time iso={st.receivedAt} />.
            </p>
            <p className={st.leftOut ? 'muted' : undefined}>
              {st.leftOut ? `Not in the advisory: ${st.leftOut}.` : 'In the advisory, marked as coming from them.'}
            </p>
          </li>
        ))}
      </ul>
    </div>
  )
}

function Summary({ r }: { r: Readiness }) {
  const count = (kind: Item['kind']) => r.items.filter((i) => i.kind === kind && !i.leftOut).length
  return (
    <>
      <p>
        {r.open === 0 ? (
          <strong>Nothing left to decide.</strong>
        ) : (
          <strong>{plural(r.open, 'item', 'items')} to decide</strong>
        )}
        {r.endsAt && (
          <>
            {' '}
            before the embargo ends <Time iso={r.endsAt} />
          </>
        )}
        .
      </p>
      <ul className="readiness-counts" aria-label="Open items">
        <li>
          {count('statement')
            ? `${plural(count('statement'), 'statement', 'statements')} not approved`
            : 'Every statement approved or left out'}
        </li>
        <li>
          {count('vendor')
            ? `${plural(count('vendor'), 'vendor', 'vendors')} with no statement`
            : 'Every vendor has a statement or is left out'}
        </li>
        <li>
          {count('cve')
            ? `${plural(count('cve'), 'vulnerability', 'vulnerabilities')} without a CVE ID`
            : 'Every vulnerability has a CVE ID'}
        </li>
        <li>
          {count('score')
            ? `${plural(count('score'), 'vulnerability', 'vulnerabilities')} without a score`
            : 'Every vulnerability has a score'}
        </li>
        <li>{count('draft') ? 'The draft is not reviewed' : 'The draft is reviewed or left as it is'}</li>
        <li>
          {plural(r.owners.assets, 'owner’s asset matches', 'owners’ assets match')} (
          {plural(r.owners.organizations, 'owner', 'owners')})
        </li>
      </ul>
      <p className="hint">
        The advisory publishes approved statements only. At the embargo’s end it is released all the same: whatever is
        neither approved nor left out is left out, and the ledger records it.
      </p>
    </>
  )
}

function ItemText({ item }: { item: Item }) {
  return (
    <p>
      <strong>{item.what}</strong>
      {item.givenAt && (
        <>
          {' '}
          Given <Time iso={item.givenAt} />
          {item.givenAfterReview && (
            <>
              {' '}
              <span className="badge badge-neutral">after the last review</span>
            </>
          )}
          .
        </>
      )}
    </p>
  )
}
