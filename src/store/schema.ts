// Row types of every table, as Kysely sees them. Kept in step with ./migrations by hand: the
// migrations are the truth, this file is how TypeScript learns it.
import type { FederationTables } from './schemaFederation.js'
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'
import type { TlpLabelColumn } from './schemaColumns.js'

import type { CreatedAt, NullableTimestamp, Timestamp } from './schemaColumns.js'
import type {
  InboundMailTable,
  MailFailingAddressesTable,
  MailOutboxTable,
  MailPreferencesTable,
  NotificationsTable,
  OrganizationContactsTable,
  PgpKeysTable,
  ReplyAddressesTable,
} from './schemaMail.js'
import type {
  AssetComponentsTable,
  AssetsTable,
  ExternalAdvisoriesTable,
  ExternalAffectedTable,
  InventoryUploadsTable,
  OwnerAlertItemEventsTable,
  OwnerAlertItemsTable,
  OwnerAlertsTable,
} from './schemaOwners.js'
import type {
  AdvisoriesTable,
  AdvisoryCommentsTable,
  AdvisoryDraftVersionsTable,
  AdvisorySubscribersTable,
  CveIdsTable,
  EmbargoConsentsTable,
  EmbargoProposalsTable,
  PublishedDocumentsTable,
} from './schemaRelease.js'
import type {
  CaseTopicsTable,
  VendorProductsTable,
  VendorStatementsTable,
  VendorSuggestionsTable,
} from './schemaVendors.js'
import type { ReleaseLeaveOutsTable, ReleaseReadinessNoticesTable } from './schemaReadiness.js'
import type {
  UsersTable,
  OrganizationsTable,
  MembershipsTable,
  SessionsTable,
  ApiTokensTable,
  InvitationsTable,
  PasswordResetsTable,
  LoginThrottlesTable,
  WebauthnCredentialsTable,
  InstanceSecretsTable,
  InstanceSettingsTable,
} from './schemaAccounts.js'

export type * from './schemaAccounts.js'
export type * from './schemaMail.js'
export type * from './schemaFederation.js'
export type * from './schemaVendors.js'
export type * from './schemaRelease.js'
export type * from './schemaReadiness.js'
export type * from './schemaOwners.js'
export type { TlpLabelColumn } from './schemaColumns.js'

import type { InstanceRole, OrganizationKind, OrganizationRole } from '../domain/roles.js'
import type { TriageDecision } from '../domain/ssvc.js'
export type { InstanceRole, OrganizationKind, OrganizationRole }

/** The RM states a stored report can be in (see domain/reportManagement.ts; `start` is never stored). */
export type ReportState = Exclude<import('../domain/reportManagement.js').RmState, 'start'>

export interface AffectedProduct {
  vendor: string
  product: string
  /** As the reporter wrote them. */
  versions: string | null
  purl: string | null
  /** The product's CPE 2.3 name without version, when known (vulnerabilities only). */
  cpe?: string | null
  /** The affected versions as a vers range (vulnerabilities only), e.g. vers:generic/<8.12.8. */
  range?: string | null
}

export interface VendorContact {
  contacted: boolean
  how: string | null
  when: string | null
  answer: string | null
}

export interface CreditPreference {
  preference: 'name' | 'organization' | 'anonymous' | 'none'
  text: string | null
}

export interface ReportsTable {
  id: Generated<string>
  tracking_id: string
  follow_up_token_hash: string
  state: Generated<ReportState>
  anonymous: boolean
  reporter_name: string | null
  reporter_organization: string | null
  reporter_email: string | null
  reporter_pgp_key: string | null
  reporter_user_id: string | null
  title: string
  affected: ColumnType<AffectedProduct[], string, string>
  description: string
  impact: string | null
  reproduction: string | null
  public_already: boolean
  public_references: ColumnType<string[], string[] | undefined, string[]>
  exploited_already: boolean
  exploited_references: ColumnType<string[], string[] | undefined, string[]>
  vendor_contact: ColumnType<VendorContact | null, string | null, string | null>
  disclosure_plans: string | null
  disclosure_deadline: ColumnType<string | null, string | null, string | null>
  credit: ColumnType<CreditPreference, string, string>
  submitted_ip: string | null
  assigned_to: string | null
  cvss_vector: string | null
  /** numeric arrives from pg as a string */
  cvss_score: ColumnType<string | null, number | null, number | null>
  cwe: string | null
  ssvc: ColumnType<unknown, string | null, string | null>
  case_id: string | null
  reporter_read_at: NullableTimestamp
  via: Generated<'web' | 'mail' | 'peer'>
  created_at: CreatedAt
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}

