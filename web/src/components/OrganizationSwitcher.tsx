// The header's organization picker, shown to users who belong to at least one organization.
import { useId } from 'react'
import { chooseOrganization, useCurrentMembership } from '../api/currentOrganization'
import type { Membership } from '../api/types'

export function OrganizationSwitcher({ memberships }: { memberships: readonly Membership[] }) {
  const id = useId()
  const current = useCurrentMembership(memberships)
  if (!current) return null
  return (
    <div className="org-switcher">
      <label htmlFor={id}>Organization</label>
      <select id={id} value={current.organization.id} onChange={(e) => chooseOrganization(e.target.value)}>
        {memberships.map((m) => (
          <option key={m.organization.id} value={m.organization.id}>
            {m.organization.name}
          </option>
        ))}
      </select>
    </div>
  )
}
