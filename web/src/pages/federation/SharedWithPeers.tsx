// On a case's summary, for its coordinators: the other coordinators' instances it was offered to
// (or the one it came from), each with its answer, and offering it to a confirmed peer. What the
// peer receives is filtered here first: nothing labelled TLP:RED or AMBER+STRICT, no private
// thread, the finder named only when they agreed.
import { useState } from 'react'
import { api } from '../../api/client'
import type { CaseOffers } from '../../api/federationTypes'
import { useAction, useLoad } from '../../api/hooks'
import type { CaseDetail } from '../../api/types'
import { CheckboxField, FormAlert, Notice, SelectField, SubmitButton, submitted } from '../../components/forms'
import { Time } from '../../components/Time'
import { offerStateWords } from './offerWords'
import { PeersTold } from './PeersTold'

export function SharedWithPeers({ detail }: { detail: CaseDetail }) {
  const loaded = useLoad(() => api.get<CaseOffers>(`/cases/${detail.id}/peer-offers`), detail.id)
  const [peerId, setPeerId] = useState('')
  const [finderAgreed, setFinderAgreed] = useState(false)
  const [sent, setSent] = useState(false)
  const action = useAction()
  const data = loaded.data
  if (!data) return null
  const offered = new Set(data.offers.filter((o) => o.state !== 'declined').map((o) => o.peer.baseUrl))
  const choices = data.peers.filter((p) => !offered.has(p.baseUrl))
  const chosen = peerId || choices[0]?.id || ''
  async function offer() {
    setSent(false)
    const ok = await action.run(() =>
      api
        .post(`/cases/${detail.id}/peer-offers`, { peerId: chosen, shareFinderIdentity: finderAgreed })
        .then(() => true),
    )
    if (!ok) return
    setSent(true)
    await loaded.reload()
  }
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
        <form onSubmit={submitted(offer)} noValidate aria-busy={action.busy}>
          <FormAlert error={action.error} fields={['peerId']} />
          {sent && <Notice>The offer is on its way; it is sent again until the other instance takes it.</Notice>}
          <SelectField
            label="Offer this case to"
            value={chosen}
            onChange={setPeerId}
            options={choices.map((p) => ({ value: p.id, label: `${p.name} (${p.baseUrl})` }))}
            error={action.fieldError('peerId')}
            hint="Only the case-wide discussion goes, and nothing labelled TLP:RED or AMBER+STRICT; private threads stay here."
          />
          <CheckboxField
            label="The finder agreed to be named to them"
            checked={finderAgreed}
            onChange={setFinderAgreed}
            hint="Otherwise the finder is not named. A finder who asked to stay anonymous is never named."
          />
          <SubmitButton busy={action.busy} busyText="Offering…">
            Offer the case
          </SubmitButton>
        </form>
      )}
      {/* Mounted afresh after an offer, so its times include the new one. */}
      <PeersTold key={data.offers.length} detail={detail} peers={data.peers} />
    </section>
  )
}
