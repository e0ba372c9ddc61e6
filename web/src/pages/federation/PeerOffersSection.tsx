// On Home, for the coordinators: cases other coordinators' instances offered to this one, with
// what they let cross, to accept (a shared case is opened here, linked to theirs) or decline.
import { useState } from 'react'
import { api } from '../../api/client'
import type { PeerOffer } from '../../api/federationTypes'
import { useAction, useLoad } from '../../api/hooks'
import { FormAlert, SubmitButton, TextField, submitted } from '../../components/forms'
import { Time } from '../../components/Time'
import { Link } from '../../router'
import { offerStateWords } from './offerWords'

function OpenOffer({ offer, onAnswered }: { offer: PeerOffer; onAnswered(): Promise<void> }) {
  const [reason, setReason] = useState('')
  const action = useAction()
  async function answer(accept: boolean) {
    const ok = await action.run(() =>
      api
        .post(`/federation/offers/${offer.id}/${accept ? 'accept' : 'decline'}`, accept ? {} : { reason })
        .then(() => true),
    )
    if (ok) await onAnswered()
  }
  return (
    <li className="card">
      <h3>{offer.title}</h3>
      <p className="muted">
        From {offer.peer.name} (<Time iso={offer.offeredAt} />) · TLP:{offer.tlp} ·{' '}
        {offer.finders.length === 0 ? 'no finder' : offer.finders.map((f) => f ?? 'a finder not named').join(', ')}
      </p>
      {offer.summary && <p className="prose-block">{offer.summary}</p>}
      {offer.vulnerabilities.length > 0 && <p>Vulnerabilities: {offer.vulnerabilities.join('; ')}</p>}
      <p className="muted">
        {offer.notes.length === 1 ? 'One message' : `${offer.notes.length} messages`} of their case-wide discussion come
        with it.
      </p>
      <form onSubmit={submitted(() => answer(true))} noValidate aria-busy={action.busy}>
        <FormAlert error={action.error} fields={['reason']} />
        {offer.kind === 'handoff' && (
          <p>They hand the case over: it becomes yours, with its history and vendors, and read-only with them.</p>
        )}
        <SubmitButton busy={action.busy} busyText="Accepting…">
          {offer.kind === 'handoff' ? 'Accept and take the case over' : 'Accept and share the case'}
        </SubmitButton>
      </form>
      <form onSubmit={submitted(() => answer(false))} noValidate aria-busy={action.busy}>
        <TextField
          label="Why you decline (they will read it)"
          value={reason}
          onChange={setReason}
          optional
          error={action.fieldError('reason')}
        />
        <SubmitButton busy={action.busy} busyText="Declining…">
          Decline
        </SubmitButton>
      </form>
    </li>
  )
}

export function PeerOffersSection() {
  const loaded = useLoad(() => api.get<PeerOffer[]>('/federation/offers'), 'peer-offers')
  const offers = loaded.data ?? []
  if (offers.length === 0) return null
  const open = offers.filter((o) => o.state === 'offered')
  const answered = offers.filter((o) => o.state !== 'offered').slice(0, 5)
  return (
    <section aria-labelledby="peer-offers-heading">
      <h2 id="peer-offers-heading">Cases offered by other coordinators</h2>
      {open.length > 0 && (
        <ul className="card-list">
          {open.map((o) => (
            <OpenOffer key={o.id} offer={o} onAnswered={loaded.reload} />
          ))}
        </ul>
      )}
      {answered.length > 0 && (
        <ul className="link-list">
          {answered.map((o) => (
            <li key={o.id}>
              {o.title} from {o.peer.name}: {offerStateWords[o.state]}
              {o.caseNumber && (
                <>
                  {' '}
                  as <Link to={`/cases/${o.caseNumber}`}>{o.caseNumber}</Link>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
