// /sign-in/second-factor: a code from the authenticator app, or a security key. On a demo
// instance the demo staff accounts' current code is shown, with a button to fill it in.
import { useState } from 'react'
import { startAuthentication, type PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser'
import { api } from '../../api/client'
import { useAction } from '../../api/hooks'
import { nextStepAfterSignIn, useSession } from '../../api/session'
import type { SessionState } from '../../api/types'
import { CodeField } from '../../components/CodeField'
import { FormAlert, SubmitButton, submitted } from '../../components/forms'
import { usePageTitle } from '../../pageTitle'
import { navigate, useLocation } from '../../router'
import { DemoCode } from './DemoCode'

export function SecondFactorPage() {
  usePageTitle('Confirm it’s you')
  const { session, replace, signOut } = useSession()
  const { search } = useLocation()
  const next = search.get('next') ?? '/'
  const [code, setCode] = useState('')
  const totp = useAction()
  const key = useAction()

  function finish(state: SessionState) {
    replace(state)
    navigate(nextStepAfterSignIn(state, next))
  }

  async function submitCode() {
    const state = await totp.run(() => api.post<SessionState>('/session/totp', { code: code.trim() }))
    if (state) finish(state)
  }

  async function signInWithSecurityKey() {
    const state = await key.run(async () => {
      const optionsJSON = await api.post<PublicKeyCredentialRequestOptionsJSON>('/session/webauthn/options')
      const response = await startAuthentication({ optionsJSON })
      return api.post<SessionState>('/session/webauthn', { response })
    })
    if (state) finish(state)
  }

  async function startOver() {
    await signOut().catch(() => undefined)
    navigate('/sign-in')
  }

  const { totp: hasTotp, webauthn: hasKey } = session.secondFactors
  return (
    <div className="narrow">
      <h1>Confirm it’s you</h1>
      <p>
        Your password was right. To finish signing in as <strong>{session.user?.email}</strong>,{' '}
        {hasTotp && hasKey
          ? 'enter a code or use your security key'
          : hasTotp
            ? 'enter the code from your authenticator app'
            : 'use your security key'}
        .
      </p>
      {hasTotp && (
        <form className="panel" onSubmit={submitted(submitCode)} noValidate aria-busy={totp.busy}>
          <h2>Authenticator app</h2>
          <FormAlert error={totp.error} fields={['code']} />
          <CodeField
            label="Code from your authenticator app"
            value={code}
            onChange={setCode}
            error={totp.fieldError('code')}
          />
          {session.user && <DemoCode email={session.user.email} onUse={setCode} />}
          <div className="form-actions">
            <SubmitButton busy={totp.busy} busyText="Checking…">
              Verify code
            </SubmitButton>
          </div>
        </form>
      )}
      {hasKey && (
        <section className="panel" aria-labelledby="key-heading">
          <h2 id="key-heading">Security key</h2>
          <FormAlert error={key.error} />
          <p>Your browser will ask you to touch or unlock your key.</p>
          <button type="button" className="button primary" onClick={() => void signInWithSecurityKey()}>
            {key.busy ? 'Waiting for the key…' : 'Use a security key'}
          </button>
        </section>
      )}
      <p>
        <button type="button" className="button link" onClick={() => void startOver()}>
          Sign in as someone else
        </button>
      </p>
    </div>
  )
}
