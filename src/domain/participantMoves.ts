// What may be done to a participant's state next, read from the RM table and the CS rules, so the
// server can tell the web UI which moves to offer instead of the UI keeping a copy of the rules.
// Who may make them is the policy's question (participant.state_position), asked by the presenter.
import type { VendorEvent, VendorStatus } from './caseStatus.js'
import { allowedEvents, transition, type RmEvent, type RmState } from './reportManagement.js'

export interface RmMove {
  event: RmEvent
  /** The state the move leads to. */
  to: RmState
}

/** The RM moves from a state, each with where it leads, in the fixed order of `rmEvents`. */
export function rmMoves(state: RmState): RmMove[] {
  return allowedEvents(state).flatMap((event) => {
    const result = transition(state, event)
    return result.ok ? [{ event, to: result.state }] : []
  })
}

/**
 * The vendor event that may be recorded next for a participant, or null: vendor aware, then fix
 * ready once it accepted the report (Vultron's rule, as `recordVendorEvent` enforces), then fix
 * deployed. Only vendors have these events.
 */
export function nextVendorEvent(roles: readonly string[], status: VendorStatus, rmState: RmState): VendorEvent | null {
  if (!roles.includes('vendor')) return null
  if (!status.vendorAware) return 'vendorAware'
  if (!status.fixReady) return rmState === 'accepted' ? 'fixReady' : null
  if (!status.fixDeployed) return 'fixDeployed'
  return null
}
