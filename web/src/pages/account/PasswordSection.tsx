// Changing the password; the server signs out the user's other browsers when it changes.
import { useState } from 'react'
import { api } from '../../api/client'
import { useAction } from '../../api/hooks'
import { useSession } from '../../api/session'
import { FormAlert, Notice, SubmitButton, TextField, localProblem, submitted } from '../../components/forms'

export function PasswordSection() {
  const { session, reload } = useSession()
  const [currentPassword, setCurrentPassword] = useState('')
  const [newPassword, setNewPassword] = useState('')
  const [confirmation, setConfirmation] = useState('')
  const [changed, setChanged] = useState(false)
  const action = useAction()

  async function change() {
    setChanged(false)
    if (newPassword !== confirmation) return action.fail(localProblem('confirmation', 'does not match the new password', 'The two new passwords differ.'))
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
        <TextField label="Current password" type="password" autoComplete="current-password" value={currentPassword} onChange={setCurrentPassword} error={action.fieldError('currentPassword')} />
        <TextField
          label="New password"
          type="password"
          autoComplete="new-password"
          hint="At least 12 characters; a few unrelated words make a strong one."
          value={newPassword}
          onChange={setNewPassword}
          error={action.fieldError('newPassword')}
        />
        <TextField label="New password again" type="password" autoComplete="new-password" value={confirmation} onChange={setConfirmation} error={action.fieldError('confirmation')} />
        <SubmitButton busy={action.busy} busyText="Changing…">
          Change password
        </SubmitButton>
      </form>
    </section>
  )
}