export type ParticipantRoleColumn = 'finder' | 'reporter' | 'vendor' | 'coordinator' | 'deployer' | 'observer'

export interface CasesTable {
  id: Generated<string>
  case_number: string
  title: string
  summary: Generated<string>
  tlp: Generated<TlpLabelColumn>
  public_aware_at: NullableTimestamp
  exploit_public_at: NullableTimestamp
  attacks_observed_at: NullableTimestamp
  em_state: Generated<import('../domain/embargo.js').EmState>
  embargo_ends_at: NullableTimestamp
  embargo_ended_at: NullableTimestamp
  /** When the critical-infrastructure owners were pre-notified of this case's release (migration 0010). */
  owners_pre_noticed_at: NullableTimestamp
  /** The release instant that pre-notice gave (migration 0010). */
  owners_pre_noticed_for: NullableTimestamp
  embargo_end_reason: string | null
  /** Where an imported case came from ('certcc') and its key there (migration 0026); null for cases opened here. */
  import_source: Generated<string | null>
  import_key: Generated<string | null>
  /** The archive's revision last imported: a changed one updates the case. */
  import_version: Generated<string | null>
  /** When an imported case was published (cases opened here publish through their advisory). */
  published_at: Generated<Date | null>
  /** A case handed over to a peer (migration 0045): read-only here from then on. */
  handed_over_at: Generated<Date | null>
  handed_over_to: Generated<string | null>
  handed_over_url: Generated<string | null>
  created_by: string | null
  ledger_count: Generated<number>
  ledger_head: Generated<string>
  created_at: CreatedAt
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}

/** A vulnerability's SSVC decision: the coordinator triage's inputs and outcome, and when it was made. */
export type VulnerabilitySsvc = TriageDecision & { at: string }

export interface VulnerabilitiesTable {
  id: Generated<string>
  case_id: string
  title: string
  description: Generated<string>
  cwe: string | null
  cvss_vector: string | null
  cvss_score: ColumnType<string | null, number | null, number | null>
  cve_id: string | null
  affected: ColumnType<AffectedProduct[], string | undefined, string>
  /** The coordinator's SSVC decision (domain/ssvc.ts's TriageDecision) and when it was made (migration 0046). */
  ssvc: ColumnType<VulnerabilitySsvc | null, string | null | undefined, string | null>
  /** Since when it is known exploited (midnight UTC of the day), and when that was recorded. */
  exploited_since: NullableTimestamp
  exploited_recorded_at: NullableTimestamp
  created_at: CreatedAt
}

export interface ParticipantsTable {
  id: Generated<string>
  case_id: string
  organization_id: string | null
  user_id: string | null
  roles: ParticipantRoleColumn[]
  rm_state: import('../domain/reportManagement.js').RmState
  vendor_aware_at: NullableTimestamp
  fix_ready_at: NullableTimestamp
  fix_deployed_at: NullableTimestamp
  removed_at: NullableTimestamp
  notified_at: NullableTimestamp
  seen_at: NullableTimestamp
  responded_at: NullableTimestamp
  statement_at: NullableTimestamp
  reminded_at: NullableTimestamp
  escalated_at: NullableTimestamp
  /** When the participant's private thread was last written in, kept by a trigger (migration 0049). */
  last_message_at: NullableTimestamp
  created_at: CreatedAt
}

export interface AttachmentsTable {
  id: Generated<string>
  report_id: string | null
  case_id: string | null
  participant_id: string | null
  /** A product thread's file (migration 0007); null with participant_id null: the case-wide thread. */
  topic_id: Generated<string | null>
  author: 'reporter' | 'coordinator' | 'participant'
  author_user_id: string | null
  filename: string
  declared_type: string
  size: number
  sha256: string
  content: Buffer
  tlp: TlpLabelColumn
  created_at: CreatedAt
}

export interface ReportReadsTable {
  user_id: string
  report_id: string
  last_read_at: Timestamp
}

export interface CaseVisitsTable {
  user_id: string
  case_id: string
  last_seen_at: Timestamp
  previous_seen_at: NullableTimestamp
}

export interface CaseMessagesTable {
  id: Generated<string>
  case_id: string
  participant_id: string | null
  /** A product thread's message (migration 0007); null with participant_id null: the case-wide thread. */
  topic_id: Generated<string | null>
  author_user_id: string | null
  body: string
  tlp: TlpLabelColumn
  author_label: string | null
  via: Generated<'web' | 'mail'>
  created_at: CreatedAt
}

