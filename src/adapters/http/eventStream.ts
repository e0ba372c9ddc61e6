// One open text/event-stream response: the live events (store/liveEvents.ts) one listener may
// hear, each filtered by the policy before it is written, a comment every HEARTBEAT_MS so that
// proxies and the browser keep the connection, and everything let go when the browser leaves.
// The response is taken over from Fastify (hijacked), so its headers are written here.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { LiveEvent, LiveEvents } from '../../store/liveEvents.js'
import type { PageEvent } from '../../commands/live/audience.js'

export const HEARTBEAT_MS = 25_000
/** A stream ends after this long and the browser opens another, signed in afresh. */
export const STREAM_LIFETIME_MS = 30 * 60_000
/** How long the browser waits before opening the stream again after it ends. */
const RETRY_MS = 2000

export interface StreamOptions {
  events: LiveEvents
  /** What this listener hears of an event (null: nothing). */
  filter(event: LiveEvent): Promise<PageEvent | null>
  /** Checked before each event and heartbeat: false ends the stream (the caller's access ended). */
  stillAllowed?(): Promise<boolean>
  /** Called once when the stream ends, whatever ended it. */
  onEnd?(): void
}

export interface EventStream {
  /** Ends it (the server's close calls it). */
  end(): void
  /** Asks stillAllowed now, after what is already on its way, instead of at the next event. */
  recheck(): void
}

export function openEventStream(request: FastifyRequest, reply: FastifyReply, opts: StreamOptions): EventStream {
  reply.hijack()
  const res = reply.raw
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    // Nginx and the like would otherwise hold the events back in a buffer.
    'x-accel-buffering': 'no',
    connection: 'keep-alive',
  })
  res.write(`retry: ${RETRY_MS}\n: connected\n\n`)

  let ended = false
  // Events are filtered one after another, so they leave in the order they came.
  let queue: Promise<void> = Promise.resolve()
  const end = () => {
    if (ended) return
    ended = true
    stop()
    clearInterval(heartbeat)
    clearTimeout(lifetime)
    opts.onEnd?.()
    if (!res.writableEnded) res.end()
  }
  const allowed = async () => (opts.stillAllowed ? opts.stillAllowed() : true)
  const stop = opts.events.subscribe((event) => {
    queue = queue
      .then(async () => {
        if (ended || !(await allowed())) return end()
        const heard = await opts.filter(event)
        if (heard && !ended) res.write(`data: ${JSON.stringify(heard)}\n\n`)
      })
      .catch((error: Error) => {
        request.log.error({ err: error }, 'a live event could not be passed on')
        end()
      })
  })
  // One check waiting at a time: a burst of words about callers costs one look.
  let checking = false
  const check = (then?: () => void) => {
    if (checking && !then) return
    checking = true
    queue = queue
      .then(async () => {
        checking = false
        if (ended) return
        if (!(await allowed())) return end()
        then?.()
      })
      .catch(() => end())
  }
  const heartbeat = setInterval(() => check(() => res.write(': still here\n\n')), HEARTBEAT_MS)
  const lifetime = setTimeout(end, STREAM_LIFETIME_MS)
  request.raw.on('close', end)
  res.on('close', end)
  res.on('error', end)
  return { end, recheck: () => check() }
}

/** Counts open streams per key (a person, a report) on this server, to refuse one too many. */
export class StreamCounter {
  private readonly open = new Map<string, number>()
  constructor(readonly limit: number) {}

  /** Takes a place for the key, or answers false when it has `limit` streams open already. */
  take(key: string): boolean {
    const n = this.open.get(key) ?? 0
    if (n >= this.limit) return false
    this.open.set(key, n + 1)
    return true
  }

  release(key: string): void {
    const n = (this.open.get(key) ?? 1) - 1
    if (n <= 0) this.open.delete(key)
    else this.open.set(key, n)
  }

  count(key: string): number {
    return this.open.get(key) ?? 0
  }
}
