// Row types of the federation tables (migration 0034): peers and their pinned keys, the outbox of
// signed messages, what was received, the nonces seen, and the instance's own ledger. Part of
// schema.ts (Database extends FederationTables).
import type { ColumnType, Generated } from 'kysely'
import type { CreatedAt, NullableTimestamp, Timestamp } from './schemaColumns.js'
import type { LedgerEntriesTable } from './schema.js'

export type PeerState = 'pending' | 'pinned' | 'removed'
export type FederationOutboxStatus = 'pending' | 'sending' | 'delivered' | 'failed'

export interface FederationPeersTable {
  id: Generated<string>
  base_url: string
  name: string
  inbox_url: string
  key_id: string
  public_key_pem: string
  state: Generated<PeerState>
  added_by: string | null
  added_at: CreatedAt
  pinned_at: NullableTimestamp
  pinned_by: string | null
}

export interface FederationOutboxTable {
  id: Generated<string>
  peer_id: string
  activity_id: string
  activity_type: string
  body: string
  status: Generated<FederationOutboxStatus>
  attempts: Generated<number>
  next_attempt_at: ColumnType<Date, Date | string | undefined, Date | string>
  claimed_at: NullableTimestamp
  claimed_by: string | null
  last_error: string | null
  last_status: number | null
  created_at: CreatedAt
  delivered_at: NullableTimestamp
}

export interface FederationInboxTable {
  peer_id: string
  activity_id: string
  activity_type: string
  activity: ColumnType<unknown, string, never>
  received_at: CreatedAt
}

export interface FederationNoncesTable {
  peer_id: string
  nonce: string
  seen_at: CreatedAt
}

/** The instance's own ledger: a case's ledger rows without the case. */
export type InstanceLedgerEntriesTable = Omit<LedgerEntriesTable, 'case_id'>

export interface InstanceLedgerHeadTable {
  only_row: Generated<boolean>
  ledger_count: number
  ledger_head: string
}

export type CaseOfferDirection = 'sent' | 'received'
export type CaseOfferState = 'offered' | 'accepted' | 'declined'

/** A case offered to a peer or by one (migration 0036). */
export interface FederationCaseOffersTable {
  id: Generated<string>
  direction: CaseOfferDirection
  peer_id: string
  case_id: string | null
  invite_activity_id: string
  origin_case_url: string
  shared_case_url: string | null
  offered_case: ColumnType<unknown, string, string>
  /** The peer's advisory for the shared case (migration 0041), once it told us. */
  peer_advisory: ColumnType<unknown | null, string | null | undefined, string | null>
  finder_shared: Generated<boolean>
  /** invite: to share the case; handoff: the case handed over whole (migration 0045). */
  kind: Generated<'invite' | 'handoff'>
  state: Generated<CaseOfferState>
  answer_activity_id: string | null
  answer_reason: string | null
  offered_by: string | null
  answered_by: string | null
  created_at: CreatedAt
  answered_at: NullableTimestamp
}

/** A report sent to a peer, or received from one (migration 0048; RmSubmitReport). */
export interface FederationReportOffersTable {
  id: Generated<string>
  direction: CaseOfferDirection
  peer_id: string
  report_id: string
  offer_activity_id: string
  origin_report_url: string
  local_report_url: string
  tlp: 'CLEAR' | 'GREEN' | 'AMBER'
  finder_shared: Generated<boolean>
  state: Generated<CaseOfferState>
  answer_activity_id: string | null
  answer_reason: string | null
  offered_by: string | null
  created_at: CreatedAt
  answered_at: NullableTimestamp
}

/** What a peer sharing a case sent after the offer (migration 0044): a note's id, a vendor's status, a statement. */
export interface FederationPeerItemsTable {
  id: Generated<string>
  case_id: string
  peer_id: string
  kind: 'note' | 'vendor' | 'statement'
  item_key: string
  body: ColumnType<unknown, string, string>
  activity_id: string
  message_id: string | null
  stated_at: Timestamp
  received_at: CreatedAt
}

/** A proposal put on the table here by a peer: where its parties' answers go (migration 0043). */
export interface FederationProposalOriginsTable {
  proposal_id: string
  peer_id: string
  invite_activity_id: string
  origin_proposal: string
}

export type PeerPartyAnswer = 'invited' | 'accepted' | 'declined'

/** The answers of a peer's parties to a proposal made here (migration 0043). */
export interface EmbargoPeerAnswersTable {
  proposal_id: string
  case_id: string
  peer_id: string
  party: string
  name: string
  instance: string
  answer: PeerPartyAnswer
  answered_at: ColumnType<Date | null, Date | null | undefined, Date | null>
  reported_at: ColumnType<Date, Date, Date>
}

/** The latest signed ledger head a peer sent of the case shared with it (migration 0043). */
export interface FederationPeerLedgerHeadsTable {
  case_id: string
  peer_id: string
  peer_case_url: string
  sequence: number
  hash: string
  signed_at: string
  key_id: string
  signature: string
  verified: boolean
  received_at: ColumnType<Date, Date, Date>
  /** The first thing found wrong between the two ledgers (migration 0051), and when. */
  disagreement: ColumnType<string | null, string | null | undefined, string | null>
  disagreement_at: ColumnType<Date | null, Date | null | undefined, Date | null>
  /** The latest of our heads the peer sent back that our ledger still has, and when. */
  confirmed_sequence: ColumnType<number | null, number | null | undefined, number | null>
  confirmed_at: ColumnType<Date | null, Date | null | undefined, Date | null>
}

export interface FederationTables {
  federation_proposal_origins: FederationProposalOriginsTable
  embargo_peer_answers: EmbargoPeerAnswersTable
  federation_peer_ledger_heads: FederationPeerLedgerHeadsTable
  federation_case_offers: FederationCaseOffersTable
  federation_peer_items: FederationPeerItemsTable
  federation_report_offers: FederationReportOffersTable
  federation_peers: FederationPeersTable
  federation_outbox: FederationOutboxTable
  federation_inbox: FederationInboxTable
  federation_nonces: FederationNoncesTable
  instance_ledger_entries: InstanceLedgerEntriesTable
  instance_ledger_head: InstanceLedgerHeadTable
}
