import { describe, expect, it } from 'vitest'
import {
  allCaseEvents,
  allVendorEvents,
  csRefusalMessage,
  csVector,
  embargoMustEnd,
  embargoShouldEnd,
  mayProposeEmbargo,
  noCaseEvents,
  noVendorEvents,
  recordCaseEvent,
  recordVendorEvent,
  type CaseEvent,
  type CaseEvents,
  type CsRefusal,
  type VendorEvent,
  type VendorStatus,
} from './caseStatus.js'
import { rmStates, type RmState } from './reportManagement.js'

const day = (n: number) => new Date(Date.UTC(2003, 0, n))
const later = day(20)

// Builds a status from its vector letters: an upper-case letter happened on the day of its
// position (v = 1, f = 2, d = 3, p = 4, x = 5, a = 6).
function vendorStatus(vector: string): VendorStatus {
  const at = (i: number) => (/[A-Z]/.test(vector[i] ?? '') ? day(i + 1) : null)
  return { vendorAware: at(0), fixReady: at(1), fixDeployed: at(2) }
}
function caseStatus(vector: string): CaseEvents {
  const at = (i: number) => (/[A-Z]/.test(vector[i] ?? '') ? day(i + 4) : null)
  return { publicAware: at(0), exploitPublic: at(1), attacksObserved: at(2) }
}
const vendorVector = (s: VendorStatus) => csVector(s, noCaseEvents).slice(0, 3)
const caseVector = (s: CaseEvents) => csVector(noVendorEvents, s).slice(3)

type Outcome = string | CsRefusal['reason']

describe('vendor events', () => {
  // Every reachable vendor status × every event, for a vendor that has accepted the report: the
  // vector after recording, or why it is refused.
  const expected: Record<string, Record<VendorEvent, Outcome>> = {
    vfd: { vendorAware: 'Vfd', fixReady: 'out_of_order', fixDeployed: 'out_of_order' },
    Vfd: { vendorAware: 'already_happened', fixReady: 'VFd', fixDeployed: 'out_of_order' },
    VFd: { vendorAware: 'already_happened', fixReady: 'already_happened', fixDeployed: 'VFD' },
    VFD: { vendorAware: 'already_happened', fixReady: 'already_happened', fixDeployed: 'already_happened' },
  }

  it('reaches exactly the statuses in the table, in order V, F, D', () => {
    const seen = new Set<string>()
    let frontier = [noVendorEvents]
    while (frontier.length > 0) {
      for (const s of frontier) seen.add(vendorVector(s))
      frontier = frontier
        .flatMap((s) => allVendorEvents.map((e) => recordVendorEvent(s, e, later, 'accepted')))
        .flatMap((r) => (r.ok && !seen.has(vendorVector(r.status)) ? [r.status] : []))
    }
    expect([...seen].sort()).toEqual(Object.keys(expected).sort())
  })

  const cells = Object.keys(expected).flatMap((vector) =>
    allVendorEvents.map((event) => ({ vector, event, outcome: expected[vector]![event] })),
  )

  it.each(cells)('$vector + $event -> $outcome', ({ vector, event, outcome }) => {
    const result = recordVendorEvent(vendorStatus(vector), event, later, 'accepted')
    if (result.ok) {
      expect(vendorVector(result.status)).toBe(outcome)
      expect(result.status[event]).toEqual(later)
    } else {
      expect(result.error.reason).toBe(outcome)
    }
  })

  // Fix ready needs the vendor to be in RM Accepted; nothing else depends on the RM state.
  const fixReadyByRmState: Record<RmState, Outcome> = {
    start: 'vendor_not_accepted',
    received: 'vendor_not_accepted',
    invalid: 'vendor_not_accepted',
    valid: 'vendor_not_accepted',
    accepted: 'VFd',
    deferred: 'vendor_not_accepted',
    closed: 'vendor_not_accepted',
  }

  it.each(cells.flatMap((c) => rmStates.map((rmState) => ({ ...c, rmState }))))(
    '$vector + $event with the vendor $rmState',
    ({ vector, event, outcome, rmState }) => {
      const want = vector === 'Vfd' && event === 'fixReady' ? fixReadyByRmState[rmState] : outcome
      const result = recordVendorEvent(vendorStatus(vector), event, later, rmState)
      expect(result.ok ? vendorVector(result.status) : result.error.reason).toBe(want)
    },
  )

  it('refuses an event dated before the one that must come first', () => {
    const result = recordVendorEvent(vendorStatus('VFd'), 'fixDeployed', day(1), 'accepted')
    expect(result).toEqual({
      ok: false,
      error: {
        reason: 'out_of_order',
        event: 'fixDeployed',
        at: day(1),
        mustComeFirst: 'fixReady',
        mustComeFirstAt: day(2),
      },
    })
  })

  it('accepts an event at the same instant as the one before it', () => {
    expect(recordVendorEvent(vendorStatus('Vfd'), 'fixReady', day(1), 'accepted').ok).toBe(true)
  })

  it('leaves the status it was given unchanged', () => {
    const before = vendorStatus('Vfd')
    recordVendorEvent(before, 'fixReady', later, 'accepted')
    expect(before).toEqual(vendorStatus('Vfd'))
  })
})

