// A table of invitations with their state, and Revoke where the caller may.
import { api } from '../../api/client'
import { useAction } from '../../api/hooks'
import type { Invitation } from '../../api/types'
import { ConfirmAction } from '../../components/ConfirmAction'
import { DataTable } from '../../components/DataTable'
import { FormAlert } from '../../components/forms'
import { Time } from '../../components/Time'
import { instanceRoleLabel, invitationStateLabel, organizationRoleLabel } from '../labels'

function invitedAs(i: Invitation): string {
  if (i.organizationName)
    return `${i.organizationName} (${organizationRoleLabel[i.organizationRole ?? 'member'].toLowerCase()})`
  return `Staff: ${instanceRoleLabel[i.instanceRole].toLowerCase()}`
}

const stateBadge: Record<Invitation['state'], string> = {
  pending: 'badge-neutral',
  accepted: 'badge-ok',
  expired: 'badge-off',
  revoked: 'badge-off',
}

export function InvitationsTable({
  invitations,
  label,
  onChanged,
}: {
  invitations: Invitation[]
  label: string
  onChanged(): Promise<void>
}) {
  const revoke = useAction()

  async function revokeInvitation(invitation: Invitation) {
    const ok = await revoke.run(() => api.delete(`/invitations/${invitation.id}`).then(() => true))
    if (ok) await onChanged()
  }

  return (
    <>
      <FormAlert error={revoke.error} />
      <DataTable label={label} columns={['E-mail', 'Invited to', 'State', 'Sent', 'Expires']} actions>
        {invitations.map((i) => (
          <tr key={i.id}>
            <th scope="row">{i.email}</th>
            <td>{invitedAs(i)}</td>
            <td>
              <span className={`badge ${stateBadge[i.state]}`}>{invitationStateLabel[i.state]}</span>
            </td>
            <td>
              <Time iso={i.createdAt} />
            </td>
            <td>
              <Time iso={i.expiresAt} />
            </td>
            <td>
              {i.abilities.revoke && (
                <ConfirmAction
                  label="Revoke"
                  accessibleLabel={`Revoke the invitation of ${i.email}`}
                  question={`Revoke the invitation of ${i.email}?`}
                  confirmLabel="Yes, revoke"
                  onConfirm={() => revokeInvitation(i)}
                />
              )}
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  )
}
