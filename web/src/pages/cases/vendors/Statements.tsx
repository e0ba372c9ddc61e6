// The vendors' statements the viewer may read, newest first: staff all of them, a vendor its own
// and the others' that were shared or approved. Each says what the vendor stated (status, why not
// affected, fixed versions, remediation, references), whether it may be shown before release and
// whether the coordinator approved it; staff approve the newest unapproved ones here, and a
// refusal (a newer statement came meanwhile) is shown in words.
import { useState } from 'react'
import { ApiError, api } from '../../../api/client'
import { useAction, type Loaded } from '../../../api/hooks'
import type { VendorStatement } from '../../../api/types'
import { DataTable } from '../../../components/DataTable'
import { FormAlert } from '../../../components/forms'
import { EmptyState, LoadedList } from '../../../components/Status'
import { Time } from '../../../components/Time'
import { vexJustificationLabel, vexStatusLabel } from '../../vendors/vendorLabels'
import { WebsiteLink } from '../../vendors/WebsiteLink'

/** Whether a later statement of the same vendor on the same vulnerability replaced it. */
function replacedIn(all: VendorStatement[]): Set<string> {
  const newest = new Map<string, VendorStatement>()
  for (const s of all) {
    const key = `${s.participantId} ${s.vulnerabilityId}`
    const seen = newest.get(key)
    if (!seen || s.at > seen.at) newest.set(key, s)
  }
  return new Set(all.filter((s) => newest.get(`${s.participantId} ${s.vulnerabilityId}`) !== s).map((s) => s.id))
}

interface StatementsProps {
  caseId: string
  statements: Loaded<VendorStatement[]>
  /** Staff: adds the Approve buttons. */
  staff: boolean
  /** The viewer's own vendor participant, whose statements read "Yours". */
  ownParticipantId: string | null
  onApproved(): Promise<void>
}

export function Statements({ caseId, statements, staff, ownParticipantId, onApproved }: StatementsProps) {
  const action = useAction()
  const [done, setDone] = useState('')

  async function approve(s: VendorStatement) {
    setDone('')
    let refused = false
    const ok = await action.run(async () => {
      try {
        await api.post(`/cases/${encodeURIComponent(caseId)}/statements/${encodeURIComponent(s.id)}/approve`)
        return true
      } catch (error) {
        if (!(error instanceof ApiError)) throw error
        refused = error.status === 409
        throw new ApiError({
          ...error.problem,
          detail: `${s.participant} on “${s.vulnerability}”: ${error.problem.detail}`,
        })
      }
    })
    if (ok || refused) await onApproved()
    if (ok) setDone(`Approved the statement of ${s.participant} on “${s.vulnerability}”.`)
  }

  return (
    <section aria-labelledby="statements-heading">
      <h2 id="statements-heading">Statements</h2>
      <p className="muted">
        {staff
          ? 'What each vendor says about each vulnerability. Approve a statement for it to be published with the advisory.'
          : ownParticipantId
            ? 'Your organization’s statements, and those the other vendors share or the coordinators approved.'
            : 'What the vendors say about each vulnerability, as far as they share it or the coordinators approved it.'}
      </p>
      {staff && (
        <>
          <FormAlert error={action.error} />
          <p className="copy-status" role="status">
            {done}
          </p>
        </>
      )}
      <LoadedList
        loaded={statements}
        what="statements"
        empty={
          <EmptyState title="No statements yet.">
            <p>
              {staff
                ? 'Vendors state here whether they are affected, once they are notified.'
                : 'Statements appear here when they are given and you may see them.'}
            </p>
          </EmptyState>
        }
      >
        {(all) => {
          const replaced = replacedIn(all)
          const newestFirst = [...all].reverse()
          return (
            <DataTable
              label="Statement list"
              columns={['Vulnerability', 'Vendor', 'Status', 'Details', 'Given', 'Approval']}
              actions={staff}
            >
              {newestFirst.map((s) => (
                <tr key={s.id}>
                  <th scope="row">{s.vulnerability}</th>
                  <td>
                    {s.participant}
                    {s.participantId === ownParticipantId && <span className="muted"> (yours)</span>}
                  </td>
                  <td>
                    <strong>{vexStatusLabel[s.status] ?? s.status}</strong>
                    {s.justification && (
                      <p className="muted">{vexJustificationLabel[s.justification] ?? s.justification}</p>
                    )}
                    {replaced.has(s.id) && <p className="muted">Replaced by a newer statement</p>}
                  </td>
                  <td>
                    <StatementDetails statement={s} />
                  </td>
                  <td>
                    <Time iso={s.at} />
                  </td>
                  <td>
                    {s.approved ? (
                      <span className="badge badge-ok">Approved</span>
                    ) : (
                      <span className="badge badge-neutral">Not approved yet</span>
                    )}
                    <p className="muted">
                      {s.approved
                        ? 'The participants see it'
                        : s.shareable
                          ? 'Shared with the participants'
                          : 'Only the coordinators see it until approved'}
                    </p>
                  </td>
                  {staff && (
                    <td>
                      {!s.approved && !replaced.has(s.id) && (
                        <button
                          type="button"
                          className="button secondary"
                          aria-label={`Approve the statement of ${s.participant} on “${s.vulnerability}”`}
                          aria-disabled={action.busy || undefined}
                          onClick={() => void approve(s)}
                        >
                          Approve
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </DataTable>
          )
        }}
      </LoadedList>
    </section>
  )
}

function StatementDetails({ statement: s }: { statement: VendorStatement }) {
  const parts = [
    s.fixedVersions.length > 0 && (
      <p key="versions">
        Fixed in <strong>{s.fixedVersions.join(', ')}</strong>
      </p>
    ),
    s.remediation && (
      <p key="remediation" className="prose-block">
        {s.remediation}
      </p>
    ),
    s.references.length > 0 && (
      <ul key="references" className="plain-list" aria-label="References">
        {s.references.map((r) => (
          <li key={r}>
            <WebsiteLink url={r} />
          </li>
        ))}
      </ul>
    ),
  ].filter(Boolean)
  return parts.length ? <>{parts}</> : <span className="muted">—</span>
}
