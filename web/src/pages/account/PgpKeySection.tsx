// Your OpenPGP public key: with it, notifications about cases under embargo reach you encrypted
// (and signed by the instance); without it, they are only a notice to sign in. Paste one to give
// or replace it; a private key, an expired one or one that cannot encrypt is refused beside the box.
import { useState } from 'react'
import { api } from '../../api/client'
import { useAction, useLoad } from '../../api/hooks'
import type { PgpKey } from '../../api/types'
import { ConfirmAction } from '../../components/ConfirmAction'
import { FormAlert, Notice, SubmitButton, TextAreaField, localProblem, submitted } from '../../components/forms'
import { PgpKeyFacts, groupedFingerprint } from '../../components/PgpKeyFacts'
import { LoadedList } from '../../components/Status'

export function PgpKeySection() {
  const key = useLoad(() => api.get<PgpKey | null>('/me/pgp-key'), 'pgp-key')
  const [armored, setArmored] = useState('')
  const [notice, setNotice] = useState<string | null>(null)
  const save = useAction()
  const remove = useAction()

  async function saveKey() {
    setNotice(null)
    if (!armored.trim())
      return save.fail(
        localProblem(
          'armored',
          'Paste your public key: it starts with -----BEGIN PGP PUBLIC KEY BLOCK-----.',
          'There is no key to save.',
        ),
      )
    const saved = await save.run(() => api.put<PgpKey>('/me/pgp-key', { armored: armored.trim() }))
    if (!saved) return
    await key.reload()
    setArmored('')
    setNotice(`Your key ${groupedFingerprint(saved.fingerprint)} is saved: notifications now reach you encrypted.`)
  }

  async function removeKey() {
    setNotice(null)
    const ok = await remove.run(() => api.delete('/me/pgp-key').then(() => true))
    if (!ok) return
    await key.reload()
    setNotice('Your key is removed: notifications about cases under embargo now reach you as a notice to sign in.')
  }

  return (
    <section id="openpgp" className="panel" aria-labelledby="openpgp-heading">
      <h2 id="openpgp-heading">OpenPGP key</h2>
      <p>
        Notifications about cases under embargo reach you by e-mail encrypted to your OpenPGP key only if you give one
        here; otherwise you get a notice to sign in and read them.
      </p>
      <div aria-live="polite">{notice && <Notice>{notice}</Notice>}</div>
      <FormAlert error={remove.error} />
      <LoadedList loaded={key} what="your OpenPGP key">
        {(current) =>
          current ? (
            <div className="key-current">
              <h3>Your key</h3>
              <PgpKeyFacts pgpKey={current} />
              <ConfirmAction
                label="Remove the key"
                accessibleLabel="Remove your OpenPGP key"
                question="Remove your key? Notifications then come as a notice to sign in."
                confirmLabel="Yes, remove it"
                onConfirm={removeKey}
              />
            </div>
          ) : (
            <p>
              <span className="badge badge-neutral">No key</span> Lockstep has no OpenPGP key for you.
            </p>
          )
        }
      </LoadedList>
      <form onSubmit={submitted(saveKey)} noValidate aria-busy={save.busy}>
        <h3>{key.data ? 'Replace your key' : 'Give your public key'}</h3>
        <FormAlert error={save.error} fields={['armored']} />
        <TextAreaField
          label="Public key (ASCII-armored)"
          hint={
            <>
              For example the output of <code>gpg --armor --export you@example.org</code>. Only the public key: never
              paste your private key anywhere.
            </>
          }
          className="monospace"
          rows={8}
          spellCheck={false}
          value={armored}
          onChange={setArmored}
          error={save.fieldError('armored')}
        />
        <SubmitButton busy={save.busy} busyText="Checking the key…">
          Save key
        </SubmitButton>
      </form>
    </section>
  )
}
