// /reset/:token: choose a new password from a reset link an administrator handed over.
import { useState } from 'react'
import { api } from '../api/client'
import { useAction } from '../api/hooks'
import { FormAlert, Notice, SubmitButton, TextField, localProblem, submitted } from '../components/forms'
import { usePageTitle } from '../pageTitle'
import { Link } from '../router'

export function ResetPasswordPage({ token }: { token: string }) {
  usePageTitle('Choose a new password')
  const [password, setPassword] = useState('')
  const [confirmation, setConfirmation] = useState('')
  const [done, setDone] = useState(false)
  const action = useAction()

  async function save() {
    if (password !== confirmation) return action.fail(localProblem('confirmation', 'does not match the new password', 'The two passwords differ.'))
    const ok = await action.run(async () => {
      await api.post('/password-resets/complete', { token, password })
      return true
    })
    if (ok) setDone(true)
  }

  return (
    <div className="narrow">
      <h1>Choose a new password</h1>
      {done ? (
        <>
          <Notice>Your password is changed. Every browser that was signed in to your account has been signed out.</Notice>
          <p>
            <Link className="button primary" to="/sign-in">
              Sign in
            </Link>
          </p>
        </>
      ) : (
        <form className="panel" onSubmit={submitted(save)} noValidate aria-busy={action.busy}>
          <FormAlert error={action.error} fields={['password', 'confirmation']} />
          <TextField
            label="New password"
            type="password"
            autoComplete="new-password"
            hint="At least 12 characters; a few unrelated words make a strong one."
            value={password}
            onChange={setPassword}
            error={action.fieldError('password')}
          />
          <TextField label="New password again" type="password" autoComplete="new-password" value={confirmation} onChange={setConfirmation} error={action.fieldError('confirmation')} />
          <div className="form-actions">
            <SubmitButton busy={action.busy} busyText="Saving…">
              Set the new password
            </SubmitButton>
          </div>
        </form>
      )}
    </div>
  )
}
