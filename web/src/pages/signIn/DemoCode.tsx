// Demo instances only: the current authenticator code of a demo staff account, so anyone can
// try the second-factor step without the app.
import { api } from '../../api/client'
import { useLoad } from '../../api/hooks'
import { useDemoInstance } from './DemoAccounts'

export function DemoCode({ email, onUse }: { email: string; onUse(code: string): void }) {
  const demo = useDemoInstance()
  const isDemoStaff = demo?.accounts.some((a) => a.email === email && a.totp) ?? false
  const code = useLoad(
    async () => (isDemoStaff ? (await api.post<{ code: string }>('/demo/totp-code', { email })).code : null),
    `${email}:${isDemoStaff}`,
  )
  if (!code.data) return null
  return (
    <div className="demo-code">
      <p>
        Demo: the current code is <strong className="code">{code.data}</strong>
      </p>
      <button type="button" className="button secondary" onClick={() => onUse(code.data!)}>
        Fill in the demo code
      </button>{' '}
      <button type="button" className="button subtle" onClick={() => void code.reload()}>
        Get a fresh code
      </button>
    </div>
  )
}
