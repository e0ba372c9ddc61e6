// The case's own status: whether the vulnerability is public, an exploit is public, attacks were
// seen, in words (Vultron's letters P, X, A are never shown), and for staff a way to record each that has not
// happened yet, after a confirmation and with an optional reference. Each happens once and is
// never taken back; a refusal from the server (someone recorded it first) is shown in its words.
import { useEffect, useRef, useState } from 'react'
import { ApiError, api } from '../../api/client'
import { useAction, type Action } from '../../api/hooks'
import type { CaseDetail, CaseEvent } from '../../api/types'
import { FormAlert, SubmitButton, TextField, submitted } from '../../components/forms'
import { Time } from '../../components/Time'
import { caseEvents, caseEventWords } from './caseLabels'

const capitalized = (words: string) => words.charAt(0).toUpperCase() + words.slice(1)

export function CaseStatus({ detail, onChanged }: { detail: CaseDetail; onChanged(): Promise<void> }) {
  const [asking, setAsking] = useState<CaseEvent | null>(null)
  const [done, setDone] = useState('')
  const action = useAction()
  const staff = detail.abilities.update
  const pending = caseEvents.filter((e) => !detail.caseEvents[e])

  async function record(event: CaseEvent, reference: string) {
    setDone('')
    let refused = false
    const ok = await action.run(async () => {
      try {
        await api.post(`/cases/${encodeURIComponent(detail.id)}/events`, { event, ...(reference ? { reference } : {}) })
        return true
      } catch (error) {
        refused = error instanceof ApiError && error.status === 409
        throw error
      }
    })
    // Refused: someone recorded it first, most likely; the alert says so, the status shows it.
    if (ok || refused) {
      setAsking(null)
      await onChanged()
    }
    if (ok) setDone(`Recorded: ${caseEventWords[event].label}.`)
  }

  return (
    <section aria-labelledby="status-heading">
      <h2 id="status-heading">Case status</h2>
      <div className="status-line">
        <ul aria-label="Case events">
          {caseEvents.map((e) => {
            const at = detail.caseEvents[e]
            return at ? (
              <li key={e} className="happened">
                <strong>{capitalized(caseEventWords[e].label)}</strong> since <Time iso={at} />
              </li>
            ) : (
              <li key={e}>{capitalized(caseEventWords[e].notYet)}</li>
            )
          })}
        </ul>
      </div>
      {staff && (
        <>
          <FormAlert error={action.error} fields={['reference']} />
          <p className="copy-status" role="status">
            {done}
          </p>
          {pending.length > 0 && (
            <div className="button-row">
              {pending.map((e) =>
                asking === e ? null : (
                  <button
                    key={e}
                    type="button"
                    className="button secondary"
                    onClick={() => {
                      action.clear()
                      setAsking(e)
                    }}
                  >
                    Record {caseEventWords[e].label}…
                  </button>
                ),
              )}
            </div>
          )}
          {asking && !detail.caseEvents[asking] && (
            <RecordEvent
              event={asking}
              action={action}
              onRecord={(reference) => record(asking, reference)}
              onCancel={() => setAsking(null)}
            />
          )}
        </>
      )}
    </section>
  )
}

interface RecordEventProps {
  event: CaseEvent
  action: Action
  onRecord(reference: string): Promise<void>
  onCancel(): void
}

/** The confirmation, in place (no modal dialog): the question, a reference, record or cancel. */
function RecordEvent({ event, action, onRecord, onCancel }: RecordEventProps) {
  const [reference, setReference] = useState('')
  const question = useRef<HTMLParagraphElement>(null)
  const words = caseEventWords[event]
  useEffect(() => question.current?.focus(), [])

  return (
    <form
      className="panel record-event"
      aria-label={`Record ${words.label}`}
      onSubmit={submitted(() => onRecord(reference.trim()))}
      noValidate
      aria-busy={action.busy}
    >
      <p className="confirm-question" ref={question} tabIndex={-1}>
        {words.question} It cannot be taken back.
      </p>
      <TextField
        label="Reference"
        optional
        type="url"
        hint="A link to where it became known (an advisory, a mailing-list post), kept in the ledger."
        value={reference}
        onChange={setReference}
        error={action.fieldError('reference')}
        autoComplete="off"
      />
      <div className="button-row">
        <SubmitButton busy={action.busy} busyText="Recording…">
          Yes, record {words.label}
        </SubmitButton>
        <button type="button" className="button subtle" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}
