// The authenticator app (TOTP): set it up, or remove it when the account's abilities allow (staff
// must keep theirs).
import { useState } from 'react'
import { api } from '../../api/client'
import { useAction } from '../../api/hooks'
import { useSignedIn } from '../../api/session'
import { FormAlert, Notice } from '../../components/forms'
import { ConfirmAction } from '../../components/ConfirmAction'
import { TotpEnrolment } from '../../components/TotpEnrolment'

export function AuthenticatorSection() {
  const { user, reload } = useSignedIn()
  const [notice, setNotice] = useState<string | null>(null)
  const remove = useAction()

  async function removeApp() {
    setNotice(null)
    const ok = await remove.run(async () => {
      await api.delete('/me/totp')
      return true
    })
    if (ok) {
      await reload()
      setNotice('The authenticator app is removed.')
    }
  }

  async function confirmed() {
    await reload()
    setNotice('Your authenticator app is set up. You will be asked for a code when you sign in.')
  }

  return (
    <section id="authenticator" className="panel" aria-labelledby="authenticator-heading">
      <h2 id="authenticator-heading">Authenticator app</h2>
      {notice && <Notice>{notice}</Notice>}
      <FormAlert error={remove.error} />
      {user.totpEnabled ? (
        <>
          <p>
            <span className="badge badge-ok">Set up</span> You enter a code from your authenticator app when you sign
            in.
          </p>
          {user.abilities.remove_authenticator ? (
            <ConfirmAction
              label="Remove the authenticator app"
              question="Remove it? You will no longer be asked for its codes."
              confirmLabel="Yes, remove it"
              onConfirm={removeApp}
            />
          ) : (
            <p className="muted">
              Instance staff keep an authenticator app. If you lose it, an instance admin can reset it for you.
            </p>
          )}
        </>
      ) : (
        <>
          <p>
            <span className="badge badge-neutral">Not set up</span> An authenticator app adds a six-digit code to your
            sign-in, so a stolen password is not enough.
          </p>
          <TotpEnrolment onConfirmed={confirmed} headingLevel={3} />
        </>
      )}
    </section>
  )
}
