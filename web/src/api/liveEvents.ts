// Live pages: what changed among the things the signed-in person may see arrives from
// GET /api/v1/events (server-sent events: {kind, caseId?, reportId?}, ids and kinds only), and the
// page that cares loads its data again through the API. One EventSource per tab, shared by every
// part of the page that listens, opened while someone listens and closed when nobody does. The
// browser reconnects by itself after a network failure; a refusal (signed out, too many tabs) is
// tried again a little later. After any gap the listeners hear 'reconnected', since what changed
// meanwhile was not told.
import { useEffect, useRef } from 'react'
import { csrfHeaders } from './client'

export type LiveEventKind =
  | 'case.changed'
  | 'case.released'
  | 'message.posted'
  | 'report.changed'
  | 'alert.created'
  | 'notification.created'
  /** Not from the server: the stream was interrupted, so anything may have changed. */
  | 'reconnected'

export interface LiveEvent {
  kind: LiveEventKind
  caseId?: string
  reportId?: string
}

type Listener = (event: LiveEvent) => void

const listeners = new Set<Listener>()
let source: EventSource | null = null
let retry: ReturnType<typeof setTimeout> | null = null
let interrupted = false
const RETRY_AFTER_REFUSAL_MS = 15_000

function tell(event: LiveEvent): void {
  for (const l of [...listeners]) l(event)
}

function open(): void {
  if (source || typeof EventSource === 'undefined') return
  const s = new EventSource('/api/v1/events')
  source = s
  s.onopen = () => {
    if (interrupted) tell({ kind: 'reconnected' })
    interrupted = false
  }
  s.onmessage = (message: MessageEvent<string>) => {
    try {
      tell(JSON.parse(message.data) as LiveEvent)
    } catch {
      // Not an event of ours: nothing to do.
    }
  }
  s.onerror = () => {
    interrupted = true
    // CONNECTING: the browser tries again by itself. CLOSED: it gave up (a refusal); we try later.
    if (s.readyState !== EventSource.CLOSED) return
    s.close()
    source = null
    retry ??= setTimeout(() => {
      retry = null
      if (listeners.size) open()
    }, RETRY_AFTER_REFUSAL_MS)
  }
}

function close(): void {
  source?.close()
  source = null
  if (retry) clearTimeout(retry)
  retry = null
  interrupted = false
}

/** Calls `handler` with every live event while the component is shown (the latest handler given). */
export function useLiveEvents(handler: Listener): void {
  const latest = useRef(handler)
  latest.current = handler
  useEffect(() => {
    const listener: Listener = (event) => latest.current(event)
    listeners.add(listener)
    open()
    return () => {
      listeners.delete(listener)
      if (listeners.size === 0) close()
    }
  }, [])
}

/** Runs `reload` when an event says something this page shows changed (or may have). */
export function useReloadOn(matches: (event: LiveEvent) => boolean, reload: () => unknown): void {
  useLiveEvents((event) => {
    if (event.kind === 'reconnected' || matches(event)) void reload()
  })
}

/** The case page: anything about this case but its messages (the threads listen for those). */
export function useCaseLiveUpdates(caseId: string, reload: () => unknown): void {
  useReloadOn((e) => e.caseId === caseId && e.kind !== 'message.posted', reload)
}

/** A case's threads and the open thread: a message posted in the case. */
export function useThreadLiveUpdates(caseId: string, reload: () => unknown): void {
  useReloadOn((e) => e.caseId === caseId && e.kind === 'message.posted', reload)
}

/**
 * Home: what needs the person changes with anything they hear about (the server tells each person
 * only of their own cases, reports, alerts and notifications): a new message to them, a case that
 * moved, a release, a report's new state.
 */
export function useHomeLiveUpdates(reload: () => unknown): void {
  useReloadOn(() => true, reload)
}

/** Home's list of cases: a case opened, changed or released (its title, its TLP label). */
export function useCaseListLiveUpdates(reload: () => unknown): void {
  useReloadOn((e) => e.kind === 'case.changed' || e.kind === 'case.released', reload)
}

/** An owner's pages: a new alert or pre-notice. */
export function useAlertLiveUpdates(reload: () => unknown): void {
  useReloadOn((e) => e.kind === 'alert.created', reload)
}

/**
 * A report's private follow-up page: the same events for the holder of its link, read from the
 * streamed answer to a POST (the secret stays out of the address), started again after a break.
 */
export function useFollowUpEvents(token: string, reload: () => unknown): void {
  const latest = useRef(reload)
  latest.current = reload
  useEffect(() => {
    let stopped = false
    const abort = new AbortController()
    let timer: ReturnType<typeof setTimeout> | null = null
    const connect = async (again: boolean) => {
      try {
        const response = await fetch('/api/v1/reports/follow-up/events', {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...csrfHeaders() },
          credentials: 'same-origin',
          body: JSON.stringify({ token }),
          signal: abort.signal,
        })
        if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`)
        if (again) void latest.current()
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
        let buffer = ''
        for (;;) {
          const { value, done } = await reader.read()
          if (done) break
          buffer += value
          const blocks = buffer.split('\n\n')
          buffer = blocks.pop() ?? ''
          if (blocks.some((b) => b.split('\n').some((line) => line.startsWith('data:')))) void latest.current()
        }
      } catch {
        // Closed, refused or cut off: tried again below unless the page went away.
      }
      if (!stopped) timer = setTimeout(() => void connect(true), 5000)
    }
    void connect(false)
    return () => {
      stopped = true
      abort.abort()
      if (timer) clearTimeout(timer)
    }
  }, [token])
}
