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
  list_reports: boolean
  open_case: boolean
  list_vendors: boolean
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
  /** Flagged by the coordinators: pre-notified of advisories that affect its inventory. */
  criticalInfrastructure: boolean
  createdAt: string
  abilities: {
    read: boolean
    update: boolean
    invite: boolean
    manage_members: boolean
    manage_contacts: boolean
    manage_inventory: boolean
    flag_critical: boolean
  }
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

/** The finder's follow-up view: the status, the credit that will be given, the messages and files. */
export interface FollowUpView extends ReportStatus {
  credit: { preference: CreditPreference; text: string | null }
  messages: ReportMessage[]
  attachments: Attachment[]
}

/** A file on a report or in a case thread; only ever downloaded, never shown inline. */
export interface Attachment {
  id: string
  filename: string
  /** Bytes. */
  size: number
  /** Hex SHA-256 of the content, to check the downloaded file against. */
  sha256: string
  tlp: TlpLabel
  author: 'reporter' | 'coordinator' | 'participant'
  authorName: string
  at: string
}

// Triage: the queue and one report as staff see it.

export interface Cvss {
  vector: string
  score: number
  severity: string
}

export interface ReportSummary {
  id: string
  trackingId: string
  title: string
  state: ReportState
  stateLabel: string
  assignedTo: string | null
  cvss: Cvss | null
  ssvcOutcome: string | null
  submittedAt: string
  /** The reporter's messages the viewer has not read yet (in the triage queue). */
  unreadMessages: number
  abilities: { read: boolean; triage: boolean }
}

export type RmEvent = 'validate' | 'invalidate' | 'accept' | 'defer' | 'close'

export interface ReportMessage {
  id: string
  author: 'reporter' | 'coordinator'
  authorName: string
  body: string
  tlp: TlpLabel
  at: string
  /** Written by the other side since the reader last read the conversation. */
  unread: boolean
}

export interface ReportDetail extends ReportSummary {
  allowedEvents: RmEvent[]
  anonymous: boolean
  reporter: { name: string | null; organization: string | null; email: string | null; pgpKey: string | null } | null
  affected: { vendor: string; product: string; versions: string | null; purl: string | null }[]
  description: string
  impact: string | null
  reproduction: string | null
  publicAlready: boolean
  publicReferences: string[]
  exploitedAlready: boolean
  exploitedReferences: string[]
  vendorContact: { contacted: boolean; how: string | null; when: string | null; answer: string | null } | null
  disclosurePlans: string | null
  disclosureDeadline: string | null
  credit: { preference: string; text: string | null }
  cwe: string | null
  ssvc: { outcome: string; inputs: Record<string, string>; version: string } | null
  history: { at: string; kind: string; actor: string | null; payload: unknown }[]
  /** The case the report is in, once the server says so. */
  case?: { id: string; caseNumber: string } | null
  caseId?: string | null
  /** Between the reporter (through the follow-up link) and the coordinators, oldest first. */
  messages: ReportMessage[]
  attachments: Attachment[]
}

// Cases.

export type TlpLabel = 'CLEAR' | 'GREEN' | 'AMBER' | 'AMBER+STRICT' | 'RED'

export interface CaseAbilities {
  read: boolean
  update: boolean
  read_ledger: boolean
}

export interface CaseSummary {
  id: string
  caseNumber: string
  title: string
  tlp: TlpLabel
  createdAt: string
  abilities: CaseAbilities
}

/** A participant's report-management state: a report's, plus Start (not yet received). */
export type ParticipantRmState = 'start' | ReportState
/** The RM moves of a participant: a report's, plus Receive. */
export type ParticipantRmEvent = 'receive' | RmEvent
/** Facts about the whole case (CS letters P, X, A). */
export type CaseEvent = 'publicAware' | 'exploitPublic' | 'attacksObserved'
/** Facts about one vendor (CS letters V, F, D). */
export type VendorEvent = 'vendorAware' | 'fixReady' | 'fixDeployed'

export interface Participant {
  id: string
  name: string
  kind: 'organization' | 'person'
  roles: string[]
  rmState: ParticipantRmState
  rmStateLabel: string
  /** The CS vector, e.g. "VfdPxa": upper case once it happened. */
  status: string
  /** The RM moves the viewer may make on it now, each with the state it leads to. */
  rmMoves: { event: ParticipantRmEvent; to: ParticipantRmState }[]
  /** The vendor event the viewer may record for it next. */
  nextVendorEvent: VendorEvent | null
}

/** A product a vulnerability affects: a package URL and a vers range let tools match it. */
export interface AffectedProduct {
  vendor: string
  product: string
  purl: string | null
  /** In words, as the vendor would say them. */
  versions: string | null
  /** A vers range, e.g. vers:generic/>=8.12.0|<8.12.8. */
  range: string | null
}

export interface Vulnerability {
  id: string
  title: string
  description: string
  cwe: string | null
  cvssVector: string | null
  cvssScore: number | null
  cveId: string | null
  affected: AffectedProduct[]
}

export interface CaseDetail extends CaseSummary {
  summary: string
  participantCount: number
  caseEvents: { publicAware: string | null; exploitPublic: string | null; attacksObserved: string | null }
  reports: { id: string; trackingId: string; title: string }[]
  vulnerabilities: Vulnerability[]
  /** When the viewer's previous visit to the case ended; null on a first visit. */
  previousVisitAt: string | null
  participants: Participant[]
}

/** What changed since the viewer's previous visit, as far as they may know of it. */
export interface CaseChanges {
  /** The end of the previous visit; null on a first visit. */
  since: string | null
  /** Newest first, each in one sentence. */
  items: { at: string; actor: string; kind: string; text: string }[]
  /** More changes than listed. */
  more: boolean
  /** The threads the viewer reads that have new messages. */
  threads: { key: string; title: string; newMessages: number }[]
}

/**
 * A case thread: `key` is 'case' for the case-wide one, the participant's id for a private one,
 * or 'topic:<id>' for a product thread.
 */
export interface CaseThread {
  key: string
  /** "Everyone in the case", "Coordinator and <participant>", or a product thread's own title. */
  title: string
  kind: 'case' | 'product' | 'private'
  /** What a product thread is about (a purl or CPE pattern), and whether the viewer's organization makes it. */
  product: { pattern: string; yours: boolean } | null
  unread: number
  lastMessageAt: string | null
  abilities: { read: boolean; post: boolean }
}

export interface CaseMessage {
  id: string
  /** The author's name. */
  author: string
  body: string
  tlp: TlpLabel
  at: string
  /** Posted in Lockstep, or a reply that came in by e-mail. */
  via: 'web' | 'mail'
}

export interface LedgerEntry {
  sequence: number
  instant: string
  actor: string
  kind: string
  payload: unknown
  hash: string
}

export interface Ledger {
  intact: boolean
  problem: string | null
  entries: LedgerEntry[]
}

export type * from './mailTypes'
export type * from './vendorTypes'
