// The signed-in state, loaded once from GET /api/v1/session and shared with every page. Pages
// replace it after signing in, signing out or finishing a second factor.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react'
import { api, setCsrfToken, whenSessionEnds } from './client'
import type { SessionState } from './types'
import { safeNext, withNext } from '../router'

export interface SessionContextValue {
  session: SessionState
  /** Asks the server again and returns the fresh state. */
  reload(): Promise<SessionState>
  replace(state: SessionState): void
  signOut(): Promise<void>
}

const SessionContext = createContext<SessionContextValue | null>(null)

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext)
  if (!value) throw new Error('useSession outside SessionProvider')
  return value
}

/** The session of a page that is only shown to a fully signed-in user. */
export function useSignedIn() {
  const { session, ...rest } = useSession()
  if (!session.user) throw new Error('useSignedIn on a page for signed-in users only')
  return { session, user: session.user, ...rest }
}

export function SessionProvider({ children, fallback }: { children: ReactNode; fallback: (error: string | null) => ReactNode }) {
  const [session, setSession] = useState<SessionState | null>(null)
  const [error, setError] = useState<string | null>(null)

  const replace = useCallback((state: SessionState) => {
    setCsrfToken(state.csrfToken)
    setSession(state)
  }, [])

  const reload = useCallback(async () => {
    const state = await api.get<SessionState>('/session')
    replace(state)
    return state
  }, [replace])

  const signOut = useCallback(async () => {
    await api.delete('/session')
    await reload()
  }, [reload])

  useEffect(() => {
    whenSessionEnds(() => void reload().catch(() => undefined))
    return () => whenSessionEnds(null)
  }, [reload])

  useEffect(() => {
    reload().catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
  }, [reload])

  if (!session) return <>{fallback(error)}</>
  return <SessionContext.Provider value={{ session, reload, replace, signOut }}>{children}</SessionContext.Provider>
}

/** Where a sign-in goes next: the second factor, authenticator set-up, or the page asked for. */
export function nextStepAfterSignIn(state: SessionState, next: string): string {
  if (state.stage === 'second_factor') return withNext('/sign-in/second-factor', next)
  if (state.stage === 'totp_enrolment') return withNext('/sign-in/set-up-authenticator', next)
  if (state.stage === 'complete') return safeNext(next)
  return withNext('/sign-in', next)
}
