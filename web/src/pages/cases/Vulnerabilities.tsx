// A case's vulnerabilities as everyone in the case reads them: title, CVE, CWE, CVSS, the SSVC
// decision, since when it is known exploited, description and the affected products (vendor,
// product, versions in words, package URL, CPE and vers range).
// Staff edit each in place, add one, and remove one after a confirmation; a case keeps at least
// one, and the server's refusal says so in words.
import { useState, type ReactNode } from 'react'
import { api } from '../../api/client'
import { useAction } from '../../api/hooks'
import type { CaseDetail, Vulnerability } from '../../api/types'
import { ConfirmAction } from '../../components/ConfirmAction'
import { DataTable } from '../../components/DataTable'
import { FormAlert } from '../../components/forms'
import { EmptyState } from '../../components/Status'
import { cvssText, outcomeLabel } from '../triage/triageLabels'
import { ReserveCve } from './advisory/ReserveCve'
import { VulnerabilityForm } from './VulnerabilityForm'

const severity = (score: number) =>
  score === 0 ? 'None' : score < 4 ? 'Low' : score < 7 ? 'Medium' : score < 9 ? 'High' : 'Critical'

export function Vulnerabilities({ detail, onChanged }: { detail: CaseDetail; onChanged(): Promise<void> }) {
  const staff = detail.abilities.update
  // The id being edited, 'new' while adding one, or null.
  const [editing, setEditing] = useState<string | null>(null)
  const [done, setDone] = useState('')
  const action = useAction()

  /** After a change: the case as it is now, then the words for it. */
  async function saved(v: Vulnerability, verb: string) {
    setDone('')
    await onChanged()
    setEditing(null)
    setDone(`${verb} “${v.title}”.`)
  }

  async function remove(v: Vulnerability) {
    setDone('')
    const ok = await action.run(async () => {
      await api.delete(`/cases/${encodeURIComponent(detail.id)}/vulnerabilities/${encodeURIComponent(v.id)}`)
      return true
    })
    if (!ok) return
    await onChanged()
    setDone(`Removed “${v.title}”.`)
  }

  return (
    <section aria-labelledby="vulnerabilities-heading">
      <h2 id="vulnerabilities-heading">Vulnerabilities</h2>
      {staff && (
        <>
          <FormAlert error={action.error} />
          <p className="copy-status" role="status">
            {done}
          </p>
        </>
      )}
      {detail.vulnerabilities.length === 0 ? (
        <EmptyState title="No vulnerabilities recorded.">
          <p>Vulnerabilities come from the case’s reports.</p>
        </EmptyState>
      ) : (
        <ul className="vulnerability-list" aria-label="Vulnerability list">
          {detail.vulnerabilities.map((v) => (
            <li key={v.id}>
              {editing === v.id ? (
                <VulnerabilityForm
                  caseId={detail.id}
                  vulnerability={v}
                  onSaved={(s) => saved(s, 'Saved')}
                  onCancel={() => setEditing(null)}
                />
              ) : (
                <VulnerabilityCard vulnerability={v}>
                  {staff && (
                    <div className="button-row">
                      <button
                        type="button"
                        className="button secondary"
                        aria-label={`Edit “${v.title}”`}
                        onClick={() => {
                          action.clear()
                          setEditing(v.id)
                        }}
                      >
                        Edit
                      </button>
                      <ConfirmAction
                        label="Remove"
                        accessibleLabel={`Remove “${v.title}”`}
                        question={`Remove “${v.title}” from the case? The ledger keeps a record of it.`}
                        confirmLabel="Yes, remove"
                        onConfirm={() => remove(v)}
                      />
                    </div>
                  )}
                  {staff && <ReserveCve caseId={detail.id} vulnerability={v} onReserved={onChanged} />}
                </VulnerabilityCard>
              )}
            </li>
          ))}
        </ul>
      )}
      {staff &&
        (editing === 'new' ? (
          <VulnerabilityForm caseId={detail.id} onSaved={(s) => saved(s, 'Added')} onCancel={() => setEditing(null)} />
        ) : (
          <button
            type="button"
            className="button secondary"
            onClick={() => {
              action.clear()
              setEditing('new')
            }}
          >
            Add a vulnerability
          </button>
        ))}
    </section>
  )
}

function VulnerabilityCard({ vulnerability: v, children }: { vulnerability: Vulnerability; children?: ReactNode }) {
  const headingId = `vulnerability-${v.id}`
  return (
    <article className="card vulnerability" aria-labelledby={headingId}>
      <h3 id={headingId}>{v.title}</h3>
      <dl className="report-facts">
        <div>
          <dt>CVE</dt>
          <dd>{v.cveId ?? <span className="muted">Not assigned</span>}</dd>
        </div>
        <div>
          <dt>CWE</dt>
          <dd>{v.cwe ?? <span className="muted">Not set</span>}</dd>
        </div>
        <div>
          <dt>CVSS</dt>
          <dd>
            {v.cvssScore === null ? (
              <span className="muted">Not scored</span>
            ) : (
              cvssText({ score: v.cvssScore, severity: severity(v.cvssScore) })
            )}
            {v.cvssVector && (
              <>
                {' '}
                <code className="cvss-vector">{v.cvssVector}</code>
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>SSVC</dt>
          <dd>
            {v.ssvc ? (outcomeLabel[v.ssvc.outcome] ?? v.ssvc.outcome) : <span className="muted">Not decided</span>}
          </dd>
        </div>
        {v.exploitedSince && (
          <div>
            <dt>Known exploited since</dt>
            <dd>{v.exploitedSince}</dd>
          </div>
        )}
        {v.description && (
          <div>
            <dt>Description</dt>
            <dd className="prose-block">{v.description}</dd>
          </div>
        )}
      </dl>
      <h4>Affected products</h4>
      {v.affected.length === 0 ? (
        <p className="muted">No affected products recorded yet.</p>
      ) : (
        <DataTable
          label={`Products affected by “${v.title}”`}
          columns={['Vendor', 'Product', 'Versions', 'Package URL', 'CPE', 'Version range (vers)']}
        >
          {v.affected.map((a, i) => (
            <tr key={i}>
              <th scope="row">{a.vendor}</th>
              <td>{a.product}</td>
              <td>{a.versions ?? '—'}</td>
              <td>{a.purl ? <code>{a.purl}</code> : '—'}</td>
              <td>{a.cpe ? <code>{a.cpe}</code> : '—'}</td>
              <td>{a.range ? <code>{a.range}</code> : '—'}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {children}
    </article>
  )
}
