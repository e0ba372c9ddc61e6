// On a case's summary, for its coordinators: each peer told of the case with when it was told,
// when that reached it and its answer ("told 14:02, delivered 14:02, accepted 14:05"), the peers
// deliberately told later with why, and the two actions: telling a peer later, and handing the
// case over to a peer (the case becomes read-only here once the peer accepts).
import { useState } from 'react'
import { api } from '../../api/client'
import type { CaseOffers, PeersTold as PeersToldData } from '../../api/federationTypes'
import { useLoad } from '../../api/hooks'
import type { CaseDetail } from '../../api/types'
import { FormAlert, Notice } from '../../components/forms'
import { usePeerActions } from './peerActions'
import { PeersToldList } from './PeersToldList'
import { TellLaterForm } from './TellLaterForm'

const answerWords = { offered: 'no answer yet', accepted: 'accepted', declined: 'declined' } as const

export function PeersTold({ detail, peers }: { detail: CaseDetail; peers: CaseOffers['peers'] }) {
  const loaded = useLoad(() => api.get<PeersToldData>(`/cases/${detail.id}/peers-told`), detail.id)
  const [peerId, setPeerId] = useState('')
  const actions = usePeerActions(`/cases/${detail.id}`, loaded.reload)
  const { action, done, send } = actions
  const data = loaded.data
  if (!data) return null
  const chosen = peerId || peers[0]?.id || ''
  const mayAct = detail.abilities.offer_to_peer && peers.length > 0
  if (data.told.length === 0 && data.deferred.length === 0 && !mayAct) return null
  return (
    <section aria-labelledby="peers-told-heading">
      <h3 id="peers-told-heading">Peers told</h3>
      <PeersToldList
        told={data.told.map((t) => ({
          key: `${t.peerId}-${t.toldAt}`,
          peer: t.kind === 'handoff' ? `${t.peerName} (hand-over)` : t.peerName,
          toldAt: t.toldAt,
          deliveredAt: t.deliveredAt,
          answer: answerWords[t.state],
          answeredAt: t.answeredAt,
        }))}
        deferred={data.deferred}
      />
      {mayAct && (
        <TellLaterForm
          actions={actions}
          peerLabel="Peer"
          peers={peers.map((p) => ({ value: p.id, label: `${p.name} (${p.baseUrl})` }))}
          peerId={chosen}
          onPeerChange={setPeerId}
          top={
            <>
              <FormAlert error={action.error} fields={['peerId', 'justification']} />
              {done && <Notice>{done}</Notice>}
            </>
          }
        >
          {' '}
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
        </TellLaterForm>
      )}
    </section>
  )
}
