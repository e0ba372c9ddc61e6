// Posting one of a case's or a report's peer actions (offering or sending it, telling a peer later,
// handing over): what the page says once one succeeded, and its list of peers read again so the
// new times show.
import { useState } from 'react'
import { api } from '../../api/client'
import { useAction, type Action } from '../../api/hooks'

export interface PeerActions {
  action: Action
  /** What the last action that succeeded did, in words; empty until one has. */
  done: string
  /** Posts `body` to `path` below the case or report, saying `said` once it succeeded. */
  send(path: string, body: object, said: string): Promise<void>
}

/** `base` is the case's or report's API path; `onSent` runs after a success, before the reload. */
export function usePeerActions(base: string, reload: () => Promise<void>, onSent?: () => void): PeerActions {
  const [done, setDone] = useState('')
  const action = useAction()
  async function send(path: string, body: object, said: string) {
    setDone('')
    const ok = await action.run(() => api.post(`${base}/${path}`, body).then(() => true))
    if (!ok) return
    setDone(said)
    onSent?.()
    await reload()
  }
  return { action, done, send }
}
