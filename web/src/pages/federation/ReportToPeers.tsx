// On a report's triage page, beside the case's own "Other coordinators": sending the report on to
// several confirmed peers at once (each gets it in its own triage queue; the finder named only when
// they agreed; under AMBER, GREEN or CLEAR), each peer told with when it was told, reached and what
// it ruled, a peer told later with why, and, for a report that came from a peer, where from.
import { useState } from 'react'
import { api } from '../../api/client'
import type { ReportPeersTold } from '../../api/federationTypes'
import { useLoad } from '../../api/hooks'
import type { ReportDetail } from '../../api/types'
import { CheckboxField, Notice, SelectField } from '../../components/forms'
import { Time } from '../../components/Time'
import { usePeerActions } from './peerActions'
import { PeersToldList } from './PeersToldList'
import { SendToPeersForm } from './SendToPeersForm'
import { TellLaterForm } from './TellLaterForm'

const rulingWords = { offered: 'not ruled yet', accepted: 'found valid', declined: 'not taken up' } as const
const labels = ['AMBER', 'GREEN', 'CLEAR'] as const

export function ReportToPeers({ report }: { report: ReportDetail }) {
  const loaded = useLoad(() => api.get<ReportPeersTold>(`/reports/${report.id}/peers-told`), report.id)
  const [picked, setPicked] = useState<string[]>([])
  const [tlp, setTlp] = useState<string>('AMBER')
  const [laterId, setLaterId] = useState('')
  const actions = usePeerActions(`/reports/${report.id}`, loaded.reload, () => setPicked([]))
  const { action, done, send } = actions
  const data = loaded.data
  if (!data) return null
  const told = new Set(data.told.map((t) => t.peerId))
  const untold = data.peers.filter((p) => !told.has(p.id))
  const mayAct = report.abilities.send_to_peer && !report.case && untold.length > 0
  if (!data.receivedFrom && data.told.length === 0 && data.deferred.length === 0 && !mayAct) return null
  const later = laterId || untold[0]?.id || ''
  return (
    <section aria-labelledby="report-peers-heading">
      <h2 id="report-peers-heading">Other coordinators</h2>
      {data.receivedFrom && (
        <p>
          Sent here by {data.receivedFrom.peerName} (<Time iso={data.receivedFrom.receivedAt} />, TLP:
          {data.receivedFrom.tlp}); your first ruling on it goes back to them.
        </p>
      )}
      <PeersToldList
        told={data.told.map((t) => ({
          key: t.peerId,
          peer: t.peerName,
          toldAt: t.toldAt,
          tlp: t.tlp,
          deliveredAt: t.deliveredAt,
          answer: rulingWords[t.state],
          answeredAt: t.answeredAt,
          reason: t.reason,
        }))}
        deferred={data.deferred}
      />
      {done && <Notice>{done}</Notice>}
      {mayAct && (
        <SendToPeersForm
          actions={actions}
          onSend={(shareFinderIdentity) =>
            send(
              'peer-offers',
              { peerIds: picked, tlp, shareFinderIdentity },
              'The report is on its way to each of them; it is sent again until their instance takes it.',
            )
          }
          fields={['tlp', 'justification', 'peerId']}
          neverNamed="A finder who reported anonymously is never named; their address never goes."
          submit="Send to peers"
          busyText="Sending…"
        >
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
        </SendToPeersForm>
      )}
      {mayAct && (
        <TellLaterForm
          actions={actions}
          peerLabel="Tell later"
          peers={untold.map((p) => ({ value: p.id, label: p.name }))}
          peerId={later}
          onPeerChange={setLaterId}
        />
      )}
    </section>
  )
}
