// API types: mail and OpenPGP (re-exported by types.ts).
import type { Page, TlpLabel } from './types'

/** An OpenPGP public key as Lockstep keeps it: a person's own, or one of an organization's. */
export interface PgpKey {
  id: string
  /** Upper-case hex, as GnuPG prints it. */
  fingerprint: string
  /** The addresses of its self-signed user IDs. */
  emails: string[]
  /** In GnuPG's words: 'ed25519', 'rsa4096'. */
  algorithm: string
  createdAt: string
  /** When it stops being usable for encryption; null for never. */
  expiresAt: string | null
  armored: string
}

/** The instance's own key: reports may be encrypted to it, and it signs every notification. */
export interface InstanceKey {
  fingerprint: string
  armored: string
  /** Where reports may be sent by e-mail. */
  intakeAddress: string
}

export interface OrganizationContact {
  id: string
  email: string
  name: string | null
  kind: 'primary' | 'alternate'
  verified: boolean
}

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'caught' | 'failed'
/** How a message went: encrypted to the recipient's key, in plain text (TLP:CLEAR), or a notice to sign in. */
export type MailMode = 'encrypted' | 'plain' | 'notice'

export interface OutboxMessage {
  id: string
  to: string
  /** Known once the message is composed. */
  subject: string | null
  template: string
  status: OutboxStatus
  mode: MailMode | null
  tlp: TlpLabel
  caseId: string | null
  attempts: number
  lastError: string | null
  createdAt: string
  sentAt: string | null
}

export interface OutboxMessageDetail extends OutboxMessage {
  /** The message as it went on the wire (RFC 5322); null before it is composed, or for a secret one. */
  raw: string | null
}

export interface Outbox extends Page<OutboxMessage> {
  /** No relay is configured: every message is kept in the outbox instead of being sent. */
  catcher: boolean
}

export type InboundStatus = 'received' | 'processed' | 'ignored' | 'failed'

export interface InboundMail {
  id: string
  receivedAt: string
  from: string | null
  to: string[]
  /** Bytes. */
  size: number
  status: InboundStatus
  /** What became of it, or why it failed. */
  note: string | null
  reportId: string | null
  caseMessageId: string | null
}

export interface Inbound {
  items: InboundMail[]
  /** Addresses whose mail server refuses Lockstep's mail for good. */
  failingAddresses: { address: string; since: string; error: string }[]
}
