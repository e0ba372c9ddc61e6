// An instant in the viewer's time zone with the zone's name; UTC on hover and in the markup.
// Also the long form for instants that matter to the minute (a release) and a live countdown.
import { useEffect, useRef, useState } from 'react'
import { useSession } from '../api/session'
import { formatInstant, formatUtc } from '../time'

/** The browser's own zone: everyone's until they choose one, and the anonymous pages'. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC'
}

export function viewerTimeZone(userZone: string | null | undefined): string {
  return userZone ?? browserTimeZone()
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

/** The zone the viewer reads times in: their account's, else the browser's. */
export function useViewerTimeZone(): string {
  const { session } = useSession()
  return viewerTimeZone(session.user?.timeZone)
}

const longFormats = new Map<string, Intl.DateTimeFormat>()

/**
 * "Monday 3 March 2003, 12:00 (America/New_York)": for instants that matter to the minute, such
 * as a release. Built from parts so it reads the same in every browser; an unknown zone falls
 * back to UTC and says so, as formatInstant does.
 */
export function formatLongInstant(iso: string, timeZone: string): string {
  let zone = timeZone
  let format = longFormats.get(zone)
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-GB', {
        timeZone: zone,
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      })
      longFormats.set(zone, format)
    } catch {
      zone = 'UTC'
      format = new Intl.DateTimeFormat('en-GB', {
        timeZone: zone,
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      })
    }
  }
  const p: Record<string, string> = {}
  for (const part of format.formatToParts(new Date(iso))) p[part.type] = part.value
  return `${p.weekday} ${p.day} ${p.month} ${p.year}, ${p.hour}:${p.minute} (${zone})`
}

const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

/** "in 4 minutes, 12 seconds", "in 20 days", "3 hours, 5 minutes ago": the gap from now to an instant. */
export function relativeWords(ms: number): string {
  const s = Math.floor(Math.abs(ms) / 1000)
  if (s === 0) return 'now'
  const parts =
    s < 60
      ? [unit(s, 'second')]
      : s < 3600
        ? [unit(Math.floor(s / 60), 'minute'), s % 60 ? unit(s % 60, 'second') : '']
        : s < 86_400
          ? [unit(Math.floor(s / 3600), 'hour'), Math.floor(s / 60) % 60 ? unit(Math.floor(s / 60) % 60, 'minute') : '']
          : s < 2 * 86_400
            ? [unit(1, 'day'), Math.floor(s / 3600) % 24 ? unit(Math.floor(s / 3600) % 24, 'hour') : '']
            : // Whole days from two on: "in 20 days" for 19 days and 23 hours reads as meant.
              [unit(Math.round(s / 86_400), 'day')]
  const words = parts.filter(Boolean).join(', ')
  return ms > 0 ? `in ${words}` : `${words} ago`
}

/**
 * How far away an instant is, kept up to date: every second in the last hour, every minute
 * before. A timer role, so screen readers do not announce each tick.
 */
export function Countdown({ iso, onReached }: { iso: string; onReached?: () => void }) {
  const target = new Date(iso).getTime()
  const [now, setNow] = useState(() => Date.now())
  const reached = useRef(onReached)
  reached.current = onReached
  const left = target - now
  useEffect(() => {
    const delay = Math.abs(left) > 3_600_000 + 60_000 ? 60_000 : 1000
    const timer = setTimeout(() => {
      const next = Date.now()
      if (left > 0 && next >= target) reached.current?.()
      setNow(next)
    }, delay)
    return () => clearTimeout(timer)
  }, [left, target])
  return (
    <span className="countdown" role="timer">
      {relativeWords(left)}
    </span>
  )
}
