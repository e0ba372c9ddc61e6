// On a report's triage page, beside the case's own "Other coordinators": sending the report on to
// several confirmed peers at once (each gets it in its own triage queue; the finder named only when
// they agreed; under AMBER, GREEN or CLEAR), each peer told with when it was told, reached and what
// it ruled, a peer told later with why, and, for a report that came from a peer, where from.
import { useState } from 'react'
import { api } from '../../api/client'
import type { ReportPeersTold } from '../../api/federationTypes'
import { useAction, useLoad } from '../../api/hooks'
import type { ReportDetail } from '../../api/types'
import {
  CheckboxField,
  FormAlert,
  Notice,
  SelectField,
  SubmitButton,
  TextAreaField,
  submitted,
} from '../../components/forms'
import { Time } from '../../components/Time'
import { DeferredPeer, Delivered } from './PeersTold'

const rulingWords = { offered: 'not ruled yet', accepted: 'found valid', declined: 'not taken up' } as const
const labels = ['AMBER', 'GREEN', 'CLEAR'] as const

export function ReportToPeers({ report }: { report: ReportDetail }) {
  const loaded = useLoad(() => api.get<ReportPeersTold>(`/reports/${report.id}/peers-told`), report.id)
  const [picked, setPicked] = useState<string[]>([])
  const [tlp, setTlp] = useState<string>('AMBER')
  const [finderAgreed, setFinderAgreed] = useState(false)
  const [laterId, setLaterId] = useState('')
  const [justification, setJustification] = useState('')
  const [done, setDone] = useState('')
  const action = useAction()
  const data = loaded.data
  if (!data) return null
  const told = new Set(data.told.map((t) => t.peerId))
  const untold = data.peers.filter((p) => !told.has(p.id))
  const mayAct = report.abilities.send_to_peer && !report.case && untold.length > 0
  if (!data.receivedFrom && data.told.length === 0 && data.deferred.length === 0 && !mayAct) return null
  const later = laterId || untold[0]?.id || ''
  async function send(path: string, body: object, said: string) {
    setDone('')
    const ok = await action.run(() => api.post(`/reports/${report.id}/${path}`, body).then(() => true))
    if (!ok) return
    setDone(said)
    setPicked([])
    await loaded.reload()
  }
  return (
    <section aria-labelledby="report-peers-heading">
      <h2 id="report-peers-heading">Other coordinators</h2>
      {data.receivedFrom && (
        <p>
          Sent here by {data.receivedFrom.peerName} (<Time iso={data.receivedFrom.receivedAt} />, TLP:
          {data.receivedFrom.tlp}); your first ruling on it goes back to them.
        </p>
      )}
      {(data.told.length > 0 || data.deferred.length > 0) && (
        <ul className="link-list">
          {data.told.map((t) => (
            <li key={t.peerId}>
              {t.peerName}: told <Time iso={t.toldAt} /> (TLP:{t.tlp}), <Delivered at={t.deliveredAt} />,{' '}
              {rulingWords[t.state]}
              {t.answeredAt && (
                <>
                  {' '}
                  <Time iso={t.answeredAt} />
                </>
              )}
              {t.reason ? `, “${t.reason}”` : ''}
            </li>
          ))}
          {data.deferred.map((d) => (
            <DeferredPeer key={`${d.peerId}-${d.decidedAt}`} deferral={d} />
          ))}
        </ul>
      )}
      {done && <Notice>{done}</Notice>}
      {mayAct && (
        <form
          onSubmit={submitted(() =>
            send(
              'peer-offers',
              { peerIds: picked, tlp, shareFinderIdentity: finderAgreed },
              'The report is on its way to each of them; it is sent again until their instance takes it.',
            ),
          )}
          noValidate
          aria-busy={action.busy}
        >
          <FormAlert error={action.error} fields={['tlp', 'justification', 'peerId']} />
          <fieldset>
            <legend>Send the report to</legend>
            {untold.map((p) => (
              <CheckboxField
                key={p.id}
                label={`${p.name} (${p.baseUrl})`}
                checked={picked.includes(p.id)}
                onChange={(on) => setPicked(on ? [...picked, p.id] : picked.filter((x) => x !== p.id))}
              />
            ))}
          </fieldset>
          <SelectField
            label="Label"
            value={tlp}
            onChange={setTlp}
            options={labels.map((l) => ({ value: l, label: `TLP:${l}` }))}
            error={action.fieldError('tlp')}
            hint="What they may do with it. TLP:RED and AMBER+STRICT never leave this instance; messages with the reporter and files stay here."
          />
          <CheckboxField
            label="The finder agreed to be named to them"
            checked={finderAgreed}
            onChange={setFinderAgreed}
            hint="Otherwise the finder is not named. A finder who reported anonymously is never named; their address never goes."
          />
          <SubmitButton busy={action.busy} busyText="Sending…">
            Send to peers
          </SubmitButton>
        </form>
      )}
      {mayAct && (
        <form
          onSubmit={submitted(() =>
            send('peer-offers/deferrals', { peerId: later, justification }, 'Recorded: they are told later.'),
          )}
          noValidate
          aria-busy={action.busy}
        >
          <SelectField
            label="Tell later"
            value={later}
            onChange={setLaterId}
            options={untold.map((p) => ({ value: p.id, label: p.name }))}
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
          </SubmitButton>
        </form>
      )}
    </section>
  )
}
