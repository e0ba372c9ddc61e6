// An OpenPGP key as a person checks it: the fingerprint in groups of four (as GnuPG prints it, so
// it can be compared aloud), the addresses it is for, and when it stops working, with a warning
// when that is close.
import type { PgpKey } from '../api/types'
import { MaybeTime, Time } from './Time'

/** "F879 08E8 5138 …": easier to read out and compare than forty characters in a row. */
export const groupedFingerprint = (fingerprint: string) =>
  fingerprint.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ')

export function Fingerprint({ fingerprint }: { fingerprint: string }) {
  return <code className="fingerprint">{groupedFingerprint(fingerprint)}</code>
}

const EXPIRY_WARNING_DAYS = 30

/** Whether the key stops working for encryption within the next 30 days (or already has). */
export function expiresSoon(expiresAt: string | null, now = new Date()): boolean {
  return expiresAt !== null && new Date(expiresAt).getTime() - now.getTime() < EXPIRY_WARNING_DAYS * 24 * 60 * 60 * 1000
}

export function PgpKeyFacts({ pgpKey }: { pgpKey: PgpKey }) {
  const expired = pgpKey.expiresAt !== null && new Date(pgpKey.expiresAt) <= new Date()
  return (
    <>
      <dl className="key-facts">
        <div>
          <dt>Fingerprint</dt>
          <dd>
            <Fingerprint fingerprint={pgpKey.fingerprint} />
          </dd>
        </div>
        <div>
          <dt>For</dt>
          <dd>
            {pgpKey.emails.length > 0 ? (
              pgpKey.emails.join(', ')
            ) : (
              <span className="muted">No e-mail address in its user IDs</span>
            )}
          </dd>
        </div>
        <div>
          <dt>Algorithm</dt>
          <dd>{pgpKey.algorithm}</dd>
        </div>
        <div>
          <dt>Created</dt>
          <dd>
            <Time iso={pgpKey.createdAt} />
          </dd>
        </div>
        <div>
          <dt>Expires</dt>
          <dd>
            <MaybeTime iso={pgpKey.expiresAt} otherwise="Never" />
          </dd>
        </div>
      </dl>
      {expiresSoon(pgpKey.expiresAt) && (
        <p className="warning key-expiry">
          {expired
            ? 'This key has expired: mail can no longer be encrypted to it.'
            : 'This key expires within 30 days.'}{' '}
          Extend its expiry (or make a new key) and upload it again.
        </p>
      )}
    </>
  )
}
