// The browsers signed in to this account, and "sign out everywhere" for a lost laptop.
import { api } from '../../api/client'
import { useAction, useLoad } from '../../api/hooks'
import { useSession } from '../../api/session'
import type { BrowserSession } from '../../api/types'
import { ConfirmAction } from '../../components/ConfirmAction'
import { FormAlert } from '../../components/forms'
import { LoadedList } from '../../components/Status'
import { Time } from '../../components/Time'
import { navigate } from '../../router'

/** "Firefox on Linux" from a user-agent string; the raw string when it says nothing we know. */
export function describeUserAgent(agent: string | null): string {
  if (!agent) return 'Unknown browser'
  const browser = /Edg\//.test(agent)
    ? 'Edge'
    : /Firefox\//.test(agent)
      ? 'Firefox'
      : /Chrome\//.test(agent)
        ? 'Chrome'
        : /Safari\//.test(agent)
          ? 'Safari'
          : null
  const system = /Windows/.test(agent)
    ? 'Windows'
    : /Android/.test(agent)
      ? 'Android'
      : /iPhone|iPad/.test(agent)
        ? 'iOS'
        : /Mac OS X/.test(agent)
          ? 'macOS'
          : /Linux/.test(agent)
            ? 'Linux'
            : null
  return browser ? `${browser}${system ? ` on ${system}` : ''}` : agent.slice(0, 80)
}

export function SessionsSection() {
  const { reload } = useSession()
  const sessions = useLoad(() => api.get<BrowserSession[]>('/sessions'), 'sessions')
  const everywhere = useAction()

  async function signOutEverywhere() {
    const ok = await everywhere.run(() => api.delete('/sessions').then(() => true))
    if (!ok) return
    await reload()
    navigate('/sign-in')
  }

  return (
    <section id="sessions" className="panel" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Signed-in browsers</h2>
      <LoadedList loaded={sessions} what="signed-in browsers">
        {(list) => (
          <ul className="item-list">
            {list.map((s) => (
              <li key={s.id}>
                <div>
                  <strong>{describeUserAgent(s.userAgent)}</strong>{' '}
                  {s.current && <span className="badge badge-ok">This browser</span>}
                  <p className="muted">
                    {s.ip ? `From ${s.ip} · ` : ''}signed in <Time iso={s.createdAt} /> · last active{' '}
                    <Time iso={s.lastSeenAt} />
                  </p>
                </div>
              </li>
            ))}
          </ul>
        )}
      </LoadedList>
      <FormAlert error={everywhere.error} />
      <p>Lost a device, or signed in on a shared computer? Sign out of every browser, this one included.</p>
      <ConfirmAction
        label="Sign out everywhere"
        question="Sign out of every browser, this one included?"
        confirmLabel="Yes, sign out everywhere"
        onConfirm={signOutEverywhere}
      />
    </section>
  )
}
