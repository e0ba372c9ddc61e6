// A date and time as a person types it (a datetime-local value, "2003-03-03T12:00") in the zone
// they think in, turned into the one instant everybody reads the same way, as ISO 8601 with the
// zone's offset ("2003-03-03T12:00:00-05:00"), and back. The browser only knows its own zone, so
// the offset is found with Intl: it is the one offset that maps the wall-clock time back onto
// itself. Daylight saving makes some wall-clock times not exist (clocks skip them) and others
// happen twice (clocks fall back): the first is refused in words, the second takes the earlier.
// Pure (no DOM): tested in node by test/browser/embargo.test.ts.

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone)
  if (!f) {
    // Throws a RangeError for a zone the browser does not know.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    formatters.set(zone, f)
  }
  return f
}

/** The wall-clock fields of an instant in a zone, as if that wall clock were UTC (ms). */
function wallClock(instant: number, zone: string): number {
  const parts: Record<string, string> = {}
  for (const p of formatterFor(zone).formatToParts(new Date(instant))) parts[p.type] = p.value
  const d = new Date(0)
  d.setUTCFullYear(Number(parts.year), Number(parts.month) - 1, Number(parts.day))
  d.setUTCHours(Number(parts.hour), Number(parts.minute), Number(parts.second), 0)
  return d.getTime()
}

/** The zone's offset from UTC at an instant, in ms (New York in winter: -5 h). */
export function zoneOffset(instant: number, zone: string): number {
  const whole = Math.floor(instant / 1000) * 1000
  return wallClock(whole, zone) - whole
}

export function isTimeZone(zone: string): boolean {
  try {
    formatterFor(zone)
    return true
  } catch {
    return false
  }
}

export type ZonedResult =
  | { ok: true; instant: Date; iso: string; ambiguous: boolean }
  | { ok: false; field: 'local' | 'timeZone'; message: string }

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0')

/** "+05:30", "-04:00", "+00:00". */
export function offsetText(offsetMs: number): string {
  const minutes = Math.round(offsetMs / MINUTE)
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`
}

/** The local date and time `local` ("YYYY-MM-DDTHH:mm[:ss]") in `zone`, as an instant. */
export function zonedInstant(local: string, zone: string): ZonedResult {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local.trim())
  if (!m) return { ok: false, field: 'local', message: 'is not a date and time: give both, such as 2003-03-03 12:00' }
  if (!isTimeZone(zone))
    return { ok: false, field: 'timeZone', message: 'is not a time zone name such as Europe/Berlin or UTC' }
  const [year, month, day, hour, minute, second] = m.slice(1).map((x) => Number(x ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ]
  const wallDate = new Date(0)
  wallDate.setUTCFullYear(year, month - 1, day)
  wallDate.setUTCHours(hour, minute, second, 0)
  const wall = wallDate.getTime()
  // Date rolls 30 February over into March: a date that comes back different does not exist.
  if (
    wallDate.getUTCFullYear() !== year ||
    wallDate.getUTCMonth() !== month - 1 ||
    wallDate.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return { ok: false, field: 'local', message: 'is not a real date and time' }
  }
  // The instant is within a day of the wall-clock time read as UTC (no zone is 24 h off), so the
  // offsets in force a day either side are the only candidates; a right one maps back exactly.
  const offsets = new Set([zoneOffset(wall - DAY, zone), zoneOffset(wall, zone), zoneOffset(wall + DAY, zone)])
  const instants = [...offsets]
    .map((offset) => wall - offset)
    .filter((t) => wallClock(t, zone) === wall)
    .sort((a, b) => a - b)
  const first = instants[0]
  if (first === undefined) {
    return {
      ok: false,
      field: 'local',
      message: `does not exist in ${zone}: the clocks skip it when daylight saving time begins; choose a time an hour later or earlier`,
    }
  }
  const offset = zoneOffset(first, zone)
  // An offset with seconds (local mean time, centuries ago) has no ±HH:MM form: say it in UTC.
  const iso =
    offset % MINUTE === 0
      ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}${offsetText(offset)}`
      : new Date(first).toISOString()
  return { ok: true, instant: new Date(first), iso, ambiguous: new Set(instants).size > 1 }
}

/** An instant as a datetime-local value ("YYYY-MM-DDTHH:mm") on the wall clock of `zone`. */
export function localInputValue(instant: Date | string, zone: string): string {
  const t = typeof instant === 'string' ? new Date(instant).getTime() : instant.getTime()
  const wall = new Date(wallClock(t, isTimeZone(zone) ? zone : 'UTC'))
  return `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}T${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}`
}
