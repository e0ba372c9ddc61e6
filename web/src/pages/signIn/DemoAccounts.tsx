// On a demo instance (the session says so, and GET /api/v1/demo answers), the demo accounts with
// a button each that fills the sign-in form. Elsewhere the endpoint is absent and nothing is shown.
import { api } from '../../api/client'
import { useLoad } from '../../api/hooks'
import { useSession } from '../../api/session'
import type { DemoInstance } from '../../api/types'

export function useDemoInstance() {
  const demo = useSession().session.demoInstance
  return useLoad(async () => (demo ? await api.get<DemoInstance>('/demo') : null), `demo:${demo}`).data
}

export function DemoAccounts({ onPick }: { onPick(email: string, password: string): void }) {
  const demo = useDemoInstance()
  if (!demo) return null
  return (
    <section className="panel demo-accounts" aria-labelledby="demo-heading">
      <h2 id="demo-heading">Demo accounts</h2>
      <p>
        This is a demo instance. Every account's password is <code>{demo.password}</code>. Staff accounts also need an
        authenticator code: the next page shows it.
      </p>
      <ul className="demo-list">
        {demo.accounts.map((account) => (
          <li key={account.email}>
            <button type="button" className="button secondary" onClick={() => onPick(account.email, demo.password)}>
              Use {account.name}
            </button>{' '}
            <span className="muted">
              {account.role} · {account.email}
            </span>
          </li>
        ))}
      </ul>
    </section>
  )
}
