// The frame of the admin pages: heading, the admin sub-navigation (each tab shown per the
// instance abilities), and a plain refusal when the signed-in user may not use the page.
import type { ReactNode } from 'react'
import { useSignedIn } from '../../api/session'
import { usePageTitle } from '../../pageTitle'
import { Link, useLocation } from '../../router'

export function AdminFrame({ title, allowed, children }: { title: string; allowed: boolean; children: ReactNode }) {
  usePageTitle(title)
  const { session } = useSignedIn()
  const { path } = useLocation()
  const { instance } = session
  const tabs = [
    { to: '/admin/users', label: 'Users', shown: instance.list_users },
    { to: '/admin/organizations', label: 'Organizations', shown: true },
    { to: '/admin/invitations', label: 'Invitations', shown: instance.list_invitations },
    { to: '/admin/mail', label: 'Mail', shown: instance.administer },
    { to: '/admin/peers', label: 'Peers', shown: instance.list_peers },
    { to: '/admin/demo', label: 'Demo', shown: session.demoReset },
  ].filter((t) => t.shown)

  return (
    <>
      <p className="eyebrow">Administration</p>
      <h1>{title}</h1>
      <nav aria-label="Administration" className="tabs">
        <ul>
          {tabs.map((tab) => (
            <li key={tab.to}>
              <Link to={tab.to} aria-current={path === tab.to || path.startsWith(`${tab.to}/`) ? 'page' : undefined}>
                {tab.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {allowed ? (
        children
      ) : (
        <div className="alert alert-error" role="alert">
          <p>
            <strong>This page is for instance staff.</strong> Your account does not have access to it.{' '}
            <Link to="/">Back to your home page</Link>
          </p>
        </div>
      )}
    </>
  )
}
