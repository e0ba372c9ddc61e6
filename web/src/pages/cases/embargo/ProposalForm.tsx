// Proposing an end instant: opening the embargo, countering the proposal on the table, or
// proposing a revision of the terms in force (one form; the button that opened it names which).
// People think in their own wall clock, so the end is typed as a local date and time in a zone
// they choose (their own by default) and turned here into one instant with its offset; what that
// instant is in their zone and in UTC is shown as they type. The server's refusals (in the past,
// beyond the instance's longest embargo, an answer deadline under its minimum) appear beside the
// field they concern.
import { useEffect, useMemo, useRef, useState } from 'react'
import { api } from '../../../api/client'
import { useAction } from '../../../api/hooks'
import type { Embargo } from '../../../api/embargoTypes'
import {
  FormAlert,
  SelectField,
  SubmitButton,
  TextAreaField,
  TextField,
  localProblem,
  submitted,
} from '../../../components/forms'
import { formatLongInstant, useViewerTimeZone } from '../../../components/Time'
import { localInputValue, zonedInstant } from './zonedInstant'

const DAY = 24 * 60 * 60 * 1000

/** Zones people in a disclosure commonly think in, offered after their own and UTC. */
const commonZones = [
  'America/Los_Angeles',
  'America/Denver',
  'America/Chicago',
  'America/New_York',
  'America/Sao_Paulo',
  'Europe/London',
  'Europe/Berlin',
  'Europe/Helsinki',
  'Europe/Moscow',
  'Africa/Johannesburg',
  'Asia/Kolkata',
  'Asia/Shanghai',
  'Asia/Tokyo',
  'Australia/Sydney',
  'Pacific/Auckland',
]

/** The viewer's zone, the browser's, UTC and the common ones first; then every zone the browser knows. */
function zoneOptions(viewer: string): { value: string; label: string }[] {
  const browser = Intl.DateTimeFormat().resolvedOptions().timeZone
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []
  const names = [...new Set([viewer, browser, 'UTC', ...commonZones, ...all].filter(Boolean))]
  return names.map((z) => ({
    value: z,
    label: `${z.replace(/_/g, ' ')}${z === viewer ? ' (your zone)' : z === browser ? ' (this browser’s zone)' : ''}`,
  }))
}

const fields = ['endsAt', 'timeZone', 'answerBy', 'reason']

interface ProposalFormProps {
  caseId: string
  embargo: Embargo
  heading: string
  event: 'propose' | 'counter' | 'revise'
  onProposed(embargo: Embargo): Promise<void>
  onCancel(): void
}

export function ProposalForm({ caseId, embargo, heading, event, onProposed, onCancel }: ProposalFormProps) {
  const viewerZone = useViewerTimeZone()
  const [zone, setZone] = useState(viewerZone)
  // A start to edit: the terms on the table or in force, else the instance's default length.
  const [ends, setEnds] = useState(() => {
    const current = embargo.open?.endsAt ?? embargo.endsAt
    if (current) return localInputValue(current, viewerZone)
    return `${localInputValue(new Date(Date.now() + embargo.policy.defaultDays * DAY), viewerZone).slice(0, 10)}T12:00`
  })
  const [answerBy, setAnswerBy] = useState('')
  const [reason, setReason] = useState('')
  const action = useAction()
  const options = useMemo(() => zoneOptions(viewerZone), [viewerZone])
  const headingRef = useRef<HTMLHeadingElement>(null)
  const headingId = `proposal-form-${event}`
  useEffect(() => headingRef.current?.focus(), [])

  const preview = zonedInstant(ends, zone)
  async function propose() {
    const end = zonedInstant(ends, zone)
    if (!end.ok) return action.fail(localProblem(end.field === 'timeZone' ? 'timeZone' : 'endsAt', end.message))
    const by = answerBy.trim() ? zonedInstant(answerBy, zone) : null
    if (by && !by.ok) return action.fail(localProblem(by.field === 'timeZone' ? 'timeZone' : 'answerBy', by.message))
    const body = {
      endsAt: end.iso,
      timeZone: zone,
      event,
      ...(by ? { answerBy: by.iso } : {}),
      ...(reason.trim() ? { reason: reason.trim() } : {}),
    }
    const answered = await action.run(() =>
      api.post<Embargo>(`/cases/${encodeURIComponent(caseId)}/embargo/proposals`, body),
    )
    if (answered) await onProposed(answered)
  }

  return (
    <form
      className="panel proposal-form"
      aria-labelledby={headingId}
      onSubmit={submitted(propose)}
      noValidate
      aria-busy={action.busy}
    >
      <h3 id={headingId} ref={headingRef} tabIndex={-1}>
        {heading}
      </h3>
      <FormAlert error={action.error} fields={fields} />
      <div className="field-grid">
        <TextField
          label="Embargo ends"
          type="datetime-local"
          hint={`The date and time the advisory is released, on the clock of the zone beside it. At most ${embargo.policy.maxDays} days from now.`}
          value={ends}
          onChange={setEnds}
          error={action.fieldError('endsAt')}
        />
        <SelectField
          label="Time zone"
          value={zone}
          onChange={setZone}
          options={options}
          error={action.fieldError('timeZone')}
        />
      </div>
      <p className="instant-preview">
        {preview.ok ? (
          <>
            That is <strong>{formatLongInstant(preview.instant.toISOString(), viewerZone)}</strong>
            {viewerZone !== 'UTC' && <>, {formatLongInstant(preview.instant.toISOString(), 'UTC')}</>}
            {preview.ambiguous && '. That time happens twice in this zone (the clocks go back): the first is meant.'}
          </>
        ) : (
          <span className="muted">Give a date and a time to see the instant.</span>
        )}
      </p>
      <TextField
        label="Answer by"
        type="datetime-local"
        optional
        hint={`When the parties must have answered, in the same zone: ${embargo.policy.answerDays} days from now if left empty, never under ${embargo.policy.minAnswerHours} hours. Silence by then counts as declining.`}
        value={answerBy}
        onChange={setAnswerBy}
        error={action.fieldError('answerBy')}
      />
      <TextAreaField
        label="Reason"
        optional
        rows={2}
        hint="Why this instant: a vendor’s release date, a conference talk."
        value={reason}
        onChange={setReason}
        error={action.fieldError('reason')}
      />
      <div className="button-row">
        <SubmitButton busy={action.busy} busyText="Proposing…">
          {event === 'propose'
            ? 'Propose this end'
            : event === 'counter'
              ? 'Counter-propose this end'
              : 'Propose this revision'}
        </SubmitButton>
        <button type="button" className="button subtle" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}
