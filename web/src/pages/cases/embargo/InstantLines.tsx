// An instant that matters to the minute (a release, a proposed end), said so that nobody has to
// convert it: in the viewer's own zone with the zone named, in the zone the proposer wrote it in
// when that is another, in UTC, and how far away it is, counting down.
import { Countdown, formatLongInstant, useViewerTimeZone } from '../../../components/Time'

interface InstantLinesProps {
  iso: string
  /** The zone the proposer wrote it in, shown too when it is not the viewer's. */
  proposerZone?: string
  countdown?: boolean
  onReached?: () => void
}

export function InstantLines({ iso, proposerZone, countdown = true, onReached }: InstantLinesProps) {
  const zone = useViewerTimeZone()
  return (
    <span className="instant">
      <time dateTime={iso} className="instant-main">
        {formatLongInstant(iso, zone)}
      </time>
      {proposerZone && proposerZone !== zone && proposerZone !== 'UTC' && (
        <span className="instant-other">{formatLongInstant(iso, proposerZone)}, as proposed</span>
      )}
      {zone !== 'UTC' && <span className="instant-other">{formatLongInstant(iso, 'UTC')}</span>}
      {countdown && (
        <span className="instant-other">
          <Countdown iso={iso} {...(onReached ? { onReached } : {})} />
        </span>
      )}
    </span>
  )
}
