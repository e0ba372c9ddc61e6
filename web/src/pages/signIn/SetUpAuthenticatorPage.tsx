// /sign-in/set-up-authenticator: staff must have an authenticator app before they may do
// anything; this is where a new staff account (or one that lost its app) sets it up.
import { useSession } from '../../api/session'
import { nextStepAfterSignIn } from '../../api/session'
import { TotpEnrolment } from '../../components/TotpEnrolment'
import { usePageTitle } from '../../pageTitle'
import { navigate, useLocation } from '../../router'

export function SetUpAuthenticatorPage() {
  usePageTitle('Set up your authenticator app')
  const { session, reload } = useSession()
  const { search } = useLocation()

  async function confirmed() {
    const state = await reload()
    navigate(nextStepAfterSignIn(state, search.get('next') ?? '/'))
  }

  return (
    <div className="narrow">
      <h1>Set up your authenticator app</h1>
      <p>
        Staff accounts protect embargoed information, so <strong>{session.user?.email}</strong> needs a second factor: a
        six-digit code from an authenticator app each time you sign in. It takes a minute.
      </p>
      <div className="panel">
        <TotpEnrolment onConfirmed={confirmed} />
      </div>
    </div>
  )
}
