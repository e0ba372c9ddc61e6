// Security keys (WebAuthn): list, add through the browser's own prompt, remove.
import { useState } from 'react'
import { startRegistration, type PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/browser'
import { api } from '../../api/client'
import { useAction, useLoad } from '../../api/hooks'
import { useSession } from '../../api/session'
import type { SecurityKey } from '../../api/types'
import { ConfirmAction } from '../../components/ConfirmAction'
import { FormAlert, Notice, SubmitButton, TextField, localProblem, submitted } from '../../components/forms'
import { EmptyState, LoadedList } from '../../components/Status'
import { MaybeTime, Time } from '../../components/Time'

export function SecurityKeysSection() {
  const { reload: reloadSession } = useSession()
  const keys = useLoad(() => api.get<SecurityKey[]>('/me/security-keys'), 'keys')
  const [name, setName] = useState('')
  const [notice, setNotice] = useState<string | null>(null)
  const add = useAction()
  const remove = useAction()

  async function register() {
    setNotice(null)
    // Check the name first: the browser's key prompt should not come for nothing.
    if (!name.trim()) return add.fail(localProblem('name', 'must not be empty', 'Give the key a name.'))
    const added = await add.run(async () => {
      const optionsJSON = await api.post<PublicKeyCredentialCreationOptionsJSON>('/me/security-keys/options')
      const response = await startRegistration({ optionsJSON })
      await api.post('/me/security-keys', { name: name.trim(), response })
      return true
    })
    if (!added) return
    await Promise.all([keys.reload(), reloadSession()])
    setNotice(`Security key “${name.trim()}” is added.`)
    setName('')
  }

  async function removeKey(key: SecurityKey) {
    setNotice(null)
    const ok = await remove.run(async () => {
      await api.delete(`/me/security-keys/${key.id}`)
      return true
    })
    if (ok) {
      await Promise.all([keys.reload(), reloadSession()])
      setNotice(`Security key “${key.name}” is removed.`)
    }
  }

  return (
    <section id="security-keys" className="panel" aria-labelledby="keys-heading">
      <h2 id="keys-heading">Security keys</h2>
      <p>A security key (or your device’s built-in passkey) can confirm your sign-in instead of a code.</p>
      {notice && <Notice>{notice}</Notice>}
      <FormAlert error={remove.error} />
      <LoadedList
        loaded={keys}
        what="security keys"
        empty={
          <EmptyState title="No security keys yet.">
            <p>Add one below.</p>
          </EmptyState>
        }
      >
        {(list) => (
          <ul className="item-list">
            {list.map((key) => (
              <li key={key.id}>
                <div>
                  <strong>{key.name}</strong>
                  <p className="muted">
                    Added <Time iso={key.createdAt} /> · last used <MaybeTime iso={key.lastUsedAt} otherwise="never" />
                  </p>
                </div>
                <ConfirmAction
                  label="Remove"
                  accessibleLabel={`Remove security key ${key.name}`}
                  question={`Remove “${key.name}”?`}
                  confirmLabel="Yes, remove"
                  onConfirm={() => removeKey(key)}
                />
              </li>
            ))}
          </ul>
        )}
      </LoadedList>
      <form onSubmit={submitted(register)} noValidate aria-busy={add.busy}>
        <h3>Add a security key</h3>
        <FormAlert error={add.error} fields={['name']} />
        <TextField
          label="Name for the key"
          hint="So you can tell your keys apart, for example “Blue YubiKey”."
          value={name}
          onChange={setName}
          error={add.fieldError('name')}
        />
        <SubmitButton busy={add.busy} busyText="Waiting for the key…">
          Add security key
        </SubmitButton>
      </form>
    </section>
  )
}
