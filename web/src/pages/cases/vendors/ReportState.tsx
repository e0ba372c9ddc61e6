// A vendor's own report-management state, moved by its members as they work the report (received,
// valid, accepted, or invalid, deferred, closed) without waiting for the coordinators. One button
// per move the server offers; the moves that are hard to undo (invalidate, close) ask first. The
// server decides: its refusal is shown in words and the page reloads, as the state may have been
// moved meanwhile (by a coordinator, or another member).
import { useState } from 'react'
import { ApiError, api } from '../../../api/client'
import { useAction } from '../../../api/hooks'
import type { Participant, ParticipantRmEvent, ParticipantRmState } from '../../../api/types'
import { ConfirmAction } from '../../../components/ConfirmAction'
import { FormAlert, Notice } from '../../../components/forms'
import { rmEventLabel, rmStateLabel } from '../caseLabels'

/** What the state means for the vendor, and what it may do next, in one line. */
const meaning: Record<ParticipantRmState, string> = {
  start: 'The report has not reached you yet: receive it to start working on it.',
  received: 'You have the report; say whether it is valid for your products.',
  valid: 'It applies to your products: accept it to work on a fix, or defer it.',
  accepted: 'You are working on it: record your fix when it is ready.',
  invalid: 'You found it does not apply to your products: validate it if that changes, or close it.',
  deferred: 'You put it on hold: accept it to work on it again, or close it.',
  closed: 'You are done with this report; it cannot be moved any more.',
}

/** The moves that ask first, and what they ask: the others are undone by a later move. */
const questions: Partial<Record<ParticipantRmEvent, string>> = {
  invalidate: 'Record that the report does not apply to your products? Only validating it again undoes this.',
  close: 'Close your report? A closed report cannot be moved again.',
}

interface ReportStateProps {
  caseId: string
  participant: Participant
  onChanged(): Promise<void>
}

export function ReportState({ caseId, participant: p, onChanged }: ReportStateProps) {
  const action = useAction()
  const [done, setDone] = useState<string | null>(null)
  const moves = p.rmMoves

  async function move(event: ParticipantRmEvent, to: ParticipantRmState) {
    setDone(null)
    let refused = false
    const ok = await action.run(async () => {
      try {
        await api.post(`/cases/${encodeURIComponent(caseId)}/participants/${encodeURIComponent(p.id)}/transitions`, {
          event,
        })
        return true
      } catch (error) {
        refused = error instanceof ApiError && error.status === 409
        throw error
      }
    })
    // Refused: the state may have moved meanwhile; show it as it is now.
    if (ok || refused) await onChanged()
    if (ok) setDone(`Your report is now ${rmStateLabel[to].toLowerCase()}.`)
  }

  return (
    <div className="panel" role="group" aria-labelledby="report-state-heading">
      <h3 id="report-state-heading">Your report</h3>
      <p>
        Your work on the report: <strong>{p.rmStateLabel}</strong>
      </p>
      <p>{meaning[p.rmState]}</p>
      <div aria-live="polite">{done && <Notice>{done}</Notice>}</div>
      <FormAlert error={action.error} />
      {moves.length > 0 && (
        <div className="button-row" role="group" aria-label="Move your report">
          {moves.map(({ event, to }) => {
            const label = `${rmEventLabel[event]} → ${rmStateLabel[to]}`
            const question = questions[event]
            return question ? (
              <ConfirmAction
                key={event}
                tone="neutral"
                label={label}
                question={question}
                confirmLabel={`Yes, ${rmEventLabel[event].toLowerCase()}`}
                onConfirm={() => move(event, to)}
              />
            ) : (
              <button
                key={event}
                type="button"
                className="button secondary"
                aria-disabled={action.busy || undefined}
                onClick={() => void move(event, to)}
              >
                {label}
              </button>
            )
          })}
        </div>
      )}
    </div>
  )
}
