// What a hand-over carries besides the case: its history in sentences and its vendors, read
// leniently on arrival (an item that is not one is left out, never a refusal of the whole case).
import { describe, expect, it } from 'vitest'
import { draftThatCrosses, historySentence, offerOwnership, readHandoffParts } from './caseHandoff.js'

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
    expect(readHandoffParts(null)).toEqual({
      'lockstep:history': [],
      'lockstep:participants': [],
      'lockstep:advisoryDraft': null,
    })
  })

  const draft = {
    title: 'Remote root',
    overview: 'Found by Mark Dowd.',
    description: 'Mark Dowd wrote to us.',
    impact: '',
    solution: 'Upgrade.',
    references: [{ url: 'https://example.org/notes', summary: 'Notes by Mark Dowd' }],
    credits: [{ name: 'Mark Dowd', contribution: null }],
  }

  it('sends the advisory draft without a finder who did not consent: named "the finder", no credits', () => {
    const d = draftThatCrosses(
      { publicId: 'LSA-2026-0001', version: 3, draft },
      {
        unnamed: ['Mark Dowd'],
        creditsMayCross: false,
      },
    ).draft
    expect(JSON.stringify(d)).not.toContain('Mark Dowd')
    expect(d.overview).toBe('Found by the finder.')
    expect(d.credits).toEqual([])
    expect(
      draftThatCrosses({ publicId: 'x', version: 1, draft }, { unnamed: [], creditsMayCross: true }).draft,
    ).toEqual(draft)
  })

  it('reads the advisory draft leniently: bad references and nameless credits left out, no title no draft', () => {
    const read = (d: unknown) => readHandoffParts({ 'lockstep:advisoryDraft': d })['lockstep:advisoryDraft']
    const got = read({
      publicId: 'LSA-2026-0001',
      version: 2,
      draft: {
        ...draft,
        impact: 42,
        references: [{ url: 'javascript:alert(1)', summary: '' }, ...draft.references],
        credits: [{ name: ' ' }, ...draft.credits],
      },
    })
    expect(got).toEqual({ publicId: 'LSA-2026-0001', version: 2, draft })
    expect(read({ version: -1, draft: { ...draft, title: ' ' } })).toBeNull()
    expect(read({ draft })?.version).toBe(1)
    expect(read('a string')).toBeNull()
  })
})
