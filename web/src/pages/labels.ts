// Words for the API's codes, in one place so every page says the same thing.
import type { InstanceRole, InvitationState, OrganizationKind, OrganizationRole } from '../api/types'

export const kindLabel: Record<OrganizationKind, string> = {
  coordinator: 'Coordinator',
  vendor: 'Vendor',
  finder: 'Finder',
  owner: 'Owner',
  other: 'Other',
}

export const organizationRoleLabel: Record<OrganizationRole, string> = { admin: 'Admin', member: 'Member' }

export const instanceRoleLabel: Record<InstanceRole, string> = {
  none: 'No staff role',
  coordinator: 'Coordinator',
  admin: 'Instance admin',
}

export const invitationStateLabel: Record<InvitationState, string> = {
  pending: 'Pending',
  accepted: 'Accepted',
  expired: 'Expired',
  revoked: 'Revoked',
}

export const options = <K extends string>(labels: Record<K, string>) =>
  (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }))

export type CreditPreference = 'name' | 'organization' | 'anonymous' | 'none'

/** How the finder asked to be credited, said the same way to the finder and to the coordinators. */
export const creditHow: Record<CreditPreference, string> = {
  name: 'By name',
  organization: 'By organization',
  anonymous: 'Anonymously: vendors and the advisory do not learn the name',
  none: 'No credit wanted',
}

/**
 * The credit as it will read: the wording the finder gave, else (for staff) the name or organization
 * they gave with the report; null when there is none, for the page to say "not given" rather
 * than show a form's placeholder as if it were a value.
 */
export function creditWording(
  credit: { preference: CreditPreference; text: string | null },
  given?: { name: string | null; organization: string | null } | null,
): string | null {
  if (credit.preference === 'anonymous' || credit.preference === 'none') return null
  if (credit.text?.trim()) return credit.text.trim()
  const fallback = credit.preference === 'name' ? given?.name : given?.organization
  return fallback?.trim() || null
}
