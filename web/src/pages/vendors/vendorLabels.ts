// Words for vendors: their states in a case, VEX statuses and justifications, embargo policies.
// Copies of src/domain/vendorTracking.ts and src/domain/vex.ts (the web app never imports server
// code); where the API sends its own words (a row's stateLabel), those are shown instead.
import type { EmbargoPolicy, VendorState, VexJustification, VexStatus } from '../../api/types'

/** In the order a vendor moves through them. */
export const vendorStates: readonly VendorState[] = ['not_notified', 'no_response', 'seen', 'responded', 'statement']

export const vendorStateLabel: Record<VendorState, string> = {
  not_notified: 'Not notified yet',
  no_response: 'Notified, no response yet',
  seen: 'Seen, no reply yet',
  responded: 'Responded',
  statement: 'Statement given',
}

/** Silent vendors stand out; colour only repeats what the words say. */
export const vendorStateBadge: Record<VendorState, string> = {
  not_notified: 'badge-neutral',
  no_response: 'badge-off',
  seen: 'badge-warn',
  responded: 'badge-neutral',
  statement: 'badge-ok',
}

export const vexStatusLabel: Record<VexStatus, string> = {
  under_investigation: 'Under investigation',
  affected: 'Affected',
  not_affected: 'Not affected',
  fixed: 'Fixed',
}

export const vexStatuses = Object.keys(vexStatusLabel) as VexStatus[]

/** CISA's justifications for "not affected", one plain sentence each. */
export const vexJustificationLabel: Record<VexJustification, string> = {
  component_not_present: 'The vulnerable component is not in the product.',
  vulnerable_code_not_present: 'The component is present, but not the vulnerable code.',
  vulnerable_code_not_in_execute_path: 'The vulnerable code is present, but can never be executed.',
  vulnerable_code_cannot_be_controlled_by_adversary:
    'The vulnerable code is present, but an attacker cannot control it.',
  inline_mitigations_already_exist: 'Built-in protections prevent exploitation.',
}

/** "Affected" or any status the server may add later, in words. */
export const statusWords = (status: string) => vexStatusLabel[status as VexStatus] ?? status.replace(/_/g, ' ')

const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`

/** "45 days preferred (30 to 90)", or what is known of it. */
export function embargoWords(e: EmbargoPolicy): string | null {
  const range =
    e.minDays !== null && e.maxDays !== null
      ? `${e.minDays} to ${e.maxDays}`
      : e.minDays !== null
        ? `at least ${days(e.minDays)}`
        : e.maxDays !== null
          ? `at most ${days(e.maxDays)}`
          : null
  if (e.preferredDays === null) return range ? `${range.replace(/^(\d+ to \d+)$/, '$1 days')}` : null
  return range ? `${days(e.preferredDays)} preferred (${range})` : `${days(e.preferredDays)} preferred`
}
