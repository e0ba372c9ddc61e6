// What an admin may do with one user, per that user's abilities: change the instance role,
// disable or enable, issue a password reset link, clear second factors (a lost phone or key).
import { useId, useState } from 'react'
import { api } from '../../api/client'
import type { Action } from '../../api/hooks'
import type { InstanceRole, User } from '../../api/types'
import { ConfirmAction } from '../../components/ConfirmAction'
import { instanceRoleLabel } from '../labels'
import type { ResetLink } from './UsersPage'

interface UserActionsProps {
  user: User
  action: Action
  onChanged(): Promise<void>
  onResetLink(link: ResetLink): void
}

export function UserActions({ user, action, onChanged, onResetLink }: UserActionsProps) {
  const roleId = useId()
  const [role, setRole] = useState<InstanceRole>(user.instanceRole)
  const { abilities } = user

  async function change(work: () => Promise<unknown>) {
    const ok = await action.run(async () => {
      await work()
      return true
    })
    if (ok) await onChanged()
  }

  async function issueReset() {
    const link = await action.run(() =>
      api.post<{ url: string; expiresAt: string }>(`/users/${user.id}/password-reset`),
    )
    if (link) onResetLink({ name: user.name, ...link })
  }

  if (
    !abilities.change_role &&
    !abilities.disable &&
    !abilities.issue_password_reset &&
    !abilities.reset_second_factors
  )
    return <span className="muted">No actions</span>
  return (
    <div className="row-actions">
      {abilities.change_role && (
        <span className="inline-field">
          <label htmlFor={roleId} className="visually-hidden">
            Instance role of {user.name}
          </label>
          <select id={roleId} value={role} onChange={(e) => setRole(e.target.value as InstanceRole)}>
            {(Object.keys(instanceRoleLabel) as InstanceRole[]).map((r) => (
              <option key={r} value={r}>
                {instanceRoleLabel[r]}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button secondary"
            disabled={role === user.instanceRole}
            aria-label={`Save the role of ${user.name}`}
            onClick={() => void change(() => api.put(`/users/${user.id}/role`, { instanceRole: role }))}
          >
            Save role
          </button>
        </span>
      )}
      {abilities.disable &&
        (user.disabled ? (
          <button
            type="button"
            className="button secondary"
            aria-label={`Enable ${user.name}`}
            onClick={() => void change(() => api.put(`/users/${user.id}/disabled`, { disabled: false }))}
          >
            Enable
          </button>
        ) : (
          <ConfirmAction
            label="Disable"
            accessibleLabel={`Disable ${user.name}`}
            question={`Disable ${user.name}? They are signed out at once.`}
            confirmLabel="Yes, disable"
            onConfirm={() => change(() => api.put(`/users/${user.id}/disabled`, { disabled: true }))}
          />
        ))}
      {abilities.reset_second_factors && (user.totpEnabled || user.instanceRole !== 'none') && (
        <ConfirmAction
          label="Reset second factors"
          accessibleLabel={`Reset the second factors of ${user.name}`}
          question={`Clear ${user.name}'s authenticator app and security keys, and sign them out? Staff set up a new authenticator at their next sign-in.`}
          confirmLabel="Yes, reset"
          onConfirm={() => change(() => api.delete(`/users/${user.id}/second-factors`))}
        />
      )}
      {abilities.issue_password_reset && (
        <button
          type="button"
          className="button secondary"
          aria-label={`Issue a password reset link for ${user.name}`}
          onClick={() => void issueReset()}
        >
          Reset link
        </button>
      )}
    </div>
  )
}
