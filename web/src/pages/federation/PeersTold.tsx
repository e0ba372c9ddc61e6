// On a case's summary, for its coordinators: each peer told of the case with when it was told,
// when that reached it and its answer ("told 14:02, delivered 14:02, accepted 14:05"), the peers
// deliberately told later with why, and the two actions: telling a peer later, and handing the
// case over to a peer (the case becomes read-only here once the peer accepts).
import { useState } from 'react'
import { api } from '../../api/client'
import type { CaseOffers, PeersTold as PeersToldData } from '../../api/federationTypes'
import { useAction, useLoad } from '../../api/hooks'
import type { CaseDetail } from '../../api/types'
import { FormAlert, Notice, SelectField, SubmitButton, TextAreaField, submitted } from '../../components/forms'
import { Time } from '../../components/Time'

/** When a message to a peer reached it (a case's or a report's list of peers told). */
export function Delivered({ at }: { at: string | null }) {
  return at ? (
    <>
      delivered <Time iso={at} />
    </>
  ) : (
    <>not delivered yet</>
  )
}

/** A peer deliberately told later, with why (a case's or a report's list of peers told). */
export function DeferredPeer({ deferral: d }: { deferral: PeersToldData['deferred'][number] }) {
  return (
    <li>
      {d.peerName}: to be told later
      {d.until ? (
        <>
          {' '}
          (not before <Time iso={d.until} />)
        </>
      ) : (
        ''
      )}
      , “{d.justification}” ({d.decidedBy})
    </li>
  )
}

const answerWords = { offered: 'no answer yet', accepted: 'accepted', declined: 'declined' } as const

export function PeersTold({ detail, peers }: { detail: CaseDetail; peers: CaseOffers['peers'] }) {
  const loaded = useLoad(() => api.get<PeersToldData>(`/cases/${detail.id}/peers-told`), detail.id)
  const [peerId, setPeerId] = useState('')
  const [justification, setJustification] = useState('')
  const [done, setDone] = useState('')
  const action = useAction()
  const data = loaded.data
  if (!data) return null
  const chosen = peerId || peers[0]?.id || ''
  async function send(path: string, body: object, said: string) {
    setDone('')
    const ok = await action.run(() => api.post(`/cases/${detail.id}/${path}`, body).then(() => true))
    if (!ok) return
    setDone(said)
    await loaded.reload()
  }
  const mayAct = detail.abilities.offer_to_peer && peers.length > 0
  if (data.told.length === 0 && data.deferred.length === 0 && !mayAct) return null
  return (
    <section aria-labelledby="peers-told-heading">
      <h3 id="peers-told-heading">Peers told</h3>
      {(data.told.length > 0 || data.deferred.length > 0) && (
        <ul className="link-list">
          {data.told.map((t) => (
            <li key={`${t.peerId}-${t.toldAt}`}>
              {t.peerName}
              {t.kind === 'handoff' ? ' (hand-over)' : ''}: told <Time iso={t.toldAt} />,{' '}
              <Delivered at={t.deliveredAt} />, {answerWords[t.state]}
              {t.answeredAt && (
                <>
                  {' '}
                  <Time iso={t.answeredAt} />
                </>
              )}
            </li>
          ))}
          {data.deferred.map((d) => (
            <DeferredPeer key={`${d.peerId}-${d.decidedAt}`} deferral={d} />
          ))}
        </ul>
      )}
      {mayAct && (
        <form
          onSubmit={submitted(() =>
            send('peer-offers/deferrals', { peerId: chosen, justification }, 'Recorded: they are told later.'),
          )}
          noValidate
          aria-busy={action.busy}
        >
          <FormAlert error={action.error} fields={['peerId', 'justification']} />
          {done && <Notice>{done}</Notice>}
          <SelectField
            label="Peer"
            value={chosen}
            onChange={setPeerId}
            options={peers.map((p) => ({ value: p.id, label: `${p.name} (${p.baseUrl})` }))}
            error={action.fieldError('peerId')}
          />
          <TextAreaField
            label="Why they are told later"
            value={justification}
            onChange={setJustification}
            rows={2}
            error={action.fieldError('justification')}
          />
          <SubmitButton busy={action.busy} busyText="Recording…">
            Tell them later
          </SubmitButton>{' '}
          <button
            type="button"
            className="button"
            aria-disabled={action.busy || undefined}
            onClick={() =>
              void send(
                'handoff',
                { peerId: chosen },
                'The hand-over is on its way; once they accept, this case is read-only here.',
              )
            }
          >
            Hand over to a peer
          </button>
        </form>
      )}
    </section>
  )
}
