// The app: the session, the page for the current path, and the guards that send a visitor to
// sign in (keeping ?next=), to their second factor or to authenticator set-up when due.
import { NotificationsPage } from './pages/needs/NotificationsPage'
import type { ReactNode } from 'react'
import { nextStepAfterSignIn, SessionProvider, useSession } from './api/session'
import type { SessionState } from './api/types'
import { Layout } from './components/Layout'
import { Redirect } from './components/Redirect'
import { matchPath, safeNext, useLocation, withNext } from './router'
import { SignInPage } from './pages/signIn/SignInPage'
import { SecondFactorPage } from './pages/signIn/SecondFactorPage'
import { SetUpAuthenticatorPage } from './pages/signIn/SetUpAuthenticatorPage'
import { HomePage } from './pages/HomePage'
import { AccountPage } from './pages/account/AccountPage'
import { UsersPage } from './pages/admin/UsersPage'
import { OrganizationsPage } from './pages/admin/OrganizationsPage'
import { InvitationsPage } from './pages/admin/InvitationsPage'
import { MailPage } from './pages/admin/MailPage'
import { DemoPage } from './pages/admin/DemoPage'
import { OutboxMessagePage } from './pages/admin/OutboxMessagePage'
import { PeersPage } from './pages/admin/PeersPage'
import { OrganizationPage } from './pages/organization/OrganizationPage'
import { InvitePage } from './pages/InvitePage'
import { ResetPasswordPage } from './pages/ResetPasswordPage'
import { VerifyContactPage } from './pages/VerifyContactPage'
import { NotFoundPage } from './pages/NotFoundPage'
import { ReportPage } from './pages/report/ReportPage'
import { FollowUpPage } from './pages/report/FollowUpPage'
import { TriagePage } from './pages/triage/TriagePage'
import { ReportDetailPage } from './pages/triage/ReportDetailPage'
import { CasesPage } from './pages/cases/CasesPage'
import { CasePage } from './pages/cases/CasePage'
import { VendorsPage } from './pages/vendors/VendorsPage'
import { MetricsPage } from './pages/metrics/MetricsPage'
import { InventoryPage } from './pages/owners/InventoryPage'
import { AssetPage } from './pages/owners/AssetPage'
import { AlertsPage } from './pages/owners/AlertsPage'
import { AlertPage } from './pages/owners/AlertPage'
import { SearchPage } from './pages/search/SearchPage'
import { FrontPage } from './pages/public/FrontPage'

/** Who may see a page: anyone, only a fully signed-in user, or someone at a sign-in step. */
type Access = 'public' | 'signedIn' | 'signIn' | 'secondFactor' | 'enrolment' | 'home'

interface Route {
  pattern: string
  access: Access
  render(params: Record<string, string>): ReactNode
}

