// The instance's OpenPGP key where people look for it: on the report form, the intake address and
// the key to encrypt a report to; in the footer of every page, its fingerprint, so anyone can check
// the key they were given (or the signature on a notification) against this site.
import { INSTANCE_KEY_URL, useInstanceKey } from '../api/instanceKey'
import { Fingerprint } from './PgpKeyFacts'

export function EmailReportNote() {
  const key = useInstanceKey().data
  if (!key) return null
  return (
    <div className="alert alert-info email-intake" role="note" aria-label="Reporting by e-mail">
      <p>
        <strong>Prefer e-mail?</strong> Write to <a href={`mailto:${key.intakeAddress}`}>{key.intakeAddress}</a>,
        encrypted to our OpenPGP key (fingerprint <Fingerprint fingerprint={key.fingerprint} />,{' '}
        <a href={INSTANCE_KEY_URL}>download the key</a>). You get the tracking ID and the follow-up link by return mail.
      </p>
    </div>
  )
}

export function InstanceKeyFooter() {
  const key = useInstanceKey().data
  if (!key) return null
  return (
    <p>
      This instance’s OpenPGP key: <Fingerprint fingerprint={key.fingerprint} /> (
      <a href={INSTANCE_KEY_URL}>download</a>)
    </p>
  )
}
