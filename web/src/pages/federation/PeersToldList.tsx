// The list of peers told of a case or a report, shared by the case's "Peers told" and the report's
// "Other coordinators": each peer with when it was told, when that reached it and its answer, then
// the peers deliberately told later with why. The two pages differ only in the words of a line.
import type { PeersTold } from '../../api/federationTypes'
import { Time } from '../../components/Time'

/** One peer told, in the words of its page (a case's answer, a report's ruling). */
export interface ToldLine {
  key: string
  /** The peer's name, with what it was told where the page tells kinds apart ("CERT-B (hand-over)"). */
  peer: string
  toldAt: string
  /** The label it went under, where the page shows it. */
  tlp?: string
  deliveredAt: string | null
  answer: string
  answeredAt: string | null
  reason?: string | null
}

/** When a message to a peer reached it. */
function Delivered({ at }: { at: string | null }) {
  return at ? (
    <>
      delivered <Time iso={at} />
    </>
  ) : (
    <>not delivered yet</>
  )
}

/** A peer deliberately told later, with why. */
function DeferredPeer({ deferral: d }: { deferral: PeersTold['deferred'][number] }) {
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

export function PeersToldList({ told, deferred }: { told: ToldLine[]; deferred: PeersTold['deferred'] }) {
  if (told.length === 0 && deferred.length === 0) return null
  return (
    <ul className="link-list">
      {told.map((t) => (
        <li key={t.key}>
          {t.peer}: told <Time iso={t.toldAt} />
          {t.tlp ? ` (TLP:${t.tlp})` : ''}, <Delivered at={t.deliveredAt} />, {t.answer}
          {t.answeredAt && (
            <>
              {' '}
              <Time iso={t.answeredAt} />
            </>
          )}
          {t.reason ? `, “${t.reason}”` : ''}
        </li>
      ))}
      {deferred.map((d) => (
        <DeferredPeer key={`${d.peerId}-${d.decidedAt}`} deferral={d} />
      ))}
    </ul>
  )
}
