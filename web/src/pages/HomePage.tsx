// Home: a welcome, the user's organizations (with their members page for those who run one),
// what comes next, and for staff the way into administration.
import { useCurrentMembership } from '../api/currentOrganization'
import { useSignedIn } from '../api/session'
import { EmptyState } from '../components/Status'
import { usePageTitle } from '../pageTitle'
import { Link } from '../router'
import { kindLabel, organizationRoleLabel } from './labels'

export function HomePage() {
  usePageTitle('Home')
  const { session, user } = useSignedIn()
  const current = useCurrentMembership(session.memberships)
  const { instance } = session
  const staff = instance.administer || instance.list_users

  return (
    <>
      <h1>Welcome, {user.name}</h1>
      {current && (
        <p className="lead">
          You are working as <strong>{current.organization.name}</strong> ({kindLabel[current.organization.kind]}).
        </p>
      )}

      <section aria-labelledby="orgs-heading">
        <h2 id="orgs-heading">Your organizations</h2>
        {session.memberships.length === 0 ? (
          <EmptyState title="You are not in any organization yet.">
            <p>When someone invites you to their organization, it appears here. {staff ? 'As staff, you can create organizations in Admin.' : ''}</p>
          </EmptyState>
        ) : (
          <ul className="card-list">
            {session.memberships.map(({ organization, role }) => (
              <li key={organization.id} className="card">
                <h3>
                  <Link to={`/organizations/${organization.id}`}>{organization.name}</Link>
                </h3>
                <p className="muted">
                  {kindLabel[organization.kind]} · you are {organizationRoleLabel[role].toLowerCase()}
                </p>
                {(organization.abilities.invite || organization.abilities.manage_members) && (
                  <p>
                    <Link to={`/organizations/${organization.id}`}>Members and invitations of {organization.name}</Link>
                  </p>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="cases-heading">
        <h2 id="cases-heading">Cases</h2>
        <EmptyState title="No cases yet.">
          <p>
            Cases, reports and advisories arrive in a later release of Lockstep. For now, set up your account: add a security key or an API token in{' '}
            <Link to="/account">Account</Link>
            {session.memberships.some((m) => m.organization.abilities.invite) ? ', and invite your colleagues from your organization’s page' : ''}.
          </p>
        </EmptyState>
      </section>

      {staff && (
        <section aria-labelledby="admin-heading">
          <h2 id="admin-heading">Administration</h2>
          <ul className="link-list">
            {instance.list_users && (
              <li>
                <Link to="/admin/users">Users</Link>: search, roles, reset links
              </li>
            )}
            <li>
              <Link to="/admin/organizations">Organizations</Link>: create organizations and manage their members
            </li>
            {instance.list_invitations && (
              <li>
                <Link to="/admin/invitations">Invitations</Link>: pending links{instance.invite_staff ? ', and inviting staff' : ''}
              </li>
            )}
          </ul>
        </section>
      )}
    </>
  )
}
