// /admin/peers: the other Lockstep instances this one federates with (issue 17). The admin adds
// one by its address, compares the fingerprint shown with the other instance's admin out of band
// and only then confirms it (the key is pinned); a confirmed peer can be sent a note to check
// that messages get through. This instance's own fingerprint is shown to read to the other admin.
import { useEffect, useState } from 'react'
import { api } from '../../api/client'
import { useAction, useLoad } from '../../api/hooks'
import { useSignedIn } from '../../api/session'
import type { FederationMessages, Peer } from '../../api/federationTypes'
import { ConfirmAction } from '../../components/ConfirmAction'
import { DataTable } from '../../components/DataTable'
import { FormAlert, Notice, SubmitButton, TextField, submitted } from '../../components/forms'
import { EmptyState, LoadedList } from '../../components/Status'
import { Time } from '../../components/Time'
import { AdminFrame } from './AdminFrame'

const stateWords: Record<Peer['state'], string> = {
  pending: 'Waiting for its fingerprint to be confirmed',
  pinned: 'Confirmed',
  removed: 'Removed',
}

function OurFingerprint() {
  const [fingerprint, setFingerprint] = useState<string | null>(null)
  useEffect(() => {
    void fetch('/.well-known/lockstep-peer')
      .then((r) => (r.ok ? (r.json() as Promise<{ fingerprint: string }>) : null))
      .then((d) => setFingerprint(d?.fingerprint ?? null))
      .catch(() => setFingerprint(null))
  }, [])
  if (!fingerprint) return null
  return (
    <p>
      This instance’s fingerprint, to read to the other admin: <code>{fingerprint}</code>
    </p>
  )
}

function ConfirmForm({ peer, onDone }: { peer: Peer; onDone(): Promise<void> }) {
  const [fingerprint, setFingerprint] = useState('')
  const action = useAction()
  async function confirm() {
    const ok = await action.run(() =>
      api.post(`/federation/peers/${peer.id}/confirm`, { fingerprint }).then(() => true),
    )
    if (ok) await onDone()
  }
  return (
    <form onSubmit={submitted(confirm)} noValidate aria-busy={action.busy}>
      <FormAlert error={action.error} fields={['fingerprint']} />
      <TextField
        label={`Fingerprint of ${peer.name}, as its admin told you`}
        hint={`Shown here as fetched: ${peer.fingerprint}. Confirm only if it is what the other admin reads to you.`}
        value={fingerprint}
        onChange={setFingerprint}
        error={action.fieldError('fingerprint')}
      />
      <SubmitButton busy={action.busy} busyText="Confirming…">
        Confirm and pin its key
      </SubmitButton>
    </form>
  )
}

function PingForm({ peer, onSent }: { peer: Peer; onSent(): Promise<void> }) {
  const [text, setText] = useState('')
  const [sent, setSent] = useState(false)
  const action = useAction()
  async function send() {
    setSent(false)
    const ok = await action.run(() => api.post(`/federation/peers/${peer.id}/ping`, { text }).then(() => true))
    if (!ok) return
    setSent(true)
    setText('')
    await onSent()
  }
  return (
    <form onSubmit={submitted(send)} noValidate aria-busy={action.busy}>
      <FormAlert error={action.error} fields={['text']} />
      {sent && <Notice>The note is on its way; it is tried again until {peer.name} takes it.</Notice>}
      <TextField label={`A note to ${peer.name}`} value={text} onChange={setText} error={action.fieldError('text')} />
      <SubmitButton busy={action.busy} busyText="Sending…">
        Send
      </SubmitButton>
    </form>
  )
}