describe('case events', () => {
  // Every reachable case status × every event: the vector after recording, or why it is refused.
  const expected: Record<string, Record<CaseEvent, Outcome>> = {
    pxa: { publicAware: 'Pxa', exploitPublic: 'PXa', attacksObserved: 'pxA' },
    Pxa: { publicAware: 'already_happened', exploitPublic: 'PXa', attacksObserved: 'PxA' },
    pxA: { publicAware: 'PxA', exploitPublic: 'PXA', attacksObserved: 'already_happened' },
    PxA: { publicAware: 'already_happened', exploitPublic: 'PXA', attacksObserved: 'already_happened' },
    PXa: { publicAware: 'already_happened', exploitPublic: 'already_happened', attacksObserved: 'PXA' },
    PXA: { publicAware: 'already_happened', exploitPublic: 'already_happened', attacksObserved: 'already_happened' },
  }

  it('reaches exactly the statuses in the table (never an exploit without public awareness)', () => {
    const seen = new Set<string>()
    let frontier = [noCaseEvents]
    while (frontier.length > 0) {
      for (const s of frontier) seen.add(caseVector(s))
      frontier = frontier
        .flatMap((s) => allCaseEvents.map((e) => recordCaseEvent(s, e, later)))
        .flatMap((r) => (r.ok && !seen.has(caseVector(r.status)) ? [r.status] : []))
    }
    expect([...seen].sort()).toEqual(Object.keys(expected).sort())
  })

  const cells = Object.keys(expected).flatMap((vector) =>
    allCaseEvents.map((event) => ({ vector, event, outcome: expected[vector]![event] })),
  )

  it.each(cells)('$vector + $event -> $outcome', ({ vector, event, outcome }) => {
    const result = recordCaseEvent(caseStatus(vector), event, later)
    expect(result.ok ? caseVector(result.status) : result.error.reason).toBe(outcome)
  })

  it('an exploit made public makes the case public at the same instant, and says so', () => {
    expect(recordCaseEvent(noCaseEvents, 'exploitPublic', later)).toEqual({
      ok: true,
      status: { publicAware: later, exploitPublic: later, attacksObserved: null },
      implied: ['publicAware'],
    })
  })

  it('keeps the instant of a public awareness recorded earlier', () => {
    const result = recordCaseEvent(caseStatus('Pxa'), 'exploitPublic', later)
    expect(result).toEqual({
      ok: true,
      status: { publicAware: day(4), exploitPublic: later, attacksObserved: null },
      implied: [],
    })
  })

  it('reports when an event had already happened', () => {
    expect(recordCaseEvent(caseStatus('pxA'), 'attacksObserved', later)).toEqual({
      ok: false,
      error: { reason: 'already_happened', event: 'attacksObserved', happenedAt: day(6) },
    })
  })
})

describe('embargo rules', () => {
  // All eight combinations, the impossible "exploit without public" included, since the rule
  // must not depend on the implication having been applied.
  const table: [string, { mustEnd: boolean; shouldEnd: boolean; mayPropose: boolean }][] = [
    ['pxa', { mustEnd: false, shouldEnd: false, mayPropose: true }],
    ['Pxa', { mustEnd: true, shouldEnd: false, mayPropose: false }],
    ['pXa', { mustEnd: true, shouldEnd: false, mayPropose: false }],
    ['pxA', { mustEnd: false, shouldEnd: true, mayPropose: false }],
    ['PXa', { mustEnd: true, shouldEnd: false, mayPropose: false }],
    ['PxA', { mustEnd: true, shouldEnd: true, mayPropose: false }],
    ['pXA', { mustEnd: true, shouldEnd: true, mayPropose: false }],
    ['PXA', { mustEnd: true, shouldEnd: true, mayPropose: false }],
  ]

  it.each(table)('%s: %j', (vector, want) => {
    const events = caseStatus(vector)
    expect({
      mustEnd: embargoMustEnd(events),
      shouldEnd: embargoShouldEnd(events),
      mayPropose: mayProposeEmbargo(events),
    }).toEqual(want)
  })
})

describe('CS vector', () => {
  it.each([
    ['vfd', 'pxa', 'vfdpxa'],
    ['Vfd', 'pxa', 'Vfdpxa'],
    ['VFd', 'Pxa', 'VFdPxa'],
    ['VFD', 'PXA', 'VFDPXA'],
    ['vfd', 'pxA', 'vfdpxA'],
  ])('%s with %s reads %s', (vendor, events, vector) => {
    expect(csVector(vendorStatus(vendor), caseStatus(events))).toBe(vector)
  })

  it('starts all lower case', () => {
    expect(csVector(noVendorEvents, noCaseEvents)).toBe('vfdpxa')
  })
})

describe('refusal messages', () => {
  const refusal = (result: { ok: boolean; error?: CsRefusal }) => {
    if (!result.error) throw new Error('was allowed')
    return csRefusalMessage(result.error)
  }

  it('says when the event was already recorded', () => {
    expect(refusal(recordVendorEvent(vendorStatus('Vfd'), 'vendorAware', later, 'accepted'))).toBe(
      'Cannot record vendor aware: it was already recorded at 2003-01-01T00:00:00.000Z.',
    )
  })

  it('names what must come first', () => {
    expect(refusal(recordVendorEvent(noVendorEvents, 'fixReady', later, 'accepted'))).toBe(
      'Cannot record fix ready before vendor aware: record vendor aware first.',
    )
    expect(refusal(recordVendorEvent(vendorStatus('Vfd'), 'fixDeployed', later, 'accepted'))).toBe(
      'Cannot record fix deployed before fix ready: record fix ready first.',
    )
  })

  it('names both instants when the dates are out of order', () => {
    expect(refusal(recordVendorEvent(vendorStatus('VFd'), 'fixDeployed', day(1), 'accepted'))).toBe(
      'Cannot record fix deployed at 2003-01-01T00:00:00.000Z: fix ready was only recorded at 2003-01-02T00:00:00.000Z.',
    )
  })

  it('names the vendor RM state when it has not accepted', () => {
    expect(refusal(recordVendorEvent(vendorStatus('Vfd'), 'fixReady', later, 'deferred'))).toBe(
      'Cannot record fix ready: the vendor has not accepted the report (for this vendor the report is deferred).',
    )
  })
})
