// Case status (CS): the six Vultron facts about a case's exposure, each stored with the instant it
// happened. Three belong to each vendor (aware, fix ready, fix deployed), three to the case as a
// whole (public aware, exploit public, attacks observed). Facts only ever get added: nothing here
// clears one, so a record of when the world learned something cannot be rewritten. The embargo
// rules read these facts to decide whether an embargo must end or may be proposed at all.
import type { RmState } from './reportManagement.js'

export type VendorEvent = 'vendorAware' | 'fixReady' | 'fixDeployed'
export type CaseEvent = 'publicAware' | 'exploitPublic' | 'attacksObserved'

/** In the order they must happen. */
export const allVendorEvents: readonly VendorEvent[] = ['vendorAware', 'fixReady', 'fixDeployed']
export const allCaseEvents: readonly CaseEvent[] = ['publicAware', 'exploitPublic', 'attacksObserved']

/** When each happened for one vendor; null while it has not. */
export type VendorStatus = Readonly<Record<VendorEvent, Date | null>>
/** When each happened for the case; null while it has not. */
export type CaseEvents = Readonly<Record<CaseEvent, Date | null>>

export const noVendorEvents: VendorStatus = Object.freeze({ vendorAware: null, fixReady: null, fixDeployed: null })
export const noCaseEvents: CaseEvents = Object.freeze({ publicAware: null, exploitPublic: null, attacksObserved: null })

export const csEventLabels: Readonly<Record<VendorEvent | CaseEvent, string>> = {
  vendorAware: 'vendor aware',
  fixReady: 'fix ready',
  fixDeployed: 'fix deployed',
  publicAware: 'public aware',
  exploitPublic: 'exploit public',
  attacksObserved: 'attacks observed',
}

export type CsRefusal =
  | { reason: 'already_happened'; event: VendorEvent | CaseEvent; happenedAt: Date }
  /** The event that must come first has not happened, or happened after `at`. */
  | { reason: 'out_of_order'; event: VendorEvent; at: Date; mustComeFirst: VendorEvent; mustComeFirstAt: Date | null }
  /** Vultron lets a vendor call a fix ready only while it has accepted the report. */
  | { reason: 'vendor_not_accepted'; event: 'fixReady'; vendorRmState: RmState }

export type VendorEventResult = { ok: true; status: VendorStatus } | { ok: false; error: CsRefusal }
/** `implied` lists facts recorded as a consequence (exploit public makes the case public). */
export type CaseEventResult = { ok: true; status: CaseEvents; implied: CaseEvent[] } | { ok: false; error: CsRefusal }

const predecessor: Readonly<Record<VendorEvent, VendorEvent | null>> = {
  vendorAware: null,
  fixReady: 'vendorAware',
  fixDeployed: 'fixReady',
}

export function recordVendorEvent(
  status: VendorStatus,
  event: VendorEvent,
  at: Date,
  vendorRmState: RmState,
): VendorEventResult {
  const happenedAt = status[event]
  if (happenedAt) return { ok: false, error: { reason: 'already_happened', event, happenedAt } }
  const mustComeFirst = predecessor[event]
  if (mustComeFirst) {
    const mustComeFirstAt = status[mustComeFirst]
    if (!mustComeFirstAt || mustComeFirstAt.getTime() > at.getTime()) {
      return { ok: false, error: { reason: 'out_of_order', event, at, mustComeFirst, mustComeFirstAt } }
    }
  }
  if (event === 'fixReady' && vendorRmState !== 'accepted') {
    return { ok: false, error: { reason: 'vendor_not_accepted', event, vendorRmState } }
  }
  return { ok: true, status: { ...status, [event]: at } }
}

export function recordCaseEvent(status: CaseEvents, event: CaseEvent, at: Date): CaseEventResult {
  const happenedAt = status[event]
  if (happenedAt) return { ok: false, error: { reason: 'already_happened', event, happenedAt } }
  // An exploit in the open means the vulnerability is public, whether or not anyone said so.
  // A public awareness already recorded keeps its own instant.
  if (event === 'exploitPublic' && !status.publicAware) {
    return { ok: true, status: { ...status, exploitPublic: at, publicAware: at }, implied: ['publicAware'] }
  }
  return { ok: true, status: { ...status, [event]: at }, implied: [] }
}

export function csRefusalMessage(error: CsRefusal): string {
  const event = csEventLabels[error.event]
  switch (error.reason) {
    case 'already_happened':
      return `Cannot record ${event}: it was already recorded at ${error.happenedAt.toISOString()}.`
    case 'out_of_order': {
      const first = csEventLabels[error.mustComeFirst]
      if (!error.mustComeFirstAt) return `Cannot record ${event} before ${first}: record ${first} first.`
      return `Cannot record ${event} at ${error.at.toISOString()}: ${first} was only recorded at ${error.mustComeFirstAt.toISOString()}.`
    }
    case 'vendor_not_accepted':
      return `Cannot record ${event}: the vendor has not accepted the report (for this vendor the report is ${error.vendorRmState}).`
  }
}

/** Once the case is public or an exploit is, an embargo protects nothing and ends at once. */
export function embargoMustEnd(events: CaseEvents): boolean {
  return events.publicAware !== null || events.exploitPublic !== null
}

/**
 * Attacks observed: DESIGN says the embargo "should" end, and an instance setting decides whether
 * it does, so this is kept apart from `embargoMustEnd`.
 */
export function embargoShouldEnd(events: CaseEvents): boolean {
  return events.attacksObserved !== null
}

/** No new embargo once the case is public, exploited or attacked. */
export function mayProposeEmbargo(events: CaseEvents): boolean {
  return events.publicAware === null && events.exploitPublic === null && events.attacksObserved === null
}

const vectorLetters: readonly [VendorEvent | CaseEvent, string][] = [
  ['vendorAware', 'v'],
  ['fixReady', 'f'],
  ['fixDeployed', 'd'],
  ['publicAware', 'p'],
  ['exploitPublic', 'x'],
  ['attacksObserved', 'a'],
]

/** Vultron's compact CS vector, e.g. "VFdPxa": upper case for what has happened. */
export function csVector(vendor: VendorStatus, events: CaseEvents): string {
  const all: Record<VendorEvent | CaseEvent, Date | null> = { ...vendor, ...events }
  return vectorLetters.map(([event, letter]) => (all[event] ? letter.toUpperCase() : letter)).join('')
}