export function PeersPage() {
  const { session } = useSignedIn()
  const peers = useLoad(() => api.get<Peer[]>('/federation/peers'), 'peers')
  const messages = useLoad(() => api.get<FederationMessages>('/federation/messages'), 'federation messages')
  const [url, setUrl] = useState('')
  const add = useAction()
  const remove = useAction()

  async function addPeer() {
    const ok = await add.run(() => api.post<Peer>('/federation/peers', { url }).then(() => true))
    if (!ok) return
    setUrl('')
    await peers.reload()
  }
  const reload = async () => {
    await peers.reload()
    await messages.reload()
  }

  return (
    <AdminFrame title="Peer instances" allowed={session.instance.list_peers}>
      <OurFingerprint />
      <LoadedList
        loaded={peers}
        what="peers"
        empty={
          <EmptyState title="No peer instances yet.">
            <p>Add another Lockstep instance by its address to share cases with its coordinators.</p>
          </EmptyState>
        }
      >
        {(list) => (
          <>
            <FormAlert error={remove.error} />
            <DataTable label="Peer instances" columns={['Instance', 'Fingerprint', 'State', 'Added']} actions>
              {list.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    {p.name}
                    <br />
                    <span className="muted">{p.baseUrl}</span>
                  </th>
                  <td>
                    <code>{p.fingerprint}</code>
                  </td>
                  <td>{stateWords[p.state]}</td>
                  <td>
                    <Time iso={p.addedAt} />
                  </td>
                  <td>
                    {session.instance.manage_peers && (
                      <ConfirmAction
                        label="Remove"
                        accessibleLabel={`Remove ${p.name}`}
                        question={`Remove ${p.name}? Its messages will be refused.`}
                        confirmLabel="Remove"
                        onConfirm={async () => {
                          const ok = await remove.run(() => api.delete(`/federation/peers/${p.id}`).then(() => true))
                          if (ok) await reload()
                        }}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </DataTable>
            {session.instance.manage_peers &&
              list.map((p) => (
                <section className="panel" key={p.id} aria-label={p.name}>
                  <h2>{p.name}</h2>
                  {p.state === 'pending' ? (
                    <ConfirmForm peer={p} onDone={reload} />
                  ) : (
                    <PingForm peer={p} onSent={reload} />
                  )}
                </section>
              ))}
          </>
        )}
      </LoadedList>
      {session.instance.manage_peers && (
        <section className="panel" aria-labelledby="add-peer-heading">
          <h2 id="add-peer-heading">Add a peer instance</h2>
          <form onSubmit={submitted(addPeer)} noValidate aria-busy={add.busy}>
            <FormAlert error={add.error} fields={['url']} />
            <TextField
              label="Its address"
              hint="For example https://cert.example.org. Its key is fetched and kept until you confirm its fingerprint."
              value={url}
              onChange={setUrl}
              error={add.fieldError('url')}
            />
            <SubmitButton busy={add.busy} busyText="Fetching its key…">
              Add
            </SubmitButton>
          </form>
        </section>
      )}
      <LoadedList loaded={messages} what="messages">
        {(m) =>
          m.sent.length + m.received.length === 0 ? null : (
            <DataTable label="Messages" columns={['Direction', 'Peer', 'What', 'State', 'When']}>
              {[
                ...m.sent.map((s) => (
                  <tr key={`s-${s.activityId}`}>
                    <th scope="row">Sent</th>
                    <td>{s.peer}</td>
                    <td>{s.activityType === 'Create/Note' ? 'A note' : s.activityType}</td>
                    <td>
                      {s.status === 'delivered'
                        ? 'Delivered'
                        : s.status === 'failed'
                          ? `Not delivered: ${s.lastError ?? ''}`
                          : `Waiting (${s.attempts} attempts so far)`}
                    </td>
                    <td>
                      <Time iso={s.deliveredAt ?? s.createdAt} />
                    </td>
                  </tr>
                )),
                ...m.received.map((r) => (
                  <tr key={`r-${r.activityId}`}>
                    <th scope="row">Received</th>
                    <td>{r.peer}</td>
                    <td>{r.activityType === 'Create/Note' ? 'A note' : r.activityType}</td>
                    <td>Signature checked</td>
                    <td>
                      <Time iso={r.receivedAt} />
                    </td>
                  </tr>
                )),
              ]}
            </DataTable>
          )
        }
      </LoadedList>
    </AdminFrame>
  )
}
