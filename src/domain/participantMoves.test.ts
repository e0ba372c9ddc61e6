import { describe, expect, it } from 'vitest'
import { noVendorEvents } from './caseStatus.js'
import { nextVendorEvent, rmMoves } from './participantMoves.js'
import { rmStates } from './reportManagement.js'

const at = new Date('2026-01-01T00:00:00Z')

describe('rmMoves', () => {
  it('lists each allowed event with the state it leads to', () => {
    expect(rmMoves('start')).toEqual([{ event: 'receive', to: 'received' }])
    expect(rmMoves('received')).toEqual([
      { event: 'validate', to: 'valid' },
      { event: 'invalidate', to: 'invalid' },
    ])
    // Valid has no close: accept or defer first.
    expect(rmMoves('valid')).toEqual([
      { event: 'accept', to: 'accepted' },
      { event: 'defer', to: 'deferred' },
    ])
    expect(rmMoves('closed')).toEqual([])
  })

  it('offers a move from every state but closed', () => {
    for (const state of rmStates) expect(rmMoves(state).length > 0).toBe(state !== 'closed')
  })
})

describe('nextVendorEvent', () => {
  it('is none for a participant that is not a vendor', () => {
    expect(nextVendorEvent(['finder'], noVendorEvents, 'accepted')).toBeNull()
    expect(nextVendorEvent(['coordinator'], noVendorEvents, 'start')).toBeNull()
  })

  it('starts with vendor aware, whatever the report state', () => {
    expect(nextVendorEvent(['vendor'], noVendorEvents, 'start')).toBe('vendorAware')
    expect(nextVendorEvent(['vendor', 'deployer'], noVendorEvents, 'closed')).toBe('vendorAware')
  })

  it('offers fix ready only once the vendor accepted the report', () => {
    const aware = { ...noVendorEvents, vendorAware: at }
    expect(nextVendorEvent(['vendor'], aware, 'accepted')).toBe('fixReady')
    for (const state of ['received', 'valid', 'deferred', 'closed'] as const)
      expect(nextVendorEvent(['vendor'], aware, state)).toBeNull()
  })

  it('then fix deployed, then nothing', () => {
    const ready = { vendorAware: at, fixReady: at, fixDeployed: null }
    expect(nextVendorEvent(['vendor'], ready, 'closed')).toBe('fixDeployed')
    expect(nextVendorEvent(['vendor'], { ...ready, fixDeployed: at }, 'accepted')).toBeNull()
  })
})
