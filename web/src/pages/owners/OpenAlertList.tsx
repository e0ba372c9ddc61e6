// On an owner's Home, the alerts that still need doing, in the server's order (pre-notices, then
// the most severe): each with its TLP label, severity, stage (a pre-notice counting down to its
// release) and its first open components with the version that fixes them, so the owner can often
// act without opening the alert. The alerts already dealt with are one line, not a list.
import type { AlertSummary, OpenItem } from '../../api/ownerTypes'
import { TlpBadge } from '../../components/TlpBadge'
import { Link } from '../../router'
import { StageLine } from './AlertStage'
import { SeverityBadge } from './SeverityBadge'
import { componentWords } from './UploadChanges'

export function OpenAlertList({ organizationId, alerts }: { organizationId: string; alerts: AlertSummary[] }) {
  const path = `/organizations/${organizationId}/alerts`
  const open = alerts.filter((a) => a.counts.open > 0)
  const dealtWith = alerts.length - open.length
  return (
    <>
      {open.length === 0 ? (
        <p>Nothing open: every affected component is patched, mitigated or set aside.</p>
      ) : (
        <ul className="owner-alerts">
          {open.map((a) => (
            <OpenAlert key={a.id} path={`${path}/${a.id}`} alert={a} />
          ))}
        </ul>
      )}
      {dealtWith > 0 && (
        <p>
          {open.length > 0 ? `${dealtWith} more` : dealtWith} alert{dealtWith === 1 ? '' : 's'}, all dealt with —{' '}
          <Link to={path}>see all alerts</Link>
        </p>
      )}
    </>
  )
}

function OpenAlert({ path, alert: a }: { path: string; alert: AlertSummary }) {
  const more = a.counts.open - a.openItems.length
  return (
    <li className={`owner-alert owner-alert-${a.stage}`}>
      <h4>
        <Link to={path}>{a.advisory.title}</Link> <span className="muted">{a.advisory.id}</span>
      </h4>
      <p className="owner-alert-facts">
        <SeverityBadge severity={a.severity} /> <TlpBadge tlp={a.tlp} /> <StageLine alert={a} />
      </p>
      <p className="owner-alert-reach">
        {a.counts.open} open component{a.counts.open === 1 ? '' : 's'} on {a.assets} asset{a.assets === 1 ? '' : 's'}:
      </p>
      <ul className="open-items">
        {a.openItems.map((item) => (
          <li key={`${item.asset} ${item.component}`}>
            <OpenItemWords item={item} />
          </li>
        ))}
      </ul>
      {more > 0 && (
        <p>
          <Link to={path}>
            and {more} more<span className="visually-hidden"> open components of {a.advisory.title}</span>
          </Link>
        </p>
      )}
    </li>
  )
}

/** "mail relay — pkg:generic/sendmail@8.12.7 → fixed in 8.12.8" */
function OpenItemWords({ item }: { item: OpenItem }) {
  return (
    <>
      {item.asset} — <code>{componentWords(item.component)}</code> →{' '}
      {item.fixedVersions.length ? <>fixed in {item.fixedVersions.join(', ')}</> : 'update outside the affected range'}
    </>
  )
}
