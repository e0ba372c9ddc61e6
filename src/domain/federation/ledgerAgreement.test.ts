import { describe, expect, it } from 'vitest'
import { heldHeadDisagreement, peerHeadDisagreement, readHeldHead } from './ledgerAgreement.js'

const hash = (c: string) => c.repeat(64)
const head = (sequence: number, h: string, keyId = 'k'.repeat(64), verified = true) => ({
  sequence,
  hash: hash(h),
  keyId,
  verified,
})

describe("a peer's new head beside the one kept before", () => {
  it('agrees when it is the first, a later entry, or the same head again', () => {
    expect(peerHeadDisagreement(undefined, head(3, 'a'), 'CERT-B')).toBeNull()
    expect(peerHeadDisagreement(head(3, 'a'), head(7, 'b'), 'CERT-B')).toBeNull()
    expect(peerHeadDisagreement(head(3, 'a'), head(3, 'a'), 'CERT-B')).toBeNull()
    // An older message arriving late is no disagreement: heads never go back.
    expect(peerHeadDisagreement(head(7, 'b'), head(3, 'a'), 'CERT-B')).toBeNull()
  })

  it('finds two different heads for the same entry: the peer rewrote its ledger', () => {
    expect(peerHeadDisagreement(head(3, 'a'), head(3, 'c'), 'CERT-B')).toBe(
      'CERT-B signed two different heads for entry 3 of its ledger: it was rewritten',
    )
  })

  it('finds a head signed with another key', () => {
    expect(peerHeadDisagreement(head(3, 'a', 'k'.repeat(64)), head(4, 'b', 'f'.repeat(64)), 'CERT-B')).toMatch(
      /^CERT-B's ledger heads are now signed with another key \(ffffffffffffffff, before kkkkkkkkkkkkkkkk\)$/,
    )
  })

  it('finds a head whose signature does not check out, even the first', () => {
    expect(peerHeadDisagreement(undefined, head(2, 'a', 'k', false), 'CERT-B')).toMatch(/signature does not check out/)
  })

  it('compares nothing against a kept head that never verified', () => {
    expect(peerHeadDisagreement(head(3, 'a', 'x', false), head(3, 'c'), 'CERT-B')).toBeNull()
  })
})

describe('the head a peer holds of our ledger', () => {
  const held = { sequence: 5, hash: hash('a') }
  it('agrees when our entry at its sequence has its hash', () => {
    expect(heldHeadDisagreement(held, hash('a'), 9, 'CERT-B')).toBeNull()
  })
  it('finds our ledger rewritten', () => {
    expect(heldHeadDisagreement(held, hash('b'), 9, 'CERT-B')).toBe(
      'CERT-B holds a signed head of this ledger for entry 5 that the ledger no longer matches: rewritten since',
    )
  })
  it('finds our ledger cut short', () => {
    expect(heldHeadDisagreement(held, undefined, 4, 'CERT-B')).toBe(
      'CERT-B holds a signed head of this ledger for entry 5, but the ledger has 4 entries: cut short since',
    )
  })
})

describe('reading the head a peer says it holds', () => {
  it('reads a sequence and a SHA-256 hex hash', () => {
    expect(readHeldHead({ sequence: 5, hash: hash('a'), extra: 1 })).toEqual({ sequence: 5, hash: hash('a') })
  })
  it.each([
    undefined,
    null,
    'head',
    { sequence: 0, hash: hash('a') },
    { sequence: 1.5, hash: hash('a') },
    { sequence: '5', hash: hash('a') },
    { sequence: 5, hash: 'A'.repeat(64) },
    { sequence: 5, hash: hash('a') + 'a' },
    { sequence: 5 },
  ])('takes %j for no head', (value) => {
    expect(readHeldHead(value)).toBeNull()
  })
})
