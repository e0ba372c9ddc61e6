// On a case's summary: a case handed over to a peer says so first (read-only here, with the link
// to its new home); a case taken over from a peer shows the history that came with it.
import { api } from '../../api/client'
import type { CaseHandoff } from '../../api/federationTypes'
import { useLoad } from '../../api/hooks'
import type { CaseDetail } from '../../api/types'
import { Time } from '../../components/Time'

export function HandoffBanner({ detail }: { detail: CaseDetail }) {
  const loaded = useLoad(() => api.get<CaseHandoff>(`/cases/${detail.id}/handoff`), detail.id)
  const { handedOver, takenOver } = loaded.data ?? { handedOver: null, takenOver: null }
  return (
    <>
      {handedOver && (
        <div className="alert alert-warning" role="status">
          <p>
            This case was handed over to {handedOver.to} at <Time iso={handedOver.at} />; it is read-only here.
            {handedOver.url && (
              <>
                {' '}
                It now lives at <a href={handedOver.url}>{handedOver.url}</a>.
              </>
            )}
          </p>
        </div>
      )}
      {takenOver && (
        <section aria-labelledby="taken-over-heading">
          <h2 id="taken-over-heading">Taken over from {takenOver.from}</h2>
          <p>
            Its history there, as <a href={takenOver.originCaseUrl}>{takenOver.originCaseUrl}</a> recorded it:
          </p>
          <ul className="link-list">
            {takenOver.history.map((h, i) => (
              <li key={i}>
                <Time iso={h.at} />: {h.sentence}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  )
}
