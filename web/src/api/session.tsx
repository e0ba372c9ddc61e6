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
  /** Why the last session ended on its own (expired, ended elsewhere), for the sign-in page. */
  endedBecause: string | null
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

export function SessionProvider({
  children,
  fallback,
}: {
  children: ReactNode
  fallback: (error: string | null) => ReactNode
}) {
  const [session, setSession] = useState<SessionState | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [endedBecause, setEndedBecause] = useState<string | null>(null)

  const replace = useCallback((state: SessionState) => {
    setCsrfToken(state.csrfToken)
    setSession(state)
    if (state.signedIn) setEndedBecause(null)
  }, [])

  const reload = useCallback(async () => {
    const state = await api.get<SessionState>('/session')
    replace(state)
    return state
  }, [replace])

  const signOut = useCallback(async () => {
    await api.delete('/session')
    await reload()
    setEndedBecause(null)
  }, [reload])

  useEffect(() => {
    whenSessionEnds((detail, path) => {
      // The sign-in steps say exactly why (too many wrong codes); elsewhere the API's reason is
      // written for scripts, so say it in the UI's words.
      setEndedBecause(
        path.startsWith('/session/')
          ? detail
          : 'Your session has ended: it expired, or you were signed out from another browser. Sign in again to continue.',
      )
      void reload().catch(() => undefined)
    })
    return () => whenSessionEnds(null)
  }, [reload])

  useEffect(() => {
    reload().catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
  }, [reload])

  if (!session) return <>{fallback(error)}</>
  return (
    <SessionContext.Provider value={{ session, reload, replace, signOut, endedBecause }}>
      {children}
    </SessionContext.Provider>
  )
}

/** Where a sign-in goes next: the second factor, authenticator set-up, or the page asked for. */
export function nextStepAfterSignIn(state: SessionState, next: string): string {
  if (state.stage === 'second_factor') return withNext('/sign-in/second-factor', next)
  if (state.stage === 'totp_enrolment') return withNext('/sign-in/set-up-authenticator', next)
  if (state.stage === 'complete') return safeNext(next)
  return withNext('/sign-in', next)
}
