// On a shared case's summary, for its coordinators: what the other coordinators said of their own
// vendors (each one's state and fix, its approved statements), read-only and apart from this
// case's participants, so that the coordinators see them before the release. Their messages are
// in the case-wide thread.
import { api } from '../../api/client'
import type { PeerShared } from '../../api/federationTypes'
import { useLoad } from '../../api/hooks'
import type { CaseDetail, ParticipantRmState, VexJustification } from '../../api/types'
import { Time } from '../../components/Time'
import { rmStateLabel } from '../cases/caseLabels'
import { statusWords, vexJustificationLabel } from '../vendors/vendorLabels'

type Peer = PeerShared['vendors'][number]['peer']

/** The items grouped by the peer that sent them, in the order they came. */
function byPeer<T extends { peer: Peer }>(items: T[]): [Peer, T[]][] {
  const groups = new Map<string, [Peer, T[]]>()
  for (const item of items) {
    const group = groups.get(item.peer.baseUrl) ?? [item.peer, []]
    group[1].push(item)
    groups.set(item.peer.baseUrl, group)
  }
  return [...groups.values()]
}

export function FromPeers({ detail }: { detail: CaseDetail }) {
  const loaded = useLoad(() => api.get<PeerShared>(`/cases/${detail.id}/peer-shared`), `peer-shared-${detail.id}`)
  const data = loaded.data
  if (!data || (data.vendors.length === 0 && data.statements.length === 0)) return null
  const statements = byPeer(data.statements)
  return (
    <>
      {byPeer(data.vendors).map(([peer, vendors]) => (
        <section key={peer.baseUrl} aria-label={`Vendors on ${peer.name}`}>
          <h2>Vendors on {peer.name}</h2>
          <p className="muted">Told and followed by the coordinators there; not participants of this case.</p>
          <ul className="link-list">
            {vendors.map((v) => (
              <li key={v.name}>
                {v.name}: {rmStateLabel[v.rmState as ParticipantRmState] ?? v.rmState}
                {v.fixReady && (
                  <>
                    , fix ready <Time iso={v.fixReady} />
                  </>
                )}
                {v.fixDeployed && (
                  <>
                    , fix deployed <Time iso={v.fixDeployed} />
                  </>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
      {statements.map(([peer, list]) => (
        <section key={peer.baseUrl} aria-label={`Statements approved on ${peer.name}`}>
          <h2>Statements approved on {peer.name}</h2>
          <ul className="link-list">
            {list.map((s) => (
              <li key={`${s.vendor} ${s.vulnerability}`}>
                {s.vendor} on “{s.vulnerability}”{s.cve ? ` (${s.cve})` : ''}: {statusWords(s.status)}
                {s.justification
                  ? `, ${vexJustificationLabel[s.justification as VexJustification] ?? s.justification}`
                  : ''}
                {s.fixedVersions.length > 0 ? `, fixed in ${s.fixedVersions.join(', ')}` : ''}
                {s.remediation ? `. ${s.remediation}` : ''} (approved <Time iso={s.approvedAt} />)
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  )
}
