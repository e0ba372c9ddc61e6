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
