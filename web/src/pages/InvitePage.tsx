// /invite/:token: who is invited to what; then create the account (name and password), or, when
// the account exists, join with it once signed in as that address.
import { useState } from 'react'
import { api } from '../api/client'
import { useAction, useLoad } from '../api/hooks'
import { nextStepAfterSignIn, useSession } from '../api/session'
import type { InvitationLookup } from '../api/types'
import { FormAlert, SubmitButton, TextField, submitted } from '../components/forms'
import { NewPasswordFields, unmatchedConfirmation } from '../components/NewPasswordFields'
import { Loading, LoadError } from '../components/Status'
import { Time } from '../components/Time'
import { usePageTitle } from '../pageTitle'
import { Link, navigate, withNext } from '../router'
import { instanceRoleLabel } from './labels'

function invitedTo(lookup: InvitationLookup): string {
  if (lookup.organizationName) return lookup.organizationName
  return `this Lockstep instance as ${instanceRoleLabel[lookup.instanceRole].toLowerCase()}`
}

export function InvitePage({ token }: { token: string }) {
  usePageTitle('Invitation')
  const lookup = useLoad(() => api.post<InvitationLookup>('/invitations/lookup', { token }), token)
  return (
    <div className="narrow">
      <h1>Your invitation</h1>
      {lookup.error ? (
        <LoadError error={lookup.error} />
      ) : !lookup.data ? (
        <Loading what="the invitation" />
      ) : (
        <Invitation token={token} lookup={lookup.data} />
      )}
    </div>
  )
}

function Invitation({ token, lookup }: { token: string; lookup: InvitationLookup }) {
  const { session, reload, signOut } = useSession()
  const signedInAs = session.stage === 'complete' ? session.user?.email.toLowerCase() : undefined
  const isInvitee = signedInAs === lookup.email.toLowerCase()
  const here = `/invite/${token}`
  const accept = useAction()

  async function join() {
    const done = await accept.run(() => api.post('/invitations/accept', { token }))
    if (done) {
      await reload()
      navigate('/')
    }
  }

  return (
    <>
      <p className="lead">
        <strong>{lookup.email}</strong> is invited to join <strong>{invitedTo(lookup)}</strong>.
      </p>
      <p className="muted">
        The link works until <Time iso={lookup.expiresAt} />.
      </p>
      {lookup.accountExists && !isInvitee ? (
        <div className="panel">
          <p>
            An account for {lookup.email} already exists. {signedInAs ? `You are signed in as ${signedInAs}. ` : ''}Sign
            in as {lookup.email} first, then open this link again.
          </p>
          {signedInAs ? (
            <button
              type="button"
              className="button primary"
              onClick={() => void signOut().then(() => navigate(withNext('/sign-in', here)))}
            >
              Sign out and sign in as {lookup.email}
            </button>
          ) : (
            <Link className="button primary" to={withNext('/sign-in', here)}>
              Sign in to accept
            </Link>
          )}
        </div>
      ) : lookup.accountExists ? (
        <div className="panel">
          <FormAlert error={accept.error} />
          <button type="button" className="button primary" onClick={() => void join()}>
            {accept.busy ? 'Joining…' : 'Accept the invitation'}
          </button>
        </div>
      ) : (
        <NewAccountForm
          token={token}
          email={lookup.email}
          onCreated={async () => navigate(nextStepAfterSignIn(await reload(), '/'))}
        />
      )}
    </>
  )
}

function NewAccountForm({ token, email, onCreated }: { token: string; email: string; onCreated(): Promise<void> }) {
  const [name, setName] = useState('')
  const [password, setPassword] = useState('')
  const [confirmation, setConfirmation] = useState('')
  const action = useAction()

  async function create() {
    const mismatch = unmatchedConfirmation(password, confirmation, 'Password')
    if (mismatch) return action.fail(mismatch)
    const done = await action.run(() => api.post('/invitations/accept', { token, name: name.trim(), password }))
    if (done) await onCreated()
  }

  return (
    <form className="panel" onSubmit={submitted(create)} noValidate aria-busy={action.busy}>
      <h2>Create your account</h2>
      <FormAlert error={action.error} fields={['name', 'password', 'confirmation']} />
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <TextField
        label="Your name"
        autoComplete="name"
        value={name}
        onChange={setName}
        error={action.fieldError('name')}
      />
      <NewPasswordFields
        label="Password"
        field="password"
        password={password}
        confirmation={confirmation}
        onPasswordChange={setPassword}
        onConfirmationChange={setConfirmation}
        action={action}
      />
      <div className="form-actions">
        <SubmitButton busy={action.busy} busyText="Creating…">
          Create account and join
        </SubmitButton>
      </div>
    </form>
  )
}
