// Row types of accounts and the instance itself (people, organizations, sign-in, settings): part of
// schema.ts's Database, kept apart so each schema file stays readable.
import type { ColumnType, Generated } from 'kysely'
import type { InstanceRole, OrganizationKind, OrganizationRole } from '../domain/roles.js'
import type { CreatedAt, NullableTimestamp, Timestamp } from './schemaColumns.js'

export interface UsersTable {
  id: Generated<string>
  email: string
  name: string
  password_hash: string | null
  instance_role: Generated<InstanceRole>
  /** The zone the person chose; null: the browser's (migration 23). */
  time_zone: ColumnType<string | null, string | null | undefined, string | null>
  totp_secret: string | null
  totp_pending_secret: string | null
  totp_enabled_at: NullableTimestamp
  /** The last TOTP time step accepted: a code is never accepted twice. */
  totp_last_step: ColumnType<string | null, number | string | null | undefined, number | string | null>
  disabled_at: NullableTimestamp
  created_at: CreatedAt
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}

export interface OrganizationsTable {
  id: Generated<string>
  name: string
  slug: string
  kind: OrganizationKind
  website: string | null
  notes: Generated<string>
  embargo_preferred_days: number | null
  embargo_min_days: number | null
  embargo_max_days: number | null
  /** Flagged by the coordinator: pre-notified of matching advisories before release (migration 0009). */
  critical_infrastructure: Generated<boolean>
  /** Set when a critical owner's inventory or flag changes: pre-noticed cases are matched again for it. */
  pre_notice_due_at: Date | null
  created_at: CreatedAt
}

export interface MembershipsTable {
  user_id: string
  organization_id: string
  role: OrganizationRole
  created_at: CreatedAt
}

export interface SessionsTable {
  id: Generated<string>
  token_hash: string
  user_id: string
  csrf_token: string
  /** Null until the second factor is passed (or when none is needed). */
  second_factor_pending: Generated<boolean>
  /** Wrong codes on this pending session; at the limit the session is ended. */
  second_factor_failures: Generated<number>
  webauthn_challenge: string | null
  user_agent: string | null
  ip: string | null
  created_at: CreatedAt
  last_seen_at: Timestamp
  expires_at: Timestamp
}

export interface ApiTokensTable {
  id: Generated<string>
  user_id: string
  name: string
  token_hash: string
  prefix: string
  created_at: CreatedAt
  last_used_at: NullableTimestamp
  expires_at: NullableTimestamp
  revoked_at: NullableTimestamp
  scope: Generated<import('../domain/actor.js').TokenScope>
}

export interface InvitationsTable {
  id: Generated<string>
  token_hash: string
  email: string
  organization_id: string | null
  organization_role: OrganizationRole | null
  instance_role: Generated<InstanceRole>
  invited_by: string | null
  created_at: CreatedAt
  expires_at: Timestamp
  accepted_at: NullableTimestamp
  accepted_by: string | null
  revoked_at: NullableTimestamp
}

export interface PasswordResetsTable {
  id: Generated<string>
  user_id: string
  token_hash: string
  created_by: string | null
  created_at: CreatedAt
  expires_at: Timestamp
  used_at: NullableTimestamp
}

export interface LoginThrottlesTable {
  key: string
  failures: number
  window_started_at: Timestamp
  locked_until: NullableTimestamp
}

export interface WebauthnCredentialsTable {
  id: string
  user_id: string
  name: string
  public_key: Buffer
  counter: ColumnType<string, number | string, number | string>
  transports: string[]
  created_at: CreatedAt
  last_used_at: NullableTimestamp
}

export interface InstanceSecretsTable {
  name: string
  value: string
  created_at: CreatedAt
}

/** Settings of the instance, one row each (`demo`: this instance is a demo, see store/demoInstance.ts). */
export interface InstanceSettingsTable {
  name: string
  value: unknown
  set_at: CreatedAt
}
