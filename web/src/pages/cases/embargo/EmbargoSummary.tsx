// The embargo in one line at the top of the case page, so nobody scrolls to learn whether they may
// talk about the case yet: the state, and while terms are in force the release instant in the
// viewer's zone (UTC on hover) and how far away it is. It links to the Embargo tab.
import type { Embargo } from '../../../api/embargoTypes'
import { Link } from '../../../router'
import { Countdown, formatLongInstant, useViewerTimeZone } from '../../../components/Time'

/** `href` is where the state links to: the case's embargo tab. */
export function EmbargoSummary({ embargo, href }: { embargo: Embargo | undefined; href: string }) {
  const zone = useViewerTimeZone()
  if (!embargo) return null
  const inForce = (embargo.state === 'active' || embargo.state === 'revise') && embargo.endsAt
  return (
    <p className="embargo-summary">
      <Link to={href} className={`em-state em-${embargo.state}`}>
        {embargo.stateLabel}
      </Link>
      {inForce && (
        <>
          : release{' '}
          <time dateTime={inForce} title={formatLongInstant(inForce, 'UTC')}>
            {formatLongInstant(inForce, zone)}
          </time>
          , <Countdown iso={inForce} />
        </>
      )}
    </p>
  )
}
