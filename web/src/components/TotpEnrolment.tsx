// Setting up an authenticator app: ask the server for a secret, show it (and its otpauth link)
// to type or paste into the app, then confirm with the app's first code.
import { useState } from 'react'
import { api } from '../api/client'
import { useAction } from '../api/hooks'
import { CodeField } from './CodeField'
import { CopyField } from './CopyField'
import { FormAlert, SubmitButton, submitted } from './forms'

interface Enrolment {
  secret: string
  uri: string
}

/** The secret in groups of four, as authenticator apps print it. */
const grouped = (secret: string) => secret.replace(/(.{4})/g, '$1 ').trim()

export function TotpEnrolment({
  onConfirmed,
  headingLevel = 2,
}: {
  onConfirmed(): void | Promise<void>
  headingLevel?: 2 | 3
}) {
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null)
  const [code, setCode] = useState('')
  const start = useAction()
  const confirm = useAction()
  const Heading = headingLevel === 2 ? 'h2' : 'h3'

  async function begin() {
    const result = await start.run(() => api.post<Enrolment>('/me/totp'))
    if (result) setEnrolment(result)
  }

  async function finish() {
    const done = await confirm.run(async () => {
      await api.post('/me/totp/confirm', { code: code.trim() })
      return true
    })
    if (done) await onConfirmed()
  }

  if (!enrolment) {
    return (
      <div className="totp-start">
        <FormAlert error={start.error} />
        <button type="button" className="button primary" onClick={() => void begin()}>
          {start.busy ? 'Preparing…' : 'Set up an authenticator app'}
        </button>
      </div>
    )
  }

  return (
    <div className="totp-enrolment">
      <Heading>1. Add Lockstep to your app</Heading>
      <p>
        In your authenticator app (for example FreeOTP, Aegis, Google Authenticator or 1Password) add an account and
        type in this key, or paste the setup link if your app accepts one.
      </p>
      <CopyField label="Key" value={enrolment.secret} hint={`Grouped for reading: ${grouped(enrolment.secret)}`} />
      <CopyField label="Setup link (otpauth URI)" value={enrolment.uri} />
      <Heading>2. Confirm with a code</Heading>
      <form onSubmit={submitted(finish)} noValidate>
        <FormAlert error={confirm.error} fields={['code']} />
        <CodeField label="Code shown by the app" value={code} onChange={setCode} error={confirm.fieldError('code')} />
        <SubmitButton busy={confirm.busy} busyText="Checking…">
          Confirm
        </SubmitButton>
      </form>
    </div>
  )
}
