// On a case's summary, for its coordinators: the other coordinators' instances it was offered to
// (or the one it came from), each with its answer, and offering it to a confirmed peer. What the
// peer receives is filtered here first: nothing labelled TLP:RED or AMBER+STRICT, no private
// thread, the finder named only when they agreed.
import { useState } from 'react'
import { api } from '../../api/client'
import type { CaseOffers } from '../../api/federationTypes'
import { useLoad } from '../../api/hooks'
import type { CaseDetail } from '../../api/types'
import { Notice, SelectField } from '../../components/forms'
import { Time } from '../../components/Time'
import { offerStateWords } from './offerWords'
import { usePeerActions } from './peerActions'
import { PeersTold } from './PeersTold'
import { SendToPeersForm } from './SendToPeersForm'

export function SharedWithPeers({ detail }: { detail: CaseDetail }) {
  const loaded = useLoad(() => api.get<CaseOffers>(`/cases/${detail.id}/peer-offers`), detail.id)
  const [peerId, setPeerId] = useState('')
  const actions = usePeerActions(`/cases/${detail.id}`, loaded.reload)
  const data = loaded.data
  if (!data) return null
  const offered = new Set(data.offers.filter((o) => o.state !== 'declined').map((o) => o.peer.baseUrl))
  const choices = data.peers.filter((p) => !offered.has(p.baseUrl))
  const chosen = peerId || choices[0]?.id || ''
  if (data.offers.length === 0 && (!detail.abilities.offer_to_peer || data.peers.length === 0)) return null
  return (
    <section aria-labelledby="peers-heading">
      <h2 id="peers-heading">Other coordinators</h2>
      {data.offers.length > 0 && (
        <ul className="link-list">
          {data.offers.map((o) => (
            <li key={o.id}>
              {o.direction === 'sent' ? `Offered to ${o.peer.name}` : `Shared by ${o.peer.name}`} (
              <Time iso={o.offeredAt} />
              ): {offerStateWords[o.state]}
              {o.reason ? `, “${o.reason}”` : ''}
              {o.direction === 'sent' && o.sharedCaseUrl && (
                <>
                  {' '}
                  at <a href={o.sharedCaseUrl}>{o.sharedCaseUrl}</a>
                </>
              )}
              {o.direction === 'received' && (
                <>
                  {' '}
                  from <a href={o.originCaseUrl}>{o.originCaseUrl}</a>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {detail.abilities.offer_to_peer && choices.length > 0 && (
        <SendToPeersForm
          actions={actions}
          onSend={(shareFinderIdentity) =>
            actions.send(
              'peer-offers',
              { peerId: chosen, shareFinderIdentity },
              'The offer is on its way; it is sent again until the other instance takes it.',
            )
          }
          fields={['peerId']}
          neverNamed="A finder who asked to stay anonymous is never named."
          submit="Offer the case"
          busyText="Offering…"
          notice={actions.done && <Notice>{actions.done}</Notice>}
        >
          <SelectField
            label="Offer this case to"
            value={chosen}
            onChange={setPeerId}
            options={choices.map((p) => ({ value: p.id, label: `${p.name} (${p.baseUrl})` }))}
            error={actions.action.fieldError('peerId')}
            hint="Only the case-wide discussion goes, and nothing labelled TLP:RED or AMBER+STRICT; private threads stay here."
          />
        </SendToPeersForm>
      )}
      {/* Mounted afresh after an offer, so its times include the new one. */}
      <PeersTold key={data.offers.length} detail={detail} peers={data.peers} />
    </section>
  )
}
