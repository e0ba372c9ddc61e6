// Where an alert stands: released (public, TLP:CLEAR) or a pre-notice (TLP:AMBER, before the
// advisory is public), with the release instant counting down and the reminder that a pre-notice
// is for those who need to know. Shown on the alert list and on each alert.
import type { AlertSummary } from '../../api/ownerTypes'
import { Countdown, formatLongInstant, Time, useViewerTimeZone } from '../../components/Time'
import { TlpBadge } from '../../components/TlpBadge'

/** A short form for a table cell. */
export function StageLine({ alert: a }: { alert: AlertSummary }) {
  if (a.stage === 'released') {
    return (
      <>
        Released
        {a.advisory.releasedAt && (
          <>
            {' '}
            <Time iso={a.advisory.releasedAt} />
          </>
        )}
      </>
    )
  }
  return (
    <>
      Pre-notice: public{' '}
      {a.advisory.releaseAt ? (
        <>
          <Time iso={a.advisory.releaseAt} /> (<Countdown iso={a.advisory.releaseAt} />)
        </>
      ) : (
        'at a date not yet set'
      )}
    </>
  )
}

/** The full notice at the top of an alert. */
export function StageNotice({ alert: a }: { alert: AlertSummary }) {
  const zone = useViewerTimeZone()
  if (a.stage === 'released') {
    return (
      <p>
        <TlpBadge tlp={a.tlp} /> The advisory is public
        {a.advisory.releasedAt && (
          <>
            {' '}
            since <Time iso={a.advisory.releasedAt} />
          </>
        )}
        : you may share this freely.
      </p>
    )
  }
  return (
    <div className="alert alert-amber" role="note" aria-label="Pre-notice">
      <p>
        <TlpBadge tlp={a.tlp} /> <strong>Pre-notice: not public yet.</strong>{' '}
        {a.advisory.releaseAt ? (
          <>
            The advisory is released {formatLongInstant(a.advisory.releaseAt, zone)},{' '}
            <Countdown iso={a.advisory.releaseAt} />.
          </>
        ) : (
          'The release date is not set yet.'
        )}
      </p>
      <p>
        You are told early because you run critical infrastructure. Share this only within your organization, with those
        who need it to prepare, and not beyond until the release.
      </p>
    </div>
  )
}
