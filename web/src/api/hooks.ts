// Loading and submitting with the states a person sees: busy, the error (with its field
// messages), and the result.
import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError } from './client'

/** Any failure as an ApiError, so forms show one kind of error (a refused security key, too). */
export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error
  const detail = error instanceof Error ? error.message : String(error)
  return new ApiError({ type: 'about:blank', title: 'Error', status: 0, detail })
}

export interface Action {
  busy: boolean
  error: ApiError | null
  /** Runs the work, keeping busy and error up to date; returns its result, or undefined on failure. */
  run<T>(work: () => Promise<T>): Promise<T | undefined>
  fieldError(field: string): string | undefined
  /** Shows a problem found before sending anything. */
  fail(error: ApiError): void
  clear(): void
}

export function useAction(): Action {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  // A second press while the first request runs is ignored, not sent twice.
  const running = useRef(false)
  const run = useCallback(async <T>(work: () => Promise<T>): Promise<T | undefined> => {
    if (running.current) return undefined
    running.current = true
    setBusy(true)
    setError(null)
    try {
      return await work()
    } catch (e) {
      setError(asApiError(e))
      return undefined
    } finally {
      running.current = false
      setBusy(false)
    }
  }, [])
  return {
    busy,
    error,
    run,
    fieldError: (field) => error?.fieldMessage(field),
    fail: setError,
    clear: () => setError(null),
  }
}

export interface Loaded<T> {
  data: T | undefined
  error: ApiError | null
  loading: boolean
  reload(): Promise<void>
}

/**
 * Loads data when the key changes; a stale answer (a newer load began) is dropped. `reload()`
 * resolves once the newest load has settled, so a caller that reloads after a change never goes on
 * with the answer its own load dropped while a newer one (a live event's) was still on its way.
 */
export function useLoad<T>(load: () => Promise<T>, key: string): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined)
  const [error, setError] = useState<ApiError | null>(null)
  const [loading, setLoading] = useState(true)
  const loadRef = useRef(load)
  loadRef.current = load
  const latest = useRef(0)
  const newest = useRef<Promise<void>>(Promise.resolve())

  const reload = useCallback(async () => {
    const ticket = ++latest.current
    setLoading(true)
    let mine = (async () => {
      try {
        const value = await loadRef.current()
        if (ticket === latest.current) {
          setData(value)
          setError(null)
        }
      } catch (e) {
        if (ticket === latest.current) setError(asApiError(e))
      } finally {
        if (ticket === latest.current) setLoading(false)
      }
    })()
    newest.current = mine
    await mine
    while (newest.current !== mine) {
      mine = newest.current
      await mine
    }
  }, [])

  useEffect(() => {
    void reload()
  }, [key, reload])

  return { data, error, loading, reload }
}
