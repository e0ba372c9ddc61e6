// The embargo in one line at the top of the case page, so nobody scrolls to learn whether they may
// talk about the case yet: the state, and while terms are in force the release instant in the
// viewer's zone (UTC on hover) and how far away it is. It links to the Embargo section.
import type { Embargo } from '../../../api/embargoTypes'
import { Countdown, formatLongInstant, useViewerTimeZone } from '../../../components/Time'

export function EmbargoSummary({ embargo }: { embargo: Embargo | undefined }) {
  const zone = useViewerTimeZone()
  if (!embargo) return null
  const inForce = (embargo.state === 'active' || embargo.state === 'revise') && embargo.endsAt
  return (
    <p className="embargo-summary">
      <a href="#embargo-heading" className={`em-state em-${embargo.state}`}>
        {embargo.stateLabel}
      </a>
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
