// /reset/:token: choose a new password from a reset link an administrator handed over.
import { useState } from 'react'
import { api } from '../api/client'
import { useAction } from '../api/hooks'
import { FormAlert, Notice, SubmitButton, submitted } from '../components/forms'
import { NewPasswordFields, unmatchedConfirmation } from '../components/NewPasswordFields'
import { usePageTitle } from '../pageTitle'
import { Link } from '../router'

export function ResetPasswordPage({ token }: { token: string }) {
  usePageTitle('Choose a new password')
  const [password, setPassword] = useState('')
  const [confirmation, setConfirmation] = useState('')
  const [done, setDone] = useState(false)
  const action = useAction()

  async function save() {
    const mismatch = unmatchedConfirmation(password, confirmation, 'New password')
    if (mismatch) return action.fail(mismatch)
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
          <Notice>
            Your password is changed. Every browser that was signed in to your account has been signed out.
          </Notice>
          <p>
            <Link className="button primary" to="/sign-in">
              Sign in
            </Link>
          </p>
        </>
      ) : (
        <form className="panel" onSubmit={submitted(save)} noValidate aria-busy={action.busy}>
          <FormAlert error={action.error} fields={['password', 'confirmation']} />
          <NewPasswordFields
            label="New password"
            field="password"
            password={password}
            confirmation={confirmation}
            onPasswordChange={setPassword}
            onConfirmationChange={setConfirmation}
            action={action}
          />
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
