// Who takes part in a case: name, kind, roles, report-management state and the CS status vector,
// with a legend for its letters (upper case: it happened; lower case: not yet). Staff also get,
// per participant, the RM moves and the vendor event the server offers them, a private
// thread with it, changing its roles and taking it out; and a way to add one. A move the server
// refuses shows its 409 in words, naming the participant.
import { useId, useState } from 'react'
import { ApiError, api } from '../../api/client'
import { useAction, type Action } from '../../api/hooks'
import type { Participant, ParticipantRmEvent, VendorEvent } from '../../api/types'
import { ConfirmAction } from '../../components/ConfirmAction'
import { DataTable } from '../../components/DataTable'
import { FormAlert } from '../../components/forms'
import { Link } from '../../router'
import { rmEventLabel, rmStateLabel, roleLabel, vendorEventLabel } from './caseLabels'
import { VendorFacts } from './VendorFacts'
import { threadPath } from './CaseThreads'
import { AddParticipantForm, RolesForm, TakeOutForm } from './ParticipantEditing'

interface ParticipantsTableProps {
  caseId: string
  caseNumber: string
  participants: Participant[]
  /** Whether the viewer may change the case (staff): adds the actions column. */
  staff: boolean
  onChanged(): Promise<void>
}

export function ParticipantsTable({ caseId, caseNumber, participants, staff, onChanged }: ParticipantsTableProps) {
  const action = useAction()
  const [done, setDone] = useState('')
  // The participant whose roles are being changed, or who is being taken out.
  const [editing, setEditing] = useState<{ form: 'roles' | 'takeOut'; id: string } | null>(null)
  const edited = editing ? participants.find((p) => p.id === editing.id) : undefined

  /** After a change: the table as it is now, then the words for it. */
  async function edit(words: string) {
    setEditing(null)
    await onChanged()
    setDone(words)
  }

  /** Sends one change about one participant; a refusal names who it was about. */
  async function change(p: Participant, path: string, event: string, outcome: string) {
    setDone('')
    let refused = false
    const ok = await action.run(async () => {
      try {
        await api.post(`/cases/${encodeURIComponent(caseId)}/participants/${encodeURIComponent(p.id)}/${path}`, {
          event,
        })
        return true
      } catch (error) {
        if (!(error instanceof ApiError)) throw error
        refused = error.status === 409
        throw new ApiError({ ...error.problem, detail: `${p.name}: ${error.problem.detail}` })
      }
    })
    // Refused: the participant may have moved meanwhile; show it as it is now.
    if (ok || refused) await onChanged()
    if (ok) setDone(`${p.name}: ${outcome}.`)
  }

  return (
    <>
      {staff && (
        <>
          <FormAlert error={action.error} />
          <p className="copy-status" role="status">
            {done}
          </p>
        </>
      )}
      <DataTable
        label="Participant table"
        columns={['Name', 'Kind', 'Roles', 'Work on the report', 'Aware and fixed']}
        actions={staff}
      >
        {participants.map((p) => (
          <tr key={p.id}>
            <th scope="row">{p.name}</th>
            <td>{p.kind === 'organization' ? 'Organization' : 'Person'}</td>
            <td>{p.roles.map((r) => roleLabel[r] ?? r).join(', ')}</td>
            <td>{p.rmStateLabel}</td>
            <td>
              <VendorFacts status={p.status} />
            </td>
            {staff && (
              <td>
                <ParticipantActions
                  participant={p}
                  caseNumber={caseNumber}
                  action={action}
                  onMove={(event) =>
                    change(
                      p,
                      'transitions',
                      event,
                      `now ${rmStateLabel[p.rmMoves.find((m) => m.event === event)?.to ?? p.rmState].toLowerCase()}`,
                    )
                  }
                  onVendorEvent={(event) => change(p, 'events', event, `${vendorEventLabel[event]} recorded`)}
                  onEdit={(form) => {
                    action.clear()
                    setDone('')
                    setEditing({ form, id: p.id })
                  }}
                />
              </td>
            )}
          </tr>
        ))}
      </DataTable>
      {edited && editing?.form === 'roles' && (
        <RolesForm
          key={edited.id}
          caseId={caseId}
          participant={edited}
          onDone={edit}
          onCancel={() => setEditing(null)}
        />
      )}
      {edited && editing?.form === 'takeOut' && (
        <TakeOutForm
          key={edited.id}
          caseId={caseId}
          participant={edited}
          onDone={edit}
          onCancel={() => setEditing(null)}
        />
      )}
      {staff && <AddParticipantForm caseId={caseId} onAdded={edit} />}
    </>
  )
}

interface ParticipantActionsProps {
  participant: Participant
  caseNumber: string
  action: Action
  onMove(event: ParticipantRmEvent): Promise<void>
  onVendorEvent(event: VendorEvent): Promise<void>
  onEdit(form: 'roles' | 'takeOut'): void
}

function ParticipantActions({
  participant: p,
  caseNumber,
  action,
  onMove,
  onVendorEvent,
  onEdit,
}: ParticipantActionsProps) {
  const moveId = useId()
  const [move, setMove] = useState('')
  const moves = p.rmMoves
  const vendorEvent = p.nextVendorEvent

  async function applyMove() {
    if (!move) return
    await onMove(move as ParticipantRmEvent)
    setMove('')
  }

  return (
    <div className="row-actions">
      {moves.length > 0 && (
        <span className="inline-field">
          <label htmlFor={moveId} className="visually-hidden">
            Report state move for {p.name}
          </label>
          <select id={moveId} value={move} onChange={(e) => setMove(e.target.value)}>
            <option value="">Move report state…</option>
            {moves.map((m) => (
              <option key={m.event} value={m.event}>
                {rmEventLabel[m.event]} → {rmStateLabel[m.to]}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button secondary"
            disabled={!move}
            aria-disabled={action.busy || undefined}
            aria-label={`Move the report state of ${p.name}`}
            onClick={() => void applyMove()}
          >
            Move
          </button>
        </span>
      )}
      {vendorEvent && (
        <ConfirmAction
          label={`Record ${vendorEventLabel[vendorEvent]}`}
          accessibleLabel={`Record ${vendorEventLabel[vendorEvent]} for ${p.name}`}
          question={`Record ${vendorEventLabel[vendorEvent]} for ${p.name}? It cannot be taken back.`}
          confirmLabel="Yes, record"
          // A vendor's progress is final but good news, not a removal: no danger colour.
          tone="neutral"
          onConfirm={() => onVendorEvent(vendorEvent)}
        />
      )}
      {!p.roles.includes('coordinator') && (
        <>
          <Link to={threadPath(caseNumber, p.id)} className="button subtle" aria-label={`Message ${p.name}`}>
            Message
          </Link>
          <button
            type="button"
            className="button subtle"
            aria-label={`Change the roles of ${p.name}`}
            onClick={() => onEdit('roles')}
          >
            Roles…
          </button>
          <button
            type="button"
            className="button danger-outline"
            aria-label={`Take ${p.name} out of the case`}
            onClick={() => onEdit('takeOut')}
          >
            Take out…
          </button>
        </>
      )}
    </div>
  )
}
