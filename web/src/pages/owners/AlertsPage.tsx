// /organizations/:id/alerts: every advisory that affects one of the owner's assets, those still
// open first (pre-notices, then the most severe, as the server orders them), with its severity,
// TLP label, whether it is a pre-notice or released, and how many affected components are still
// open, so the owner sees at once what needs doing.
import { api } from '../../api/client'
import { useLoad } from '../../api/hooks'
import { useAlertLiveUpdates } from '../../api/liveEvents'
import type { AlertSummary } from '../../api/ownerTypes'
import type { Organization } from '../../api/types'
import { DataTable } from '../../components/DataTable'
import { EmptyState, LoadedList } from '../../components/Status'
import { Time } from '../../components/Time'
import { TlpBadge } from '../../components/TlpBadge'
import { Link } from '../../router'
import { countsWords } from './alertWords'
import { StageLine } from './AlertStage'
import { OwnerFrame } from './OwnerFrame'
import { SeverityBadge } from './SeverityBadge'

export function AlertsPage({ organizationId }: { organizationId: string }) {
  return (
    <OwnerFrame organizationId={organizationId} title="Alerts">
      {(org) => <Alerts organization={org} />}
    </OwnerFrame>
  )
}

function Alerts({ organization: org }: { organization: Organization }) {
  const path = `/organizations/${org.id}/alerts`
  const alerts = useLoad(() => api.get<AlertSummary[]>(path), path)
  useAlertLiveUpdates(alerts.reload)
  return (
    <>
      <p className="eyebrow">{org.name}</p>
      <h1>Alerts</h1>
      <p className="lead">
        Advisories that affect the components of your assets. Open each to see what is affected and how to fix it, and
        mark each component when it is dealt with.
      </p>
      <LoadedList
        loaded={alerts}
        what="the alerts"
        empty={
          <EmptyState title="No alerts.">
            <p>
              No advisory affects your assets so far. Keep your{' '}
              <Link to={`/organizations/${org.id}/inventory`}>inventory</Link> up to date so Lockstep can tell.
            </p>
          </EmptyState>
        }
      >
        {(list) => (
          <DataTable
            label={`Alerts of ${org.name}`}
            columns={['Advisory', 'Severity', 'TLP', 'Stage', 'Components', 'Alerted']}
          >
            {list.map((a) => (
              <tr key={a.id} className={a.counts.open > 0 ? 'alert-row-open' : undefined}>
                <th scope="row">
                  <Link to={`${path}/${a.id}`}>{a.advisory.title}</Link>
                  <br />
                  <span className="muted">{a.advisory.id}</span>
                </th>
                <td>
                  <SeverityBadge severity={a.severity} />
                </td>
                <td>
                  <TlpBadge tlp={a.tlp} />
                </td>
                <td>
                  <StageLine alert={a} />
                </td>
                <td>{countsWords(a.counts)}</td>
                <td>
                  <Time iso={a.alertedAt ?? a.preNoticedAt ?? a.createdAt} />
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </LoadedList>
    </>
  )
}
