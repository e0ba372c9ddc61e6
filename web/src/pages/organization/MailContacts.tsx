// How an organization is reached by mail: its contacts (people, with or without an account, who
// get its case notifications and may answer them) and its OpenPGP keys (notifications are
// encrypted to the key whose user IDs name the contact, or to the only key there is). Those who
// manage the contacts add and remove them here; other readers see the lists.
import { useState } from 'react'
import { api } from '../../api/client'
import { useAction, useLoad } from '../../api/hooks'
import type { Organization, OrganizationContact, PgpKey } from '../../api/types'
import { ConfirmAction } from '../../components/ConfirmAction'
import { DataTable } from '../../components/DataTable'
import {
  FormAlert,
  Notice,
  SelectField,
  SubmitButton,
  TextAreaField,
  TextField,
  localProblem,
  submitted,
} from '../../components/forms'
import { PgpKeyFacts, groupedFingerprint } from '../../components/PgpKeyFacts'
import { EmptyState, LoadedList } from '../../components/Status'

const contactKindLabel: Record<OrganizationContact['kind'], string> = { primary: 'Primary', alternate: 'Alternate' }
const contactKinds = [
  { value: 'primary', label: 'Primary contact' },
  { value: 'alternate', label: 'Alternate contact' },
]

export function MailContacts({ organization }: { organization: Organization }) {
  return (
    <section aria-labelledby="mail-heading">
      <h2 id="mail-heading">Mail contacts and keys</h2>
      <p>
        Lockstep mails {organization.name}’s case notifications to these contacts, encrypted to the organization’s
        OpenPGP key when it has one. Contacts can answer by e-mail without an account.
      </p>
      <Contacts organization={organization} />
      <Keys organization={organization} />
    </section>
  )
}

function Contacts({ organization }: { organization: Organization }) {
  const path = `/organizations/${organization.id}/contacts`
  const contacts = useLoad(() => api.get<OrganizationContact[]>(path), path)
  const manage = organization.abilities.manage_contacts
  const [email, setEmail] = useState('')
  const [name, setName] = useState('')
  const [kind, setKind] = useState<OrganizationContact['kind']>('primary')
  const [notice, setNotice] = useState<string | null>(null)
  const add = useAction()
  const remove = useAction()

  async function addContact() {
    setNotice(null)
    const added = await add.run(() =>
      api.post<OrganizationContact>(path, { email: email.trim(), name: name.trim() || null, kind }),
    )
    if (!added) return
    await contacts.reload()
    setEmail('')
    setName('')
    setNotice(`${added.email} is now a contact of ${organization.name}.`)
  }

  async function removeContact(contact: OrganizationContact) {
    setNotice(null)
    const ok = await remove.run(() => api.delete(`${path}/${contact.id}`).then(() => true))
    if (!ok) return
    await contacts.reload()
    setNotice(`${contact.email} is no longer a contact of ${organization.name}.`)
  }

  return (
    <section className="panel" aria-labelledby="contacts-heading">
      <h3 id="contacts-heading">Contacts</h3>
      <div aria-live="polite">{notice && <Notice>{notice}</Notice>}</div>
      <FormAlert error={remove.error} />
      <LoadedList
        loaded={contacts}
        what="contacts"
        empty={
          <EmptyState title="No mail contacts yet.">
            <p>
              {manage
                ? 'Add the address where the organization wants to hear about cases.'
                : 'The organization’s admins add them.'}
            </p>
          </EmptyState>
        }
      >
        {(list) => (
          <DataTable
            label={`Mail contacts of ${organization.name}`}
            columns={['E-mail', 'Name', 'Kind']}
            actions={manage}
          >
            {list.map((c) => (
              <tr key={c.id}>
                <th scope="row">{c.email}</th>
                <td>{c.name ?? <span className="muted">No name</span>}</td>
                <td>{contactKindLabel[c.kind]}</td>
                {manage && (
                  <td>
                    <ConfirmAction
                      label="Remove"
                      accessibleLabel={`Remove the contact ${c.email}`}
                      question={`Remove ${c.email}? Their reply addresses stop working.`}
                      confirmLabel="Yes, remove"
                      onConfirm={() => removeContact(c)}
                    />
                  </td>
                )}
              </tr>
            ))}
          </DataTable>
        )}
      </LoadedList>
      {manage && (
        <form onSubmit={submitted(addContact)} noValidate aria-busy={add.busy} aria-labelledby="add-contact-heading">
          <h4 id="add-contact-heading">Add a contact</h4>
          <FormAlert error={add.error} fields={['email', 'name', 'kind']} />
          <TextField
            label="Contact’s e-mail"
            type="email"
            autoComplete="off"
            value={email}
            onChange={setEmail}
            error={add.fieldError('email')}
          />
          <TextField
            label="Contact’s name"
            optional
            autoComplete="off"
            value={name}
            onChange={setName}
            error={add.fieldError('name')}
          />
          <SelectField
            label="Kind of contact"
            hint="Every contact gets the notifications; the kind tells coordinators whom to reach first."
            value={kind}
            onChange={(v) => setKind(v as OrganizationContact['kind'])}
            options={contactKinds}
            error={add.fieldError('kind')}
          />
          <SubmitButton busy={add.busy} busyText="Adding…">
            Add contact
          </SubmitButton>
        </form>
      )}
    </section>
  )
}

