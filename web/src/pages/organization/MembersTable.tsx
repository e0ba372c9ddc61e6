// The members of an organization: change a role or remove a member where the caller may;
// a member may leave on their own.
import { useId, useState } from 'react'
import { api } from '../../api/client'
import { useAction, type Action } from '../../api/hooks'
import { useSignedIn } from '../../api/session'
import type { Member, OrganizationRole } from '../../api/types'
import { ConfirmAction } from '../../components/ConfirmAction'
import { DataTable } from '../../components/DataTable'
import { FormAlert } from '../../components/forms'
import { Time } from '../../components/Time'
import { navigate } from '../../router'
import { organizationRoleLabel } from '../labels'

export function MembersTable({
  organizationId,
  members,
  onChanged,
}: {
  organizationId: string
  members: Member[]
  onChanged(): Promise<void>
}) {
  const action = useAction()
  return (
    <>
      <FormAlert error={action.error} />
      <DataTable label="Members" columns={['Name', 'E-mail', 'Role', 'Member since']} actions>
        {members.map((m) => (
          <MemberRow key={m.userId} organizationId={organizationId} member={m} action={action} onChanged={onChanged} />
        ))}
      </DataTable>
    </>
  )
}

function MemberRow({
  organizationId,
  member,
  action,
  onChanged,
}: {
  organizationId: string
  member: Member
  action: Action
  onChanged(): Promise<void>
}) {
  const { user, reload } = useSignedIn()
  const roleId = useId()
  const [role, setRole] = useState<OrganizationRole>(member.role)
  const isMe = member.userId === user.id
  const path = `/organizations/${organizationId}/members/${member.userId}`

  async function saveRole() {
    const ok = await action.run(() => api.put(path, { role }).then(() => true))
    if (ok) await onChanged()
  }

  async function remove() {
    const ok = await action.run(() => api.delete(path).then(() => true))
    if (!ok) return
    if (isMe) {
      // Leaving: the session's memberships change, and this page may no longer be ours to see.
      await reload()
      navigate('/')
    } else await onChanged()
  }

  return (
    <tr>
      <th scope="row">
        {member.name}
        {isMe && <span className="muted"> (you)</span>}
      </th>
      <td>{member.email}</td>
      <td>
        {member.abilities.update ? (
          <span className="inline-field">
            <label htmlFor={roleId} className="visually-hidden">
              Role of {member.name}
            </label>
            <select id={roleId} value={role} onChange={(e) => setRole(e.target.value as OrganizationRole)}>
              <option value="member">{organizationRoleLabel.member}</option>
              <option value="admin">{organizationRoleLabel.admin}</option>
            </select>
            <button
              type="button"
              className="button secondary"
              disabled={role === member.role}
              aria-label={`Save the role of ${member.name}`}
              onClick={() => void saveRole()}
            >
              Save
            </button>
          </span>
        ) : (
          organizationRoleLabel[member.role]
        )}
      </td>
      <td>
        <Time iso={member.since} />
      </td>
      <td>
        {member.abilities.remove && (
          <ConfirmAction
            label={isMe ? 'Leave' : 'Remove'}
            accessibleLabel={isMe ? 'Leave this organization' : `Remove ${member.name}`}
            question={isMe ? 'Leave this organization?' : `Remove ${member.name} from the organization?`}
            confirmLabel={isMe ? 'Yes, leave' : 'Yes, remove'}
            onConfirm={remove}
          />
        )}
      </td>
    </tr>
  )
}
