// Instants are stored in UTC and shown in the viewer's own time zone, always with the zone's name.

export function formatInstant(iso: string, timeZone: string): string {
  const date = new Date(iso)
  try {
    return `${new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(date)} (${timeZone})`
  } catch {
    // An unknown zone name must not hide the time: fall back to UTC and say so.
    return `${new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(date)} (UTC)`
  }
}

export function formatUtc(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC`
}

/** A calendar day as the server counts it (YYYY-MM-DD, in UTC) in words: "14 Nov 2026". */
export function formatDay(day: string): string {
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`))
}

/** Every zone the browser knows, UTC first, and the given one even if the list lacks it. */
export function timeZoneNames(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []
  const names = new Set(['UTC', ...known])
  names.add(current)
  return [...names]
}
