// Dates as the CERT/CC archive wrote them over twenty years: ISO 8601 with or without a zone
// ("2003-03-03T17:00:00Z", "2003-01-13 09:30:00", "2003-02-26T12:00:00-05:00"), a bare day, empty
// strings for "never", and sometimes text where a date should be ("Message 273007 not found in
// ..."). A date without a zone is read as UTC, the archive's own convention.
export type ArchiveDate = { ok: true; at: Date | null } | { ok: false; text: string }

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|z|UTC|[+-]\d{2}:?\d{2})?$/

export function parseArchiveDate(value: unknown): ArchiveDate {
  if (value === null || value === undefined) return { ok: true, at: null }
  if (typeof value !== 'string') return { ok: false, text: JSON.stringify(value).slice(0, 80) }
  const text = value.trim()
  if (text === '' || text === '--' || text.toLowerCase() === 'none' || text.toLowerCase() === 'null')
    return { ok: true, at: null }
  const m = ISO.exec(text)
  if (!m) return { ok: false, text: text.slice(0, 80) }
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone] = m
  let offsetMinutes = 0
  if (zone && zone !== 'Z' && zone !== 'z' && zone !== 'UTC') {
    const sign = zone.startsWith('-') ? -1 : 1
    const digits = zone.slice(1).replace(':', '')
    offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)))
  }
  const ms = Date.UTC(
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h),
    Number(mi),
    Number(s),
    Number(frac.padEnd(3, '0').slice(0, 3)),
  )
  const at = new Date(ms - offsetMinutes * 60_000)
  // Date.UTC rolls 2003-02-31 over into March: such a day is text, not a date.
  if (Number.isNaN(at.getTime()) || new Date(ms).getUTCDate() !== Number(d) || Number(mo) > 12)
    return { ok: false, text: text.slice(0, 80) }
  return { ok: true, at }
}