const routes: Route[] = [
  // Signed out: the public front page; on the way in or signed in, as any signed-in page.
  { pattern: '/', access: 'home', render: () => <HomeOrFront /> },
  { pattern: '/sign-in', access: 'signIn', render: () => <SignInPage /> },
  { pattern: '/sign-in/second-factor', access: 'secondFactor', render: () => <SecondFactorPage /> },
  { pattern: '/sign-in/set-up-authenticator', access: 'enrolment', render: () => <SetUpAuthenticatorPage /> },
  { pattern: '/account', access: 'signedIn', render: () => <AccountPage /> },
  { pattern: '/notifications', access: 'signedIn', render: () => <NotificationsPage /> },
  { pattern: '/admin/users', access: 'signedIn', render: () => <UsersPage /> },
  { pattern: '/admin/organizations', access: 'signedIn', render: () => <OrganizationsPage /> },
  { pattern: '/admin/invitations', access: 'signedIn', render: () => <InvitationsPage /> },
  { pattern: '/admin/mail', access: 'signedIn', render: () => <MailPage /> },
  { pattern: '/admin/peers', access: 'signedIn', render: () => <PeersPage /> },
  { pattern: '/admin/demo', access: 'signedIn', render: () => <DemoPage /> },
  {
    pattern: '/admin/mail/:id',
    access: 'signedIn',
    render: ({ id }) => <OutboxMessagePage key={id} messageId={id!} />,
  },
  {
    pattern: '/organizations/:id',
    access: 'signedIn',
    render: ({ id }) => <OrganizationPage key={id} organizationId={id!} />,
  },
  {
    pattern: '/organizations/:id/inventory',
    access: 'signedIn',
    render: ({ id }) => <InventoryPage key={id} organizationId={id!} />,
  },
  {
    pattern: '/organizations/:id/inventory/:assetId',
    access: 'signedIn',
    render: ({ id, assetId }) => <AssetPage key={assetId} organizationId={id!} assetId={assetId!} />,
  },
  {
    pattern: '/organizations/:id/alerts',
    access: 'signedIn',
    render: ({ id }) => <AlertsPage key={id} organizationId={id!} />,
  },
  {
    pattern: '/organizations/:id/alerts/:alertId',
    access: 'signedIn',
    render: ({ id, alertId }) => <AlertPage key={alertId} organizationId={id!} alertId={alertId!} />,
  },
  { pattern: '/invite/:token', access: 'public', render: ({ token }) => <InvitePage key={token} token={token!} /> },
  {
    pattern: '/reset/:token',
    access: 'public',
    render: ({ token }) => <ResetPasswordPage key={token} token={token!} />,
  },
  {
    pattern: '/verify-contact/:token',
    access: 'public',
    render: ({ token }) => <VerifyContactPage key={token} token={token!} />,
  },
  { pattern: '/report', access: 'public', render: () => <ReportPage /> },
  { pattern: '/triage', access: 'signedIn', render: () => <TriagePage /> },
  { pattern: '/reports/:id', access: 'signedIn', render: ({ id }) => <ReportDetailPage key={id} reportId={id!} /> },
  { pattern: '/cases', access: 'signedIn', render: () => <CasesPage /> },
  {
    pattern: '/cases/:caseNumber',
    access: 'signedIn',
    render: ({ caseNumber }) => <CasePage key={caseNumber} caseNumber={caseNumber!} />,
  },
  {
    pattern: '/cases/:caseNumber/:tab',
    access: 'signedIn',
    render: ({ caseNumber, tab }) => <CasePage key={caseNumber} caseNumber={caseNumber!} tab={tab} />,
  },
  { pattern: '/vendors', access: 'signedIn', render: () => <VendorsPage /> },
  { pattern: '/metrics', access: 'signedIn', render: () => <MetricsPage /> },
  { pattern: '/search', access: 'signedIn', render: () => <SearchPage /> },
  {
    pattern: '/follow-up/:token',
    access: 'public',
    render: ({ token }) => <FollowUpPage key={token} token={token!} />,
  },
]

/** Where the guard sends this visitor instead, or null to show the page. */
function redirectFor(access: Access, session: SessionState, url: string, next: string): string | null {
  const stage = session.signedIn ? session.stage : null
  switch (access) {
    case 'public':
      return null
    case 'home':
      return stage === null ? null : redirectFor('signedIn', session, url, next)
    case 'signedIn':
      return stage === 'complete' ? null : nextStepAfterSignIn(session, url)
    case 'signIn':
      return stage === 'complete' ? safeNext(next) : null
    case 'secondFactor':
      return stage === 'second_factor'
        ? null
        : stage === null
          ? withNext('/sign-in', next)
          : nextStepAfterSignIn(session, next)
    case 'enrolment':
      return stage === 'totp_enrolment'
        ? null
        : stage === null
          ? withNext('/sign-in', next)
          : nextStepAfterSignIn(session, next)
  }
}

function HomeOrFront() {
  const { session } = useSession()
  return session.signedIn ? <HomePage /> : <FrontPage />
}

function CurrentPage() {
  const { session } = useSession()
  const { path, url, search } = useLocation()
  for (const route of routes) {
    const params = matchPath(route.pattern, path)
    if (!params) continue
    const target = redirectFor(route.access, session, url, search.get('next') ?? '/')
    if (target && target !== url) return <Redirect to={target} />
    return <>{route.render(params)}</>
  }
  return <NotFoundPage />
}

function Starting({ error }: { error: string | null }) {
  return (
    <main id="main" className="starting">
      <h1>Lockstep</h1>
      {error ? (
        <p role="alert">Lockstep could not reach its server ({error}). Reload the page to try again.</p>
      ) : (
        <p role="status">Loading…</p>
      )}
    </main>
  )
}

export function App() {
  return (
    <SessionProvider fallback={(error) => <Starting error={error} />}>
      <Layout>
        <CurrentPage />
      </Layout>
    </SessionProvider>
  )
}
