// Creating an account directly with a password (admins). Invitations are usually better: the
// person chooses their own password.
import { useState } from 'react'
import { api } from '../../api/client'
import { useAction } from '../../api/hooks'
import type { InstanceRole, User } from '../../api/types'
import { FormAlert, Notice, SelectField, SubmitButton, TextField, submitted } from '../../components/forms'
import { instanceRoleLabel, options } from '../labels'

export function CreateUserForm({ onCreated }: { onCreated(): Promise<void> }) {
  const [email, setEmail] = useState('')
  const [name, setName] = useState('')
  const [password, setPassword] = useState('')
  const [instanceRole, setInstanceRole] = useState<InstanceRole>('none')
  const [created, setCreated] = useState<User | null>(null)
  const action = useAction()

  async function create() {
    setCreated(null)
    const user = await action.run(() =>
      api.post<User>('/users', { email: email.trim(), name: name.trim(), password, instanceRole }),
    )
    if (!user) return
    await onCreated()
    setCreated(user)
    setEmail('')
    setName('')
    setPassword('')
    setInstanceRole('none')
  }

  return (
    <section className="panel" aria-labelledby="create-user-heading">
      <h2 id="create-user-heading">Create a user</h2>
      <p className="muted">
        Usually better: invite people from an organization’s page, so they choose their own password.
      </p>
      <form onSubmit={submitted(create)} noValidate aria-busy={action.busy}>
        <FormAlert error={action.error} fields={['email', 'name', 'password', 'instanceRole']} />
        {created && (
          <Notice>
            {created.name} ({created.email}) can now sign in.
          </Notice>
        )}
        <TextField
          label="E-mail address"
          type="email"
          autoComplete="off"
          value={email}
          onChange={setEmail}
          error={action.fieldError('email')}
        />
        <TextField label="Name" autoComplete="off" value={name} onChange={setName} error={action.fieldError('name')} />
        <TextField
          label="Password"
          type="password"
          autoComplete="new-password"
          hint="At least 12 characters. Tell it to them over a channel you trust."
          value={password}
          onChange={setPassword}
          error={action.fieldError('password')}
        />
        <SelectField
          label="Instance role"
          hint="Staff (coordinators and admins) must set up an authenticator app when they first sign in."
          value={instanceRole}
          onChange={(v) => setInstanceRole(v as InstanceRole)}
          options={options(instanceRoleLabel)}
          error={action.fieldError('instanceRole')}
        />
        <SubmitButton busy={action.busy} busyText="Creating…">
          Create user
        </SubmitButton>
      </form>
    </section>
  )
}
