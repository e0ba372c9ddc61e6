// API types: vendors (re-exported by types.ts).
import type { Page } from './types'

export interface EmbargoPolicy {
  preferredDays: number | null
  minDays: number | null
  maxDays: number | null
}

/** A vendor as the directory lists it (staff). */
export interface VendorSummary {
  id: string
  name: string
  website: string | null
  /** Purl patterns and CPE names. */
  products: string[]
  contacts: number
  keys: number
  embargo: EmbargoPolicy
}

export interface VendorProduct {
  id: string
  /** A package URL without version, or a CPE name, as the server normalised it. */
  pattern: string
  kind: 'purl' | 'cpe'
}

export interface VendorProfile {
  id: string
  website: string | null
  notes: string
  embargo: EmbargoPolicy
}

/** A vendor whose products match the case's affected products, not yet in the case. */
export interface VendorProposal {
  organizationId: string
  name: string
  /** Each affected product of the case and the vendor's pattern that matched it. */
  matched: { affected: string; pattern: string }[]
  contacts: number
  hasKey: boolean
}

export interface NotifiedVendors {
  notified: { organizationId: string; participantId: string; name: string; recipients: number; again: boolean }[]
}

export type VendorState = 'not_notified' | 'no_response' | 'seen' | 'responded' | 'statement'

/** One row of the coordinator's vendor table. */
export interface CaseVendor {
  participantId: string
  organizationId: string | null
  name: string
  state: VendorState
  /** The state in the server's words ("Notified, no response yet"). */
  stateLabel: string
  rmState: string
  /** The VEX statuses of its newest statements. */
  statuses: string[]
  notifiedAt: string | null
  seenAt: string | null
  respondedAt: string | null
  statementAt: string | null
  remindedAt: string | null
  escalatedAt: string | null
  fixReadyAt: string | null
  fixDeployedAt: string | null
}

export interface CaseVendorTable extends Page<CaseVendor> {
  /** How many of the case's vendors are in each state, whatever the filter. */
  counts: Record<VendorState, number>
}

export type VexStatus = 'under_investigation' | 'affected' | 'not_affected' | 'fixed'
export type VexJustification =
  | 'component_not_present'
  | 'vulnerable_code_not_present'
  | 'vulnerable_code_not_in_execute_path'
  | 'vulnerable_code_cannot_be_controlled_by_adversary'
  | 'inline_mitigations_already_exist'

/** A vendor's statement on one vulnerability; the newest of a vendor's counts. */
export interface VendorStatement {
  id: string
  vulnerabilityId: string
  vulnerability: string
  participantId: string
  participant: string
  status: VexStatus
  justification: VexJustification | null
  fixedVersions: string[]
  remediation: string | null
  references: string[]
  /** The vendor lets the other participants see it before release. */
  shareable: boolean
  /** Approved by the coordinator for publication. */
  approved: boolean
  at: string
}