export interface ThreadReadsTable {
  user_id: string
  case_id: string
  thread: string
  last_read_at: Timestamp
}

export interface LedgerEntriesTable {
  case_id: string
  sequence: number
  instant: string
  actor_id: string
  actor_name: string
  kind: string
  payload: ColumnType<unknown, string, never>
  prev_hash: string
  hash: string
}

export interface LedgerHeadsTable {
  case_id: string
  sequence: number
  hash: string
  signed_at: string
  key_id: string
  signature: string
}

export interface ReportMessagesTable {
  id: Generated<string>
  report_id: string
  author: 'reporter' | 'coordinator'
  author_user_id: string | null
  body: string
  tlp: Generated<TlpLabelColumn>
  created_at: CreatedAt
}

export interface ReportEventsTable {
  id: Generated<string>
  report_id: string
  at: CreatedAt
  actor_id: string | null
  kind: string
  payload: ColumnType<unknown, string | undefined, never>
}

export interface IdCountersTable {
  scope: string
  value: number
}

export interface SpentChallengesTable {
  challenge: string
  expires_at: Timestamp
  /** The report the challenge became, so the same request sent again finds it (0019). */
  report_id: string | null
  /** sha256 of the request that spent it: only that same request is answered with the report. */
  request_digest: string | null
}

export interface SchemaMigrationsTable {
  version: number
  name: string
  applied_at: CreatedAt
}

export interface Database extends FederationTables {
  assets: AssetsTable
  asset_components: AssetComponentsTable
  inventory_uploads: InventoryUploadsTable
  external_advisories: ExternalAdvisoriesTable
  external_affected: ExternalAffectedTable
  owner_alerts: OwnerAlertsTable
  owner_alert_items: OwnerAlertItemsTable
  owner_alert_item_events: OwnerAlertItemEventsTable
  embargo_proposals: EmbargoProposalsTable
  embargo_consents: EmbargoConsentsTable
  advisories: AdvisoriesTable
  advisory_draft_versions: AdvisoryDraftVersionsTable
  advisory_comments: AdvisoryCommentsTable
  release_leave_outs: ReleaseLeaveOutsTable
  release_readiness_notices: ReleaseReadinessNoticesTable
  cve_ids: CveIdsTable
  published_documents: PublishedDocumentsTable
  advisory_subscribers: AdvisorySubscribersTable
  case_topics: CaseTopicsTable
  users: UsersTable
  organizations: OrganizationsTable
  memberships: MembershipsTable
  sessions: SessionsTable
  api_tokens: ApiTokensTable
  invitations: InvitationsTable
  password_resets: PasswordResetsTable
  login_throttles: LoginThrottlesTable
  webauthn_credentials: WebauthnCredentialsTable
  instance_secrets: InstanceSecretsTable
  instance_settings: InstanceSettingsTable
  reports: ReportsTable
  report_events: ReportEventsTable
  report_messages: ReportMessagesTable
  cases: CasesTable
  vulnerabilities: VulnerabilitiesTable
  participants: ParticipantsTable
  ledger_entries: LedgerEntriesTable
  ledger_heads: LedgerHeadsTable
  case_messages: CaseMessagesTable
  thread_reads: ThreadReadsTable
  attachments: AttachmentsTable
  report_reads: ReportReadsTable
  case_visits: CaseVisitsTable
  pgp_keys: PgpKeysTable
  organization_contacts: OrganizationContactsTable
  mail_outbox: MailOutboxTable
  notifications: NotificationsTable
  mail_preferences: MailPreferencesTable
  mail_failing_addresses: MailFailingAddressesTable
  reply_addresses: ReplyAddressesTable
  inbound_mail: InboundMailTable
  vendor_products: VendorProductsTable
  vendor_statements: VendorStatementsTable
  vendor_suggestions: VendorSuggestionsTable
  id_counters: IdCountersTable
  spent_challenges: SpentChallengesTable
  schema_migrations: SchemaMigrationsTable
}

export type UserRow = Selectable<UsersTable>
export type NewUser = Insertable<UsersTable>
export type UserUpdate = Updateable<UsersTable>
export type OrganizationRow = Selectable<OrganizationsTable>
export type MembershipRow = Selectable<MembershipsTable>
export type SessionRow = Selectable<SessionsTable>
export type ApiTokenRow = Selectable<ApiTokensTable>
export type InvitationRow = Selectable<InvitationsTable>
export type ReportRow = Selectable<ReportsTable>
export type CaseRow = Selectable<CasesTable>
export type ParticipantRow = Selectable<ParticipantsTable>
export type MailOutboxRow = Selectable<MailOutboxTable>
