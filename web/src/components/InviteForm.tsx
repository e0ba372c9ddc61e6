// Inviting someone by link: to an organization with a role, or (admins) as instance staff. Until
// e-mail is configured the link is shown here, to hand over by a channel the inviter trusts.
import { useState } from 'react'
import { api } from '../api/client'
import { useAction } from '../api/hooks'
import type { CreatedInvitation, InstanceRole, OrganizationRole } from '../api/types'
import { CopyField } from './CopyField'
import { FormAlert, SelectField, SubmitButton, TextField, submitted } from './forms'
import { Time } from './Time'

type Target = { organizationId: string; organizationName: string } | { staff: true }

const organizationRoles = [
  { value: 'member', label: 'Member' },
  { value: 'admin', label: 'Admin (manages members and invitations)' },
]
const staffRoles = [
  { value: 'coordinator', label: 'Coordinator' },
  { value: 'admin', label: 'Instance admin' },
]

export function InviteForm({ target, onInvited }: { target: Target; onInvited(): Promise<void> }) {
  const staff = 'staff' in target
  const [email, setEmail] = useState('')
  const [role, setRole] = useState(staff ? 'coordinator' : 'member')
  const [created, setCreated] = useState<CreatedInvitation | null>(null)
  const action = useAction()

  async function invite() {
    setCreated(null)
    const body = staff
      ? { email: email.trim(), instanceRole: role as InstanceRole }
      : { email: email.trim(), organizationId: target.organizationId, organizationRole: role as OrganizationRole }
    const invitation = await action.run(() => api.post<CreatedInvitation>('/invitations', body))
    if (!invitation) return
    // The list below is brought up to date first, so the link and the list never disagree.
    await onInvited()
    setCreated(invitation)
    setEmail('')
  }

  const roleField = staff ? 'instanceRole' : 'organizationRole'
  return (
    <form onSubmit={submitted(invite)} noValidate aria-busy={action.busy}>
      <FormAlert error={action.error} fields={['email', roleField]} />
      {created && (
        <div className="secret-box" role="region" aria-label={`New invitation for ${created.email}`}>
          <p>
            <strong>Invitation created for {created.email}.</strong> Send them this link yourself; it works until{' '}
            <Time iso={created.expiresAt} />.
          </p>
          <CopyField label={`Invitation link for ${created.email}`} value={created.url} />
        </div>
      )}
      <TextField
        label="E-mail address"
        type="email"
        autoComplete="off"
        value={email}
        onChange={setEmail}
        error={action.fieldError('email')}
      />
      <SelectField
        label="Role"
        value={role}
        onChange={setRole}
        options={staff ? staffRoles : organizationRoles}
        error={action.fieldError(roleField)}
      />
      <SubmitButton busy={action.busy} busyText="Inviting…">
        {staff ? 'Invite staff member' : `Invite to ${target.organizationName}`}
      </SubmitButton>
    </form>
  )
}
