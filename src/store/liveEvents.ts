// Word that something an open page shows has changed (migration 0021 says it at commit): read off
// the channel and fanned out in this process to the streams of signed-in people and follow-up
// pages (adapters/http/routes/events.ts), which pass on only what the policy lets each one read.
// On PostgreSQL it arrives on the server's one LISTEN connection (store/principalChanges.ts), so a
// change committed through any server reaches the pages open on every other one; PGlite delivers it
// in-process.

export const EVENTS_CHANNEL = 'lockstep_events'

export type LiveEvent =
  | { kind: 'case.changed' | 'case.released' | 'message.posted'; caseId: string }
  | { kind: 'report.changed' | 'message.posted'; reportId: string }
  | { kind: 'alert.created'; organizationId: string }
  | { kind: 'notification.created'; userId: string }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const TARGETS = {
  caseId: ['case.changed', 'case.released', 'message.posted'],
  reportId: ['report.changed', 'message.posted'],
  organizationId: ['alert.created'],
  userId: ['notification.created'],
} as const

/** The word as the trigger wrote it, or null for anything else (nothing unknown is passed on). */
export function parseLiveEvent(payload: string): LiveEvent | null {
  let value: unknown
  try {
    value = JSON.parse(payload)
  } catch {
    return null
  }
  if (typeof value !== 'object' || value === null) return null
  const { kind, ...rest } = value as Record<string, unknown>
  const entries = Object.entries(rest)
  if (entries.length !== 1 || typeof kind !== 'string') return null
  const [target, id] = entries[0]!
  const kinds = (TARGETS as Record<string, readonly string[]>)[target]
  if (!kinds?.includes(kind) || typeof id !== 'string' || !UUID.test(id)) return null
  return { kind, [target]: id } as LiveEvent
}

export interface LiveEvents {
  /** Every event from now on; answers the function that stops it. */
  subscribe(listener: (event: LiveEvent) => void): () => void
}

export class LiveEventHub implements LiveEvents {
  private readonly listeners = new Set<(event: LiveEvent) => void>()

  subscribe(listener: (event: LiveEvent) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** A notification's payload, as it came off the channel. */
  notified(payload: string): void {
    const event = parseLiveEvent(payload)
    if (!event) return
    for (const l of this.listeners) l(event)
  }
}
