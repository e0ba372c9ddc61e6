// Reading the fields of an activity a peer sent, the same way in every reader of the case protocol
// (caseOffer.ts, embargoNegotiation.ts, peerAdvisory.ts, caseSharing.ts): bounded strings, objects
// that may be missing, instants, and the case an activity is about (its `context`), which must be
// under the sender's address so that one peer cannot speak about another's cases. A field that is
// not what it must be is refused as a bad activity (422).
import { FederationRefusal } from './refusal.js'

/** A string no longer than `max` (a peer's text is bounded before anything is kept). */
export const str = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max

/** A string of at most `max` with something in it, trimmed, or `fallback`. */
export function text(v: unknown, max: number, fallback: string): string {
  return str(v, max) && v.trim() ? v.trim() : fallback
}

export function bad(message: string): never {
  throw new FederationRefusal('bad-activity', message)
}

/** The object in a field (an empty one when it is missing or not an object). */
export function objectIn(v: unknown): Record<string, unknown> {
  return (typeof v === 'object' && v !== null && !Array.isArray(v) ? v : {}) as Record<string, unknown>
}

/** An instant in a field, or null when there is none (or it is not one). */
export function instant(v: unknown): Date | null {
  const d = str(v, 40) ? new Date(v) : new Date(NaN)
  return Number.isNaN(d.getTime()) ? null : d
}

/** An address on the sender (an id, a page), refused when it is elsewhere. */
export function senderUrl(v: unknown, senderBaseUrl: string, what: string): string {
  if (!str(v, 1000) || !v.startsWith(`${senderBaseUrl}/`)) bad(`${what} is not under the sender's address`)
  return v
}

/** The case on the sender an activity is about (its `context`). */
export function senderCase(a: Record<string, unknown>, senderBaseUrl: string, what: string): string {
  return senderUrl(a.context, senderBaseUrl, `${what} (context)`)
}
