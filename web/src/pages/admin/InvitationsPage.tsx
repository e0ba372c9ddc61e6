// /admin/invitations: every invitation the caller manages, and inviting instance staff.
import { api } from '../../api/client'
import { useLoad } from '../../api/hooks'
import { useSignedIn } from '../../api/session'
import type { Invitation } from '../../api/types'
import { InviteForm } from '../../components/InviteForm'
import { EmptyState, LoadedList } from '../../components/Status'
import { AdminFrame } from './AdminFrame'
import { InvitationsTable } from './InvitationsTable'

export function InvitationsPage() {
  const { session } = useSignedIn()
  const invitations = useLoad(() => api.get<Invitation[]>('/invitations'), 'invitations')

  return (
    <AdminFrame title="Invitations" allowed={session.instance.list_invitations}>
      <LoadedList
        loaded={invitations}
        what="invitations"
        empty={
          <EmptyState title="No invitations yet.">
            <p>
              Invite people to an organization from its page
              {session.instance.invite_staff ? ', or invite staff below' : ''}.
            </p>
          </EmptyState>
        }
      >
        {(list) => <InvitationsTable invitations={list} label="Invitations" onChanged={invitations.reload} />}
      </LoadedList>
      {session.instance.invite_staff && (
        <section className="panel" aria-labelledby="invite-staff-heading">
          <h2 id="invite-staff-heading">Invite staff</h2>
          <p className="muted">
            Coordinators triage reports and run cases; instance admins also manage users. Staff must set up an
            authenticator app.
          </p>
          <InviteForm target={{ staff: true }} onInvited={invitations.reload} />
        </section>
      )}
    </AdminFrame>
  )
}
