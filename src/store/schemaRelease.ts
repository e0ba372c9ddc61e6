// Row types of the embargo and release tables (migration 0008): proposals, consents, advisories
// with their draft versions and comments, CVE IDs, published documents and subscribers. Part of
// schema.ts, which re-exports them.
import type { ColumnType, Generated } from 'kysely'
import type { CreatedAt, NullableTimestamp, Timestamp } from './schemaColumns.js'
import type { ConsentState } from '../domain/embargo.js'

export interface EmbargoProposalsTable {
  id: Generated<string>
  case_id: string
  kind: 'proposal' | 'revision' | 'policy'
  ends_at: Timestamp
  time_zone: Generated<string>
  proposed_by_user_id: string | null
  proposed_by_participant_id: string | null
  proposer_label: string
  reason: string | null
  answer_by: NullableTimestamp
  status: Generated<'open' | 'accepted' | 'rejected' | 'withdrawn' | 'countered' | 'superseded'>
  decided_at: NullableTimestamp
  created_at: CreatedAt
}

export interface EmbargoConsentsTable {
  proposal_id: string
  participant_id: string
  case_id: string
  state: ConsentState
  answer_by: NullableTimestamp
  answered_at: NullableTimestamp
}

/** What the coordinator writes of an advisory; the rest comes from the case at release. */
export type { AdvisoryDraft } from '../domain/advisory/draft.js'
import type { AdvisoryDraft } from '../domain/advisory/draft.js'

export interface AdvisoriesTable {
  id: Generated<string>
  case_id: string
  public_id: string
  draft: ColumnType<AdvisoryDraft, string, string>
  draft_version: Generated<number>
  state: Generated<'draft' | 'published'>
  released_at: NullableTimestamp
  revision: Generated<number>
  snapshot: ColumnType<unknown, string | null | undefined, string | null>
  /** When the owners the released advisory affects were alerted (migration 0010). */
  owners_alerted_at: NullableTimestamp
  /** How the released advisory ended, when it has (migration 0046; written by transitions/advisoryState.ts). */
  ended: 'withdrawn' | 'superseded' | null
  ended_at: NullableTimestamp
  /** The reason, and for a superseded one the replacement: { reason, by?: { id, url } }. */
  end_detail: ColumnType<AdvisoryEndDetail | null, string | null | undefined, string | null>
  created_at: CreatedAt
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}

export interface AdvisoryEndDetail {
  reason: string
  by?: { id: string; url: string }
}

export interface AdvisoryDraftVersionsTable {
  advisory_id: string
  version: number
  content: ColumnType<AdvisoryDraft, string, never>
  author_user_id: string | null
  author_label: string
  note: string | null
  created_at: CreatedAt
}

export interface AdvisoryCommentsTable {
  id: Generated<string>
  advisory_id: string
  version: number
  participant_id: string | null
  author_user_id: string | null
  author_label: string
  body: string
  created_at: CreatedAt
}

export interface CveIdsTable {
  cve_id: string
  year: number
  source: 'block' | 'cve-services'
  state: Generated<'available' | 'reserved' | 'published' | 'rejected'>
  vulnerability_id: string | null
  reserved_at: NullableTimestamp
  published_at: NullableTimestamp
}

export interface PublishedDocumentsTable {
  path: string
  advisory_id: string | null
  content_type: string
  body: Buffer
  etag: string
  updated_at: Timestamp
}

export interface AdvisorySubscribersTable {
  id: Generated<string>
  email: string
  confirm_token_hash: string | null
  confirmed_at: NullableTimestamp
  created_at: CreatedAt
}
