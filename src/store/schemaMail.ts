// Row types of the mail tables (migration 0005): keys, contacts, the outbox, reply addresses and
// inbound mail. Part of schema.ts, which re-exports them.
import type { ColumnType, Generated } from 'kysely'
import type { CreatedAt, NullableTimestamp, Timestamp, TlpLabelColumn } from './schemaColumns.js'

export interface PgpKeysTable {
  id: Generated<string>
  user_id: string | null
  organization_id: string | null
  fingerprint: string
  armored: string
  emails: string[]
  algorithm: string
  key_created_at: Timestamp
  expires_at: NullableTimestamp
  expiry_warned_at: NullableTimestamp
  created_at: CreatedAt
}

export interface OrganizationContactsTable {
  id: Generated<string>
  organization_id: string
  email: string
  name: string | null
  kind: Generated<'primary' | 'alternate'>
  verified_at: NullableTimestamp
  verify_token_hash: string | null
  created_at: CreatedAt
}

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'caught' | 'failed'

export interface MailOutboxTable {
  id: Generated<string>
  message_id: string
  to_address: string
  to_name: string | null
  to_domain: string
  recipient_user_id: string | null
  recipient_organization_id: string | null
  /** A finder's mail: the report whose key (given with it) encrypts the message (migration 22). */
  recipient_report_id: Generated<string | null>
  case_id: string | null
  thread: string | null
  template: string
  data: ColumnType<unknown, string, never>
  confidential: boolean
  tlp: TlpLabelColumn
  status: Generated<OutboxStatus>
  queued_at: NullableTimestamp
  claimed_at: NullableTimestamp
  /** The server (store/servers.ts) that claimed it for sending. */
  claimed_by: string | null
  mode: 'encrypted' | 'plain' | 'notice' | null
  subject: string | null
  attempts: Generated<number>
  last_error: string | null
  raw: Buffer | null
  created_at: CreatedAt
  sent_at: NullableTimestamp
}

export interface MailFailingAddressesTable {
  address: string
  failing_since: CreatedAt
  last_error: string
}

export interface ReplyAddressesTable {
  token_hash: string
  case_id: string
  thread: string
  email: string
  user_id: string | null
  organization_id: string | null
  revoked_at: NullableTimestamp
  created_at: CreatedAt
  /** The message whose Reply-To this address was (null: an older per-recipient address). */
  outbox_id: string | null
  /** After this the address takes no mail (null: never, for none made since migration 15). */
  expires_at: NullableTimestamp
}

export interface InboundMailTable {
  id: Generated<string>
  received_at: CreatedAt
  remote_address: string | null
  mail_from: string | null
  rcpt_to: string[]
  raw: Buffer
  status: Generated<'received' | 'processed' | 'ignored' | 'failed'>
  note: string | null
  report_id: string | null
  case_message_id: string | null
  processed_at: NullableTimestamp
}

/** What each person is told in the app (migration 22): one row per person and event. */
export interface NotificationsTable {
  id: Generated<string>
  user_id: string
  kind: string
  case_id: string | null
  report_id: string | null
  title: string
  link: string
  created_at: CreatedAt
  read_at: NullableTimestamp
  digested_at: NullableTimestamp
}

/** How a person wants each kind of notification by mail (no row: the kind's default). */
export interface MailPreferencesTable {
  user_id: string
  kind: string
  delivery: 'app' | 'now' | 'digest'
}