function Keys({ organization }: { organization: Organization }) {
  const path = `/organizations/${organization.id}/pgp-keys`
  const keys = useLoad(() => api.get<PgpKey[]>(path), path)
  const manage = organization.abilities.manage_contacts
  const [armored, setArmored] = useState('')
  const [notice, setNotice] = useState<string | null>(null)
  const add = useAction()
  const remove = useAction()

  async function addKey() {
    setNotice(null)
    if (!armored.trim())
      return add.fail(
        localProblem(
          'armored',
          'Paste the public key: it starts with -----BEGIN PGP PUBLIC KEY BLOCK-----.',
          'There is no key to add.',
        ),
      )
    const added = await add.run(() => api.post<PgpKey>(path, { armored: armored.trim() }))
    if (!added) return
    await keys.reload()
    setArmored('')
    setNotice(`The key ${groupedFingerprint(added.fingerprint)} is added.`)
  }

  async function removeKey(key: PgpKey) {
    setNotice(null)
    const ok = await remove.run(() => api.delete(`${path}/${key.id}`).then(() => true))
    if (!ok) return
    await keys.reload()
    setNotice(`The key ${groupedFingerprint(key.fingerprint)} is removed.`)
  }

  return (
    <section className="panel" aria-labelledby="org-keys-heading">
      <h3 id="org-keys-heading">OpenPGP keys</h3>
      <p className="muted">
        A contact’s mail is encrypted to the key whose user IDs name their address, or to the organization’s only key.
      </p>
      <div aria-live="polite">{notice && <Notice>{notice}</Notice>}</div>
      <FormAlert error={remove.error} />
      <LoadedList
        loaded={keys}
        what="OpenPGP keys"
        empty={
          <EmptyState title="No OpenPGP keys yet.">
            <p>
              Without a key, notifications about cases under embargo reach the contacts only as a notice to sign in.
            </p>
          </EmptyState>
        }
      >
        {(list) => (
          <ul className="item-list key-list" aria-labelledby="org-keys-heading">
            {list.map((k) => (
              <li key={k.id}>
                <div>
                  <PgpKeyFacts pgpKey={k} />
                </div>
                {manage && (
                  <ConfirmAction
                    label="Remove"
                    accessibleLabel={`Remove the key ${groupedFingerprint(k.fingerprint)}`}
                    question="Remove this key? Mail to the contacts it covers is no longer encrypted."
                    confirmLabel="Yes, remove"
                    onConfirm={() => removeKey(k)}
                  />
                )}
              </li>
            ))}
          </ul>
        )}
      </LoadedList>
      {manage && (
        <form onSubmit={submitted(addKey)} noValidate aria-busy={add.busy} aria-labelledby="add-key-heading">
          <h4 id="add-key-heading">Add a key</h4>
          <FormAlert error={add.error} fields={['armored']} />
          <TextAreaField
            label="The organization’s public key (ASCII-armored)"
            hint="Its user IDs should name the contacts’ addresses. Only the public key."
            className="monospace"
            rows={8}
            spellCheck={false}
            value={armored}
            onChange={setArmored}
            error={add.fieldError('armored')}
          />
          <SubmitButton busy={add.busy} busyText="Checking the key…">
            Add key
          </SubmitButton>
        </form>
      )}
    </section>
  )
}
