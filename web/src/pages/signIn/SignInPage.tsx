// /sign-in: e-mail and password; then on to the second factor or set-up when the account needs it.
import { useRef, useState } from 'react'
import { api } from '../../api/client'
import { useAction } from '../../api/hooks'
import { nextStepAfterSignIn, useSession } from '../../api/session'
import type { SessionState } from '../../api/types'
import { FormAlert, SubmitButton, TextField, submitted } from '../../components/forms'
import { usePageTitle } from '../../pageTitle'
import { Link, navigate, useLocation } from '../../router'
import { DemoAccounts } from './DemoAccounts'

export function SignInPage() {
  usePageTitle('Sign in')
  const { replace, endedBecause } = useSession()
  const { search } = useLocation()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const action = useAction()
  const submitRef = useRef<HTMLDivElement>(null)
  const demoReset = search.get('demo-reset')

  async function signIn() {
    const state = await action.run(() => api.post<SessionState>('/session', { email: email.trim(), password }))
    if (!state) return
    replace(state)
    navigate(nextStepAfterSignIn(state, search.get('next') ?? '/'))
  }

  function pickDemoAccount(demoEmail: string, demoPassword: string) {
    setEmail(demoEmail)
    setPassword(demoPassword)
    action.clear()
    submitRef.current?.querySelector('button')?.focus()
  }

  return (
    <div className="narrow">
      <h1>Sign in to Lockstep</h1>
      {demoReset && /^\d+$/.test(demoReset) && (
        <div className="alert alert-success" role="status">
          <p>
            <strong>The demo was reset.</strong> Its release is {demoReset} minute{demoReset === '1' ? '' : 's'} ahead:
            sign in again with one of the demo accounts.
          </p>
        </div>
      )}
      {endedBecause && !action.error && (
        <div className="alert alert-error" role="alert">
          <p>
            <strong>You were signed out.</strong> {endedBecause}
          </p>
        </div>
      )}
      <form className="panel" onSubmit={submitted(signIn)} noValidate aria-busy={action.busy}>
        <FormAlert error={action.error} fields={['email', 'password']} />
        <TextField
          label="E-mail address"
          type="email"
          autoComplete="username"
          value={email}
          onChange={setEmail}
          error={action.fieldError('email')}
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
          error={action.fieldError('password')}
        />
        <div ref={submitRef} className="form-actions">
          <SubmitButton busy={action.busy} busyText="Signing in…">
            Sign in
          </SubmitButton>
        </div>
        <p className="hint">Forgot your password? Ask an administrator of this instance for a reset link.</p>
      </form>
      <p className="panel">
        Found a vulnerability? You do not need an account to tell us: <Link to="/report">report a vulnerability</Link>.
      </p>
      <DemoAccounts onPick={pickDemoAccount} />
    </div>
  )
}
