// The case's owners tab, for the coordinators: once the advisory is released, how the owners whose
// inventories it matched take up the fix (AdoptionSection); before that, what will show here.
import { api } from '../../../api/client'
import { useLoad } from '../../../api/hooks'
import type { Advisory } from '../../../api/embargoTypes'
import { EmptyState, LoadError, Loading } from '../../../components/Status'
import { AdoptionSection } from '../advisory/AdoptionSection'

export function OwnersTab({ caseId, revision }: { caseId: string; revision: number }) {
  const advisory = useLoad(
    () => api.get<Advisory>(`/cases/${encodeURIComponent(caseId)}/advisory`),
    `${caseId}|${revision}`,
  )
  const released = advisory.data?.state === 'published' && advisory.data.abilities.edit
  return (
    <section aria-labelledby="owners-heading">
      <h2 id="owners-heading">Owners</h2>
      {advisory.error && advisory.error.status !== 404 ? (
        <LoadError error={advisory.error} retry={() => void advisory.reload()} />
      ) : !advisory.data && !advisory.error ? (
        <Loading what="the advisory" />
      ) : released ? (
        <AdoptionSection caseId={caseId} revision={revision} />
      ) : (
        <EmptyState title="Nothing to show before the release.">
          <p>
            Once the advisory is released, the owners whose inventories it matches are alerted, and how they take up the
            fix shows here.
          </p>
        </EmptyState>
      )}
    </section>
  )
}
