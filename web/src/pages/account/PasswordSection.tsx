// Changing the password; the server signs out the user's other browsers when it changes.
import { useState } from 'react'
import { api } from '../../api/client'
import { useAction } from '../../api/hooks'
import { useSession } from '../../api/session'
import { FormAlert, Notice, SubmitButton, TextField, submitted } from '../../components/forms'
import { NewPasswordFields, unmatchedConfirmation } from '../../components/NewPasswordFields'

export function PasswordSection() {
  const { session, reload } = useSession()
  const [currentPassword, setCurrentPassword] = useState('')
  const [newPassword, setNewPassword] = useState('')
  const [confirmation, setConfirmation] = useState('')
  const [changed, setChanged] = useState(false)
  const action = useAction()

  async function change() {
    setChanged(false)
    const mismatch = unmatchedConfirmation(newPassword, confirmation, 'New password', 'The two new passwords differ.')
    if (mismatch) return action.fail(mismatch)
    const ok = await action.run(async () => {
      await api.post('/me/password', { currentPassword, newPassword })
      return true
    })
    if (!ok) return
    // The server may have renewed this browser's session (and its CSRF token) along with the password.
    await reload()
    setCurrentPassword('')
    setNewPassword('')
    setConfirmation('')
    setChanged(true)
  }

  return (
    <section id="password" className="panel" aria-labelledby="password-heading">
      <h2 id="password-heading">Password</h2>
      <form onSubmit={submitted(change)} noValidate aria-busy={action.busy}>
        <FormAlert error={action.error} fields={['currentPassword', 'newPassword', 'confirmation']} />
        {changed && <Notice>Your password is changed. Your other browsers were signed out.</Notice>}
        {/* For password managers: which account this password belongs to. */}
        <input type="email" name="username" autoComplete="username" value={session.user?.email ?? ''} readOnly hidden />
        <TextField
          label="Current password"
          type="password"
          autoComplete="current-password"
          value={currentPassword}
          onChange={setCurrentPassword}
          error={action.fieldError('currentPassword')}
        />
        <NewPasswordFields
          label="New password"
          field="newPassword"
          password={newPassword}
          confirmation={confirmation}
          onPasswordChange={setNewPassword}
          onConfirmationChange={setConfirmation}
          action={action}
        />
        <SubmitButton busy={action.busy} busyText="Changing…">
          Change password
        </SubmitButton>
      </form>
    </section>
  )
}
