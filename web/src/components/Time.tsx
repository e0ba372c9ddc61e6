// An instant in the viewer's time zone with the zone's name; UTC on hover and in the markup.
import { useSession } from '../api/session'
import { formatInstant, formatUtc } from '../time'

export function viewerTimeZone(userZone: string | undefined): string {
  return userZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC'
}

export function Time({ iso }: { iso: string }) {
  const { session } = useSession()
  const zone = viewerTimeZone(session.user?.timeZone)
  return (
    <time dateTime={iso} title={formatUtc(iso)}>
      {formatInstant(iso, zone)}
    </time>
  )
}

/** A nullable instant, with what its absence means (never used, no expiry). */
export function MaybeTime({ iso, otherwise }: { iso: string | null; otherwise: string }) {
  return iso ? <Time iso={iso} /> : <span className="muted">{otherwise}</span>
}
