// A vendor the directory does not know yet, added from the case (staff): its name, the address
// that reaches its security team and, if it has one, its OpenPGP key. Lockstep puts it in the
// directory and in the case, and chooses it for the next notification.
import { useState } from 'react'
import { api } from '../../../api/client'
import { useAction } from '../../../api/hooks'
import { FormAlert, SubmitButton, TextAreaField, TextField, submitted } from '../../../components/forms'
import type { AddedVendor } from './FindVendors'

export function NewVendorForm({ caseId, onAdded }: { caseId: string; onAdded(vendor: AddedVendor): Promise<void> }) {
  const [open, setOpen] = useState(false)
  const [name, setName] = useState('')
  const [email, setEmail] = useState('')
  const [key, setKey] = useState('')
  const action = useAction()

  async function add() {
    const created = await action.run(() =>
      api.post<AddedVendor>(`/cases/${encodeURIComponent(caseId)}/vendors/new`, {
        name: name.trim(),
        email: email.trim(),
        key: key.trim() || null,
      }),
    )
    if (!created) return
    setName('')
    setEmail('')
    setKey('')
    setOpen(false)
    await onAdded(created)
  }

  if (!open)
    return (
      <p>
        <button type="button" className="button subtle" onClick={() => setOpen(true)}>
          Add a vendor the directory lacks
        </button>
      </p>
    )
  return (
    <form className="new-vendor" aria-label="A vendor the directory lacks" onSubmit={submitted(add)} noValidate>
      <TextField label="Vendor name" value={name} onChange={setName} error={action.fieldError('name')} autoFocus />
      <TextField
        label="Contact e-mail address"
        hint="Where its security team reads mail; the notification goes there."
        type="email"
        autoComplete="off"
        value={email}
        onChange={setEmail}
        error={action.fieldError('email')}
      />
      <TextAreaField
        label="OpenPGP public key"
        optional
        hint="Paste the key block to have the notification encrypted."
        value={key}
        onChange={setKey}
        error={action.fieldError('key')}
        rows={4}
      />
      <FormAlert error={action.error} fields={['name', 'email', 'key']} />
      <div className="button-row">
        <SubmitButton busy={action.busy} busyText="Adding…" className="secondary">
          Add to the directory and to this case
        </SubmitButton>
        <button type="button" className="button subtle" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  )
}
