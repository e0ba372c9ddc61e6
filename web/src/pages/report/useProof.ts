// The report form's proof of work, started as soon as the form opens so it is usually ready
// before the person is: its state for a quiet status line, the proof to send, and a fresh one
// after a challenge was spent or expired.
import { useCallback, useEffect, useRef, useState } from 'react'
import { fetchProof } from '../../api/proofOfWork'
import { asApiError } from '../../api/hooks'
import type { ReportProof } from '../../api/types'

export type ProofState = { kind: 'preparing' } | { kind: 'ready' } | { kind: 'failed'; detail: string }

export interface Proof {
  state: ProofState
  /** The proof to send: waits for the one being prepared, or starts over after a failure. */
  take(): Promise<ReportProof>
  /** Drops the current proof and prepares a new one. */
  renew(): Promise<ReportProof>
}

export function useProof(): Proof {
  const [state, setState] = useState<ProofState>({ kind: 'preparing' })
  const current = useRef<{ promise: Promise<ReportProof>; failed: boolean } | null>(null)
  const generation = useRef(0)

  const renew = useCallback(() => {
    const ticket = ++generation.current
    const stale = () => ticket !== generation.current
    setState({ kind: 'preparing' })
    const promise = fetchProof(stale)
    const entry = { promise, failed: false }
    current.current = entry
    promise.then(
      () => {
        if (!stale()) setState({ kind: 'ready' })
      },
      (error: unknown) => {
        entry.failed = true
        if (!stale()) setState({ kind: 'failed', detail: asApiError(error).problem.detail })
      },
    )
    return promise
  }, [])

  useEffect(() => {
    void renew().catch(() => undefined)
    // Leaving the page stops the work.
    return () => void generation.current++
  }, [renew])

  const take = useCallback(() => {
    const entry = current.current
    return entry && !entry.failed ? entry.promise : renew()
  }, [renew])

  return { state, take, renew }
}
