// One affected component of an alert and what the owner did about it: the component and its
// version, the vulnerability, the fixed versions, a flag when the match needs checking by a
// person, and the status (open, patched, mitigated, not applicable) with an optional note, saved
// for this component alone.
import { useId, useState } from 'react'
import { api } from '../../api/client'
import { useAction } from '../../api/hooks'
import type { AlertItem, AlertItemStatus } from '../../api/ownerTypes'
import { FormAlert, Notice, SubmitButton, TextField, submitted } from '../../components/forms'
import { Time } from '../../components/Time'
import { alertStatuses, componentLabel, statusHint, statusLabel } from './alertWords'

interface AlertItemFormProps {
  path: string
  item: AlertItem
  onSaved(item: AlertItem): Promise<void>
}

export function AlertItemForm({ path, item, onSaved }: AlertItemFormProps) {
  const [status, setStatus] = useState<AlertItemStatus>(item.status)
  const [note, setNote] = useState(item.statusNote ?? '')
  const [saved, setSaved] = useState('')
  const save = useAction()
  const id = useId()
  const name = componentLabel(item.component, item.version)

  async function send() {
    setSaved('')
    const done = await save.run(() =>
      api.put<AlertItem>(`${path}/items/${item.id}`, { status, note: note.trim() || null }),
    )
    if (!done) return
    setSaved(`Saved: ${name} is ${statusLabel[done.status].toLowerCase()}.`)
    await onSaved(done)
  }

  return (
    <li className={`alert-item alert-item-${item.status}`}>
      <h3 id={`${id}-name`}>
        {name} <span className="muted">· {item.vulnerability}</span>
      </h3>
      {!item.certain && (
        <p className="check-this">
          <strong>Check this:</strong> {item.reason}
        </p>
      )}
      <dl className="item-facts">
        {item.certain && (
          <div>
            <dt>Why it matches</dt>
            <dd>{item.reason}</dd>
          </div>
        )}
        <div>
          <dt>Fixed in</dt>
          <dd>
            {item.fixedVersions.length
              ? item.fixedVersions.join(', ')
              : 'no fixed version listed: update to a version outside the affected range'}
          </dd>
        </div>
        {item.purl && (
          <div>
            <dt>Package URL</dt>
            <dd>
              <code>{item.purl}</code>
            </dd>
          </div>
        )}
        <div>
          <dt>Status</dt>
          <dd>
            {statusLabel[item.status]}
            {item.statusChangedAt && (
              <>
                {' '}
                since <Time iso={item.statusChangedAt} />
              </>
            )}
            {item.statusNote && <>: {item.statusNote}</>}
          </dd>
        </div>
      </dl>
      <form
        onSubmit={submitted(send)}
        noValidate
        aria-busy={save.busy}
        aria-labelledby={`${id}-name`}
        className="item-status-form"
      >
        <FormAlert error={save.error} fields={['note']} />
        <fieldset className="role-choice">
          <legend>Status of {name}</legend>
          <div className="role-options">
            {alertStatuses.map((s) => (
              <label key={s} className="role-option" title={statusHint[s]}>
                <input
                  type="radio"
                  name={`${id}-status`}
                  value={s}
                  checked={status === s}
                  onChange={() => setStatus(s)}
                />
                {statusLabel[s]}
              </label>
            ))}
          </div>
        </fieldset>
        <TextField
          label="Note"
          optional
          value={note}
          onChange={setNote}
          error={save.fieldError('note')}
          hint={statusHint[status]}
          maxLength={2000}
        />
        <SubmitButton busy={save.busy} busyText="Saving…" className="secondary">
          Save the status
        </SubmitButton>
        <div aria-live="polite">{saved && <Notice>{saved}</Notice>}</div>
      </form>
    </li>
  )
}
