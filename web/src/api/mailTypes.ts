// API types: mail and OpenPGP (re-exported by types.ts), aliases of the generated types of
// src/adapters/http/routes/mail.ts and account.ts.
import type { ItemOf, ResponseOf } from './openapi'

/** An OpenPGP public key as Lockstep keeps it: a person's own, or one of an organization's. */
export type PgpKey = NonNullable<ResponseOf<'/api/v1/me/pgp-key', 'get'>>
/** The instance's own key: reports may be encrypted to it, and it signs every notification. */
export type InstanceKey = ResponseOf<'/api/v1/instance/pgp-key', 'get'>
export type OrganizationContact = ItemOf<ResponseOf<'/api/v1/organizations/{id}/contacts', 'get'>>

/** `catcher`: no relay is configured, so every message is kept in the outbox instead of being sent. */
export type Outbox = ResponseOf<'/api/v1/mail/outbox', 'get'>
export type OutboxMessage = ItemOf<Outbox>
export type OutboxStatus = OutboxMessage['status']
/** How a message went: encrypted to the recipient's key, in plain text (TLP:CLEAR), or a notice to sign in. */
export type MailMode = NonNullable<OutboxMessage['mode']>
/** `raw`: the message as it went on the wire (RFC 5322); null before it is composed, or for a secret one. */
export type OutboxMessageDetail = ResponseOf<'/api/v1/mail/outbox/{id}', 'get'>

/** `failingAddresses`: addresses whose mail server refuses Lockstep's mail for good. */
export type Inbound = ResponseOf<'/api/v1/mail/inbound', 'get'>
export type InboundMail = Inbound['items'][number]
export type InboundStatus = InboundMail['status']
