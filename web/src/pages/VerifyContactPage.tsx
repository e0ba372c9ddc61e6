// /verify-contact/:token: a security contact confirms the address an organization gave for it.
// Confirming is a button, not the page load, so a mail scanner that fetches links confirms nothing.
import { useState } from 'react'
import { api } from '../api/client'
import { useAction } from '../api/hooks'
import { FormAlert, Notice, SubmitButton, submitted } from '../components/forms'
import { usePageTitle } from '../pageTitle'

export function VerifyContactPage({ token }: { token: string }) {
  usePageTitle('Confirm your address')
  const [done, setDone] = useState<{ email: string; organization: string } | null>(null)
  const action = useAction()

  async function confirm() {
    const result = await action.run(() =>
      api.post<{ email: string; organization: string }>('/contacts/verify', { token }),
    )
    if (result) setDone(result)
  }

  return (
    <div className="narrow">
      <h1>Confirm your address</h1>
      {done ? (
        <Notice>
          Thank you: {done.email} is confirmed as a security contact of {done.organization}.
        </Notice>
      ) : (
        <form className="panel" onSubmit={submitted(confirm)} noValidate aria-busy={action.busy}>
          <FormAlert error={action.error} fields={[]} />
          <p>
            Your address was given as a security contact of an organization here. Confirm it if that is right; otherwise
            close this page.
          </p>
          <div className="form-actions">
            <SubmitButton busy={action.busy} busyText="Confirming…">
              Confirm my address
            </SubmitButton>
          </div>
        </form>
      )}
    </div>
  )
}
