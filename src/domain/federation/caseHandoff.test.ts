// What a hand-over carries besides the case: its history in sentences and its vendors, read
// leniently on arrival (an item that is not one is left out, never a refusal of the whole case).
import { describe, expect, it } from 'vitest'
import { historySentence, offerOwnership, readHandoffParts } from './caseHandoff.js'

describe('a case handed over', () => {
  it('says each ledger entry as a sentence, with plain words for a kind it has no sentence for', () => {
    expect(historySentence('vulnerability.added', 'Casey', { title: 'Heap overflow' })).toBe(
      'Casey added the vulnerability “Heap overflow”',
    )
    expect(historySentence('embargo.revision_proposed', 'Casey', {})).toBe('Casey recorded: embargo revision proposed')
  })

  it('is an Offer of the case to the peer (RmOfferCaseOwnershipTransfer)', () => {
    const o = offerOwnership({
      id: 'https://a.example/federation/activities/1',
      from: 'https://a.example/federation/actor',
      to: 'https://b.example/federation/actor',
      object: { type: 'VulnerabilityCase' },
      by: 'Casey',
      at: new Date('2026-12-07T14:02:00Z'),
    })
    expect(o).toMatchObject({ type: 'Offer', target: 'https://b.example/federation/actor' })
  })

  it('keeps the history items and vendors that are well formed, and only those', () => {
    const parts = readHandoffParts({
      'lockstep:history': [
        { kind: 'case.opened', at: '2026-12-01T10:00:00.000Z', actor: 'Casey', sentence: 'Casey opened the case' },
        { kind: 'case.opened', at: 'yesterday', actor: 'Casey', sentence: 'no instant' },
        'not an item',
      ],
      'lockstep:participants': [
        { name: ' Sendmail Inc ', email: 'security@sendmail.test' },
        { name: 'No Address Ltd', email: 'nowhere' },
        { name: '' },
      ],
    })
    expect(parts['lockstep:history']).toHaveLength(1)
    expect(parts['lockstep:participants']).toEqual([
      { name: 'Sendmail Inc', email: 'security@sendmail.test' },
      { name: 'No Address Ltd', email: null },
    ])
    expect(readHandoffParts(null)).toEqual({ 'lockstep:history': [], 'lockstep:participants': [] })
  })
})
