// /metrics: how the disclosure programme works, over live and imported cases. Coordinators see
// every vendor and may narrow to a year and a vendor; a vendor's member sees the figures of the
// vendor they work as. Each chart comes with its numbers as a CSV file.
import { useState } from 'react'
import { api, query } from '../../api/client'
import { useCurrentMembership } from '../../api/currentOrganization'
import { useLoad } from '../../api/hooks'
import { useSignedIn } from '../../api/session'
import type { Metrics } from '../../api/types'
import { SelectField } from '../../components/forms'
import { LoadedList } from '../../components/Status'
import { usePageTitle } from '../../pageTitle'
import { Link } from '../../router'
import { MetricsCharts } from './MetricsCharts'

export function MetricsPage() {
  usePageTitle('Metrics')
  const { session } = useSignedIn()
  const current = useCurrentMembership(session.memberships)
  const staff = session.instance.read_metrics
  const own = !staff && current?.organization.abilities.read_metrics ? current.organization : undefined
  const [year, setYear] = useState('')
  const [vendor, setVendor] = useState('')
  const [choices, setChoices] = useState<{ id: string; name: string }[]>([])
  const base = staff ? '/metrics' : own ? `/organizations/${own.id}/metrics` : null
  const params = { year: year || undefined, vendor: staff ? vendor || undefined : undefined }
  const metrics = useLoad(async () => {
    if (!base) return null
    const m = await api.get<Metrics>(`${base}${query(params)}`)
    if (staff && !vendor) setChoices(m.responses.vendors.map((v) => ({ id: v.organizationId, name: v.name })))
    return m
  }, `${base}|${year}|${vendor}`)

  if (!base) {
    return (
      <>
        <h1>Metrics</h1>
        <div className="alert alert-error" role="alert">
          <p>
            <strong>Metrics are for coordinators and vendors.</strong> Your account does not have access to them.{' '}
            <Link to="/">Back to your home page</Link>
          </p>
        </div>
      </>
    )
  }

  const csvHref = (chart: string) => `/api/v1${base}/${chart}/csv${query(params)}`
  return (
    <>
      <h1>Metrics</h1>
      <p className="lead">
        {own
          ? `How ${own.name} answered the cases it was told about, and how those cases went.`
          : 'How the disclosure programme works: how fast vendors answer, how long cases take to publish, how embargoes end, and how often things happened in the order everyone hopes for.'}
      </p>
      <form className="metrics-filters" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          label="Year the case was opened"
          value={year}
          onChange={setYear}
          options={[
            { value: '', label: 'All years' },
            ...(metrics.data?.years ?? (year ? [Number(year)] : [])).map((y) => ({
              value: String(y),
              label: String(y),
            })),
          ]}
        />
        {staff && (
          <SelectField
            label="Vendor"
            value={vendor}
            onChange={setVendor}
            options={[{ value: '', label: 'All vendors' }, ...choices.map((c) => ({ value: c.id, label: c.name }))]}
          />
        )}
      </form>
      <LoadedList loaded={metrics} what="metrics" isEmpty={(m) => m === null}>
        {(m) => m && <MetricsCharts metrics={m} csvHref={csvHref} />}
      </LoadedList>
    </>
  )
}
