// The shapes the HTTP API answers with (see src/adapters/http/schemas.ts). Every resource carries
// the caller's abilities on it: the UI shows an action only when its ability is true.

export type InstanceRole = 'none' | 'coordinator' | 'admin'
export type OrganizationKind = 'coordinator' | 'vendor' | 'finder' | 'owner' | 'other'
export type OrganizationRole = 'admin' | 'member'
export type SignInStage = 'complete' | 'second_factor' | 'totp_enrolment'

export interface InstanceAbilities {
  administer: boolean
  list_users: boolean
  create_user: boolean
  create_organization: boolean
  list_invitations: boolean
  invite_staff: boolean
}

export interface User {
  id: string
  email: string
  name: string
  instanceRole: InstanceRole
  timeZone: string
  totpEnabled: boolean
  disabled: boolean
  createdAt: string
  abilities: {
    read: boolean
    update: boolean
    change_role: boolean
    disable: boolean
    issue_password_reset: boolean
    remove_authenticator: boolean
    reset_second_factors: boolean
  }
}

export interface Organization {
  id: string
  name: string
  slug: string
  kind: OrganizationKind
  createdAt: string
  abilities: { read: boolean; update: boolean; invite: boolean; manage_members: boolean }
}

export interface Membership {
  organization: Organization
  role: OrganizationRole
}

export interface SessionState {
  signedIn: boolean
  stage: SignInStage | null
  csrfToken: string | null
  user: User | null
  memberships: Membership[]
  instance: InstanceAbilities
  secondFactors: { totp: boolean; webauthn: boolean }
}

export interface Member {
  userId: string
  name: string
  email: string
  role: OrganizationRole
  since: string
  abilities: { read: boolean; update: boolean; remove: boolean }
}

export interface ApiToken {
  id: string
  name: string
  prefix: string
  createdAt: string
  lastUsedAt: string | null
  expiresAt: string | null
  revokedAt: string | null
  abilities: { read: boolean; revoke: boolean }
}

export interface CreatedApiToken extends ApiToken {
  token: string
}

export type InvitationState = 'pending' | 'accepted' | 'expired' | 'revoked'

export interface Invitation {
  id: string
  email: string
  organizationId: string | null
  organizationName: string | null
  organizationRole: OrganizationRole | null
  instanceRole: InstanceRole
  state: InvitationState
  createdAt: string
  expiresAt: string
  abilities: { read: boolean; revoke: boolean }
}

export interface CreatedInvitation extends Invitation {
  url: string
}

export interface InvitationLookup {
  email: string
  organizationName: string | null
  instanceRole: InstanceRole
  accountExists: boolean
  expiresAt: string
}

export interface SecurityKey {
  id: string
  name: string
  createdAt: string
  lastUsedAt: string | null
}

export interface BrowserSession {
  id: string
  current: boolean
  createdAt: string
  lastSeenAt: string
  expiresAt: string
  userAgent: string | null
  ip: string | null
}

export interface DemoInstance {
  password: string
  accounts: { email: string; name: string; role: string; totp: boolean }[]
}

export interface Page<T> {
  items: T[]
  total: number
}

// Reports: the public form and its private follow-up link.

export type CreditPreference = 'name' | 'organization' | 'anonymous' | 'none'
export type ReportState = 'received' | 'invalid' | 'valid' | 'accepted' | 'deferred' | 'closed'

export interface ReportChallenge {
  challenge: string
  bits: number
  expiresAt: string
}

export interface ReportProof {
  challenge: string
  nonce: string
}

export interface ReportSubmitted {
  trackingId: string
  /** Private: whoever has it can read the report's status. */
  followUpUrl: string
}

export interface ReportStatus {
  trackingId: string
  title: string
  state: ReportState
  stateLabel: string
  submittedAt: string
}
