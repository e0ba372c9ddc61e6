// After the release, for the coordinators: how the owners whose inventories the advisory matched
// take up the fix. The share of affected components patched over time (a chart, and the same in
// a sentence), and the components still open, critical-infrastructure owners marked, so the
// coordinator knows whom to chase. The figures are read again with the case and on request.
import { useEffect } from 'react'
import { api } from '../../../api/client'
import { useLoad } from '../../../api/hooks'
import type { Adoption } from '../../../api/ownerTypes'
import { DataTable } from '../../../components/DataTable'
import { EmptyState, LoadError, Loading } from '../../../components/Status'
import { Time } from '../../../components/Time'
import '../../../styles/owners.css'
import { componentLabel } from '../../owners/alertWords'
import { AdoptionChart, percent } from './AdoptionChart'

/** "3 of 5 affected components patched (60%), 1 mitigated; 2 owners still exposed." */
export function adoptionWords(a: Adoption): string {
  const exposedOwners = new Set(a.exposed.map((e) => e.organization.id)).size
  const extra = [
    a.counts.mitigated ? `${a.counts.mitigated} mitigated` : '',
    a.counts.not_applicable ? `${a.counts.not_applicable} not applicable` : '',
  ].filter(Boolean)
  const owners =
    exposedOwners === 0
      ? 'no owner still exposed'
      : `${exposedOwners} owner${exposedOwners === 1 ? '' : 's'} still exposed`
  return `${a.counts.patched} of ${a.items} affected component${a.items === 1 ? '' : 's'} patched (${percent(a.patchedShare)})${extra.length ? `, ${extra.join(', ')}` : ''}; ${owners}.`
}

export function AdoptionSection({ caseId, revision }: { caseId: string; revision: number }) {
  const adoption = useLoad(
    () => api.get<Adoption>(`/cases/${encodeURIComponent(caseId)}/advisory/adoption`),
    `${caseId}|${revision}`,
  )
  // The owners are alerted by a job right after the release: look again until it has run.
  const waiting = adoption.data?.ownersAlerted === false
  const { reload } = adoption
  useEffect(() => {
    if (!waiting) return
    const timer = setTimeout(() => void reload(), 2000)
    return () => clearTimeout(timer)
  }, [waiting, adoption.data, reload])
  return (
    <section aria-labelledby="adoption-heading" className="adoption">
      <h3 id="adoption-heading">Adoption</h3>
      {adoption.error && adoption.error.status !== 404 && adoption.error.status !== 409 ? (
        <LoadError error={adoption.error} retry={() => void adoption.reload()} />
      ) : adoption.error ? (
        <p>Adoption is measured once the advisory is released.</p>
      ) : !adoption.data ? (
        <Loading what="the adoption figures" />
      ) : waiting ? (
        <p role="status">Alerting the owners whose inventories the advisory affects…</p>
      ) : (
        <AdoptionFigures adoption={adoption.data} busy={adoption.loading} reload={adoption.reload} />
      )}
    </section>
  )
}

function AdoptionFigures({
  adoption: a,
  busy,
  reload,
}: {
  adoption: Adoption
  busy: boolean
  reload(): Promise<void>
}) {
  const words = adoptionWords(a)
  return (
    <>
      {a.items === 0 ? (
        <EmptyState title="No owner’s inventory is affected.">
          <p>No asset kept in Lockstep has a component this advisory affects.</p>
        </EmptyState>
      ) : (
        <figure className="vendor-chart vendor-chart-wide">
          <figcaption>
            Components patched over time ({a.owners} owner{a.owners === 1 ? '' : 's'} alerted)
          </figcaption>
          {a.series.length > 0 && <AdoptionChart series={a.series} words={`Share patched over time: ${words}`} />}
          <ul className="chart-legend">
            <li className="chart-key chart-key-patched">Patched</li>
            <li className="chart-key chart-key-mitigated">Patched or mitigated</li>
          </ul>
        </figure>
      )}
      <p className="adoption-words" role="status">
        {words}
      </p>
      <button
        type="button"
        className="button secondary"
        aria-disabled={busy || undefined}
        onClick={() => void reload()}
      >
        {busy ? 'Reading the figures…' : 'Refresh the figures'}
      </button>
      {a.exposed.length > 0 && <ExposedTable exposed={a.exposed} />}
    </>
  )
}

function ExposedTable({ exposed }: { exposed: Adoption['exposed'] }) {
  return (
    <>
      <h4 id="exposed-heading">Still exposed</h4>
      <DataTable labelledBy="exposed-heading" columns={['Owner', 'Asset', 'Component', 'Vulnerability', 'Open since']}>
        {exposed.map((e, i) => (
          <tr key={`${e.asset.id}-${e.component}-${e.vulnerability}-${i}`}>
            <th scope="row">
              {e.organization.name}
              {e.organization.critical && (
                <>
                  {' '}
                  <span className="badge badge-critical">Critical infrastructure</span>
                </>
              )}
            </th>
            <td>{e.asset.name}</td>
            <td>{componentLabel(e.component, e.version)}</td>
            <td>{e.vulnerability}</td>
            <td>
              <Time iso={e.since} />
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  )
}
