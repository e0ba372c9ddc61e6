// The roles a person holds: on the instance (its staff) and in each organization they belong to.
// They live in the domain because the policy reasons about them; the store's row types reuse them.
export type InstanceRole = 'none' | 'coordinator' | 'admin'
export type OrganizationRole = 'admin' | 'member'
export type OrganizationKind = 'coordinator' | 'vendor' | 'finder' | 'owner' | 'other'
