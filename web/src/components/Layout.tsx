// The frame of every page: skip link, the demo banner on a demo instance, header (product, organization, navigation, who is signed
// in), the main landmark and a footer with the instance's OpenPGP fingerprint. After each in-app
// navigation focus moves to the new page's heading, so keyboard and screen-reader users start at
// the top of what changed.
import { NotificationBell } from './NotificationBell'
import { useEffect, useRef, type ReactNode } from 'react'
import { useSession } from '../api/session'
import { Link, navigate, useLocation } from '../router'
import { InstanceKeyFooter } from './InstanceKeyNote'
import { OrganizationSwitcher } from './OrganizationSwitcher'
import { DemoBanner } from './DemoBanner'
import { HeaderSearch } from './HeaderSearch'

export function Layout({ children }: { children: ReactNode }) {
  const { session, signOut } = useSession()
  const { path } = useLocation()
  const complete = session.stage === 'complete' && session.user !== null
  const firstRender = useRef(true)

  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false
      return
    }
    // Wait a frame for the page to render its heading.
    const frame = requestAnimationFrame(() => {
      const target = document.querySelector<HTMLElement>('main h1') ?? document.getElementById('main')
      if (target) {
        if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1')
        target.focus()
      }
    })
    return () => cancelAnimationFrame(frame)
  }, [path])

  async function signOutHere() {
    await signOut().catch(() => undefined)
    navigate('/sign-in')
  }

  const admin = session.instance.administer || session.instance.list_users
  // A section is current on its own path and below it: /report is not current on /reports/….
  const within = (prefix: string) =>
    prefix === '/' ? path === '/' : path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`)
  const current = (prefix: string) => (within(prefix) ? ('page' as const) : undefined)

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      {session.demoInstance && <DemoBanner />}
      <header className="site-header">
        <div className="header-inner">
          <Link to="/" className="brand">
            Lockstep
          </Link>
          {complete && (
            <>
              <OrganizationSwitcher memberships={session.memberships} />
              <nav aria-label="Main" className="main-nav">
                <ul>
                  <li>
                    <Link to="/" aria-current={current('/')}>
                      Home
                    </Link>
                  </li>
                  {session.instance.list_reports && (
                    <li>
                      <Link to="/triage" aria-current={current('/triage') ?? current('/reports/')}>
                        Triage
                      </Link>
                    </li>
                  )}
                  <li>
                    <Link to="/cases" aria-current={current('/cases')}>
                      Cases
                    </Link>
                  </li>
                  {session.instance.list_vendors && (
                    <li>
                      <Link to="/vendors" aria-current={current('/vendors')}>
                        Vendors
                      </Link>
                    </li>
                  )}
                  {session.instance.read_metrics && (
                    <li>
                      <Link to="/metrics" aria-current={current('/metrics')}>
                        Metrics
                      </Link>
                    </li>
                  )}
                  <li>
                    <Link to="/account" aria-current={current('/account')}>
                      Account
                    </Link>
                  </li>
                  {admin && (
                    <li>
                      <Link
                        to={session.instance.list_users ? '/admin/users' : '/admin/organizations'}
                        aria-current={current('/admin')}
                      >
                        Admin
                      </Link>
                    </li>
                  )}
                  <li>
                    <Link to="/report" aria-current={current('/report')}>
                      Report a vulnerability
                    </Link>
                  </li>
                </ul>
              </nav>
              <HeaderSearch />
              <div className="user-menu">
                <NotificationBell current={current('/notifications')} />
                <span className="user-name">
                  <span className="visually-hidden">Signed in as </span>
                  {session.user!.name}
                </span>
                <button type="button" className="button subtle" onClick={() => void signOutHere()}>
                  Sign out
                </button>
              </div>
            </>
          )}
          {!complete && (
            // Finders need no account: the form is one click away for everyone.
            <nav aria-label="Main" className="main-nav">
              <ul>
                <li>
                  <a href="/advisories">Security advisories</a>
                </li>
                <li>
                  <Link to="/report" aria-current={current('/report')}>
                    Report a vulnerability
                  </Link>
                </li>
                {!session.user && (
                  <li>
                    <Link to="/sign-in" aria-current={current('/sign-in')}>
                      Sign in
                    </Link>
                  </li>
                )}
              </ul>
            </nav>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <p>Lockstep · coordinated vulnerability disclosure</p>
        <InstanceKeyFooter />
      </footer>
    </>
  )
}
