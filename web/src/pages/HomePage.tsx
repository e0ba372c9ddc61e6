// Home: a welcome, for each owner organization the user manages its assets' exposure and open
// alerts (what such a person comes for, so first), the user's organizations (with their members
// page for those who run one), for coordinators the newest of the triage queue, the cases
// the user takes part in, and for staff the way into administration.
import { PeerOffersSection } from './federation/PeerOffersSection'
import { useCurrentMembership } from '../api/currentOrganization'
import { useSignedIn } from '../api/session'
import { api } from '../api/client'
import { useLoad } from '../api/hooks'
import { useCaseListLiveUpdates } from '../api/liveEvents'
import type { CaseSummary, Page, ReportSummary } from '../api/types'
import { EmptyState, LoadedList } from '../components/Status'
import { usePageTitle } from '../pageTitle'
import { Link } from '../router'
import { kindLabel, organizationRoleLabel } from './labels'
import { CaseList } from './cases/CaseList'
import { NoCases } from './cases/CasesPage'
import { TriageQueue } from './triage/TriageQueue'
import { useStaff } from './triage/useStaff'
import { OwnerHome } from './owners/OwnerHome'
import { NeedsYou } from './needs/NeedsYou'

export function HomePage() {
  usePageTitle('Home')
  const { session, user } = useSignedIn()
  const current = useCurrentMembership(session.memberships)
  const { instance } = session
  const staff = instance.administer || instance.list_users
  const cases = useLoad(() => api.get<CaseSummary[]>('/cases'), 'cases')
  useCaseListLiveUpdates(cases.reload)
  const owned = session.memberships
    .map((m) => m.organization)
    .filter((o) => o.kind === 'owner' && o.abilities.manage_inventory)

  return (
    <>
      <h1>Welcome, {user.name}</h1>
      {current && (
        <p className="lead">
          You are working as <strong>{current.organization.name}</strong> ({kindLabel[current.organization.kind]}).
        </p>
      )}

      <NeedsYou />

      {owned.map((organization) => (
        <OwnerHome key={organization.id} organization={organization} />
      ))}

      <section aria-labelledby="orgs-heading">
        <h2 id="orgs-heading">Your organizations</h2>
        {session.memberships.length === 0 ? (
          <EmptyState title="You are not in any organization yet.">
            <p>
              When someone invites you to their organization, it appears here.{' '}
              {staff ? 'As staff, you can create organizations in Admin.' : ''}
            </p>
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

      {instance.list_reports && <TriageSummary me={user.id} />}
      {instance.list_peer_offers && <PeerOffersSection />}

      <section aria-labelledby="cases-heading">
        <h2 id="cases-heading">{instance.list_reports ? 'Cases' : 'Your cases'}</h2>
        <LoadedList loaded={cases} what="your cases" empty={<NoCases staff={instance.list_reports} />}>
          {(list) => (
            <>
              <CaseList cases={list.slice(0, 10)} label={instance.list_reports ? 'Cases' : 'Your cases'} />
              {list.length > 10 && (
                <p>
                  <Link to="/cases">All {list.length} cases</Link>
                </p>
              )}
            </>
          )}
        </LoadedList>
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
                <Link to="/admin/invitations">Invitations</Link>: pending links
                {instance.invite_staff ? ', and inviting staff' : ''}
              </li>
            )}
          </ul>
        </section>
      )}
    </>
  )
}

/** The new reports, oldest first: what waits longest comes first. */
function TriageSummary({ me }: { me: string }) {
  const reports = useLoad(() => api.get<Page<ReportSummary>>('/reports?view=new&sort=oldest&limit=5'), 'new reports')
  const staff = useStaff(true)
  return (
    <section aria-labelledby="triage-heading">
      <h2 id="triage-heading">New reports</h2>
      <LoadedList
        loaded={reports}
        what="new reports"
        isEmpty={(page) => page.total === 0}
        empty={
          <EmptyState title="No new reports.">
            <p>
              Everything received has been looked at. See <Link to="/triage?view=all">all reports</Link>.
            </p>
          </EmptyState>
        }
      >
        {(page) => (
          <>
            <TriageQueue reports={page.items} staff={staff.data} me={me} label="New reports, oldest first" />
            <p>
              <Link to="/triage">Triage queue</Link> ({page.total} new)
            </p>
          </>
        )}
      </LoadedList>
    </section>
  )
}
