// /organizations/:id: an organization's members (roles changed and members removed per their
// abilities), inviting people, its invitations, its mail contacts and OpenPGP keys, and for a
// vendor its products and profile (website, notes, embargo policy), for an owner the way to its
// inventory and alerts. Reached from Home by organization admins, from Admin and the vendor
// directory by staff.
import { api } from '../../api/client'
import { useLoad } from '../../api/hooks'
import type { Invitation, Member, Organization } from '../../api/types'
import { InviteForm } from '../../components/InviteForm'
import { EmptyState, LoadError, LoadedList, Loading } from '../../components/Status'
import { useSignedIn } from '../../api/session'
import { usePageTitle } from '../../pageTitle'
import { Link } from '../../router'
import { kindLabel } from '../labels'
import { InvitationsTable } from '../admin/InvitationsTable'
import { MailContacts } from './MailContacts'
import { MembersTable } from './MembersTable'
import { VendorProducts } from './VendorProducts'
import { VendorProfileForm } from './VendorProfileForm'
import { OwnerSection } from '../owners/OwnerSection'

export function OrganizationPage({ organizationId }: { organizationId: string }) {
  const organization = useLoad(() => api.get<Organization>(`/organizations/${organizationId}`), organizationId)
  usePageTitle(organization.data?.name ?? 'Organization')

  if (organization.data && !organization.error) return <OrganizationDetail organization={organization.data} />
  return (
    <>
      <h1>Organization</h1>
      {organization.error ? <LoadError error={organization.error} /> : <Loading what="the organization" />}
    </>
  )
}

function OrganizationDetail({ organization }: { organization: Organization }) {
  const members = useLoad(() => api.get<Member[]>(`/organizations/${organization.id}/members`), organization.id)
  const { session } = useSignedIn()
  const staff = session.instance.administer || session.instance.list_users
  const canInvite = organization.abilities.invite
  const invitations = useLoad(
    async () => (canInvite ? api.get<Invitation[]>(`/invitations?organizationId=${organization.id}`) : []),
    `${organization.id}:${canInvite}`,
  )

  return (
    <>
      {staff && (
        <nav aria-label="Breadcrumb" className="breadcrumb">
          {organization.kind === 'vendor' && session.instance.list_vendors ? (
            <Link to="/vendors">All vendors</Link>
          ) : (
            <Link to="/admin/organizations">All organizations</Link>
          )}
        </nav>
      )}
      <p className="eyebrow">{kindLabel[organization.kind]} organization</p>
      <h1>{organization.name}</h1>
      {organization.kind === 'owner' && organization.abilities.manage_inventory && (
        <OwnerSection organization={organization} />
      )}
      <section aria-labelledby="members-heading">
        <h2 id="members-heading">Members</h2>
        <LoadedList
          loaded={members}
          what="members"
          empty={
            <EmptyState title="No members yet.">
              <p>{canInvite ? 'Invite the first one below.' : 'Members appear here once they join.'}</p>
            </EmptyState>
          }
        >
          {(list) => <MembersTable organizationId={organization.id} members={list} onChanged={members.reload} />}
        </LoadedList>
      </section>
      {canInvite && (
        <>
          <section className="panel" aria-labelledby="invite-heading">
            <h2 id="invite-heading">Invite someone</h2>
            <InviteForm
              target={{ organizationId: organization.id, organizationName: organization.name }}
              onInvited={invitations.reload}
            />
          </section>
          <section aria-labelledby="invitations-heading">
            <h2 id="invitations-heading">Invitations</h2>
            <LoadedList
              loaded={invitations}
              what="invitations"
              empty={
                <EmptyState title="No invitations yet.">
                  <p>Invitations you send appear here until they are accepted or expire.</p>
                </EmptyState>
              }
            >
              {(list) => (
                <InvitationsTable
                  invitations={list}
                  label={`Invitations to ${organization.name}`}
                  onChanged={invitations.reload}
                />
              )}
            </LoadedList>
          </section>
        </>
      )}
      {organization.kind === 'vendor' && <VendorProducts organization={organization} />}
      {organization.kind === 'vendor' && organization.abilities.manage_contacts && (
        <VendorProfileForm organization={organization} />
      )}
      {organization.abilities.read && <MailContacts organization={organization} />}
    </>
  )
}
