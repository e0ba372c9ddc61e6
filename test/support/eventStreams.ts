// Reading a live event stream (GET /api/v1/events, text/event-stream) from a listening server, as
// a browser's EventSource would: each `data:` line's JSON, in order, until closed.
export interface StreamEvent {
  kind: string
  caseId?: string
  reportId?: string
}

export interface OpenStream {
  status: number
  /** Every event so far, in the order it came. */
  events: StreamEvent[]
  /** The first event (from those so far and those to come) the test accepts; fails after `ms`. */
  next(accept: (e: StreamEvent) => boolean, ms?: number): Promise<StreamEvent>
  /** Settles when the server ends the stream (or close() does). */
  ended: Promise<void>
  close(): void
}

export async function openStream(url: string, init: RequestInit = {}): Promise<OpenStream> {
  const abort = new AbortController()
  const response = await fetch(url, { ...init, signal: abort.signal })
  const events: StreamEvent[] = []
  const waiting = new Set<() => void>()
  let ended: Promise<void> = Promise.resolve()
  if (response.ok && response.body) {
    ended = (async () => {
      const decoder = new TextDecoder()
      let buffer = ''
      try {
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true })
          let cut: number
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, cut)
            buffer = buffer.slice(cut + 2)
            const data = block
              .split('\n')
              .filter((l) => l.startsWith('data: '))
              .map((l) => l.slice(6))
              .join('\n')
            if (data) events.push(JSON.parse(data) as StreamEvent)
            for (const w of [...waiting]) w()
          }
        }
      } catch {
        // Aborted by close().
      }
    })()
  } else {
    await response.body?.cancel()
  }
  return {
    status: response.status,
    events,
    ended,
    next(accept, ms = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find(accept)
          if (!found) return
          waiting.delete(check)
          clearTimeout(timer)
          resolve(found)
        }
        const timer = setTimeout(() => {
          waiting.delete(check)
          reject(new Error(`no such event within ${ms} ms; got ${JSON.stringify(events)}`))
        }, ms)
        waiting.add(check)
        check()
      })
    },
    close: () => abort.abort(),
  }
}
