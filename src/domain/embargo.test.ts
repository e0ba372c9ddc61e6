import { describe, expect, it } from 'vitest'
import {
  allowedEmEvents,
  answerDeadline,
  checkEndInstant,
  consentAfterNewTerms,
  defaultEmbargoPolicy,
  effectiveConsent,
  emEvents,
  emOnCaseEvent,
  emRefusalMessage,
  emStates,
  emTransition,
  openingProposals,
  parseInstant,
  type EmEvent,
  type EmState,
} from './embargo.js'

// DESIGN.md's EM machine, written out independently of the implementation's table.
const expected: Record<string, EmState> = {
  'none propose': 'proposed',
  'proposed counter': 'proposed',
  'proposed reject': 'none',
  'proposed withdraw': 'none',
  'proposed accept': 'active',
  'active revise': 'revise',
  'active terminate': 'exited',
  'revise revise': 'revise',
  'revise accept_revision': 'active',
  'revise reject_revision': 'active',
  'revise terminate': 'exited',
}

describe('embargo management (EM)', () => {
  for (const state of emStates) {
    for (const event of emEvents) {
      const want = expected[`${state} ${event}`]
      it(`${state} + ${event} → ${want ?? 'refused'}`, () => {
        const result = emTransition(state, event)
        if (want) expect(result).toEqual({ ok: true, state: want })
        else expect(result).toEqual({ ok: false, error: { state, event, allowed: allowedEmEvents(state) } })
      })
    }
  }

  it('exited is final, and a refusal names what may happen instead', () => {
    expect(allowedEmEvents('exited')).toEqual([])
    const refused = emTransition('active', 'accept')
    expect(refused.ok).toBe(false)
    if (!refused.ok)
      expect(emRefusalMessage(refused.error)).toBe(
        "Cannot accept the proposal: the case's embargo is “embargo active”. From here one may propose a revision, end the embargo.",
      )
    const final = emTransition('exited', 'propose' as EmEvent)
    if (!final.ok) expect(emRefusalMessage(final.error)).toContain('Nothing more can happen to it.')
  })

  it('ends at once when the case or an exploit becomes public; attacks too, unless the instance keeps it', () => {
    expect(emOnCaseEvent('proposed', 'publicAware', false)).toBe('none')
    expect(emOnCaseEvent('active', 'exploitPublic', false)).toBe('exited')
    expect(emOnCaseEvent('revise', 'publicAware', false)).toBe('exited')
    expect(emOnCaseEvent('active', 'attacksObserved', false)).toBe('exited')
    expect(emOnCaseEvent('active', 'attacksObserved', true)).toBe('active')
    expect(emOnCaseEvent('none', 'publicAware', false)).toBe('none')
    expect(emOnCaseEvent('exited', 'publicAware', false)).toBe('exited')
  })
})

describe('consent', () => {
  const now = new Date('2003-02-20T12:00:00Z')
  it('counts an invitation unanswered past its deadline as declined', () => {
    expect(effectiveConsent({ state: 'invited', answerBy: new Date('2003-02-20T11:59:59.999Z') }, now)).toBe('declined')
    expect(effectiveConsent({ state: 'invited', answerBy: now }, now)).toBe('invited')
    expect(effectiveConsent({ state: 'signatory', answerBy: new Date('2003-01-01T00:00:00Z') }, now)).toBe('signatory')
  })
  it('lapses an agreement when the terms change, and asks again those who were asked', () => {
    expect(consentAfterNewTerms('signatory')).toBe('lapsed')
    expect(consentAfterNewTerms('declined')).toBe('invited')
    expect(consentAfterNewTerms('invited')).toBe('invited')
    expect(consentAfterNewTerms('none')).toBe('none')
  })
})

describe('end instants', () => {
  it('reads ISO 8601 with a zone as one instant, and refuses one without', () => {
    expect(parseInstant('2003-03-03T17:00:00Z')).toEqual({ ok: true, instant: new Date('2003-03-03T17:00:00.000Z') })
    expect(parseInstant('2003-03-03T12:00-05:00')).toEqual({ ok: true, instant: new Date('2003-03-03T17:00:00.000Z') })
    expect(parseInstant('2003-03-04T02:00:00.000+09:00')).toEqual({
      ok: true,
      instant: new Date('2003-03-03T17:00:00.000Z'),
    })
    expect(parseInstant('2003-03-03T17:00:00')).toEqual({
      ok: false,
      message: expect.stringContaining('has no time zone'),
    })
    expect(parseInstant('2003-03-03')).toEqual({ ok: false, message: expect.stringContaining('has no time zone') })
    expect(parseInstant('next Monday')).toEqual({ ok: false, message: expect.stringContaining('is not an instant') })
    expect(parseInstant('2003-02-30T17:00:00Z')).toEqual({ ok: false, message: 'is not a real date and time' })
    expect(parseInstant('2003-02-28T25:00:00Z').ok).toBe(false)
  })

  const now = new Date('2003-02-20T12:00:00Z')
  it('refuses the past and beyond the instance maximum', () => {
    expect(checkEndInstant(now, now, defaultEmbargoPolicy)).toContain('is in the past')
    expect(checkEndInstant(new Date(now.getTime() + 1), now, defaultEmbargoPolicy)).toBeNull()
    expect(checkEndInstant(new Date(now.getTime() + 90 * 86_400_000), now, defaultEmbargoPolicy)).toBeNull()
    expect(checkEndInstant(new Date(now.getTime() + 90 * 86_400_000 + 1), now, defaultEmbargoPolicy)).toContain(
      'more than 90 days away',
    )
  })

  it('gives seven days to answer by default and never under 72 hours', () => {
    expect(answerDeadline(now, defaultEmbargoPolicy)).toEqual({ ok: true, at: new Date('2003-02-27T12:00:00Z') })
    expect(answerDeadline(now, defaultEmbargoPolicy, new Date('2003-02-23T12:00:00Z'))).toEqual({
      ok: true,
      at: new Date('2003-02-23T12:00:00Z'),
    })
    expect(answerDeadline(now, defaultEmbargoPolicy, new Date('2003-02-23T11:59:59Z'))).toEqual({
      ok: false,
      message: expect.stringContaining('less than 72 hours'),
    })
  })
})

describe('opening proposals', () => {
  const now = new Date('2003-02-01T00:00:00Z')
  const day = (n: number) => new Date(now.getTime() + n * 86_400_000)
  it('takes each participant’s published policy as a proposal; the shortest wins, the others become revisions', () => {
    const { winner, revisions } = openingProposals(
      day(40),
      [
        { participant: 'Red Hat', preferredDays: 30 },
        { participant: 'Sun Microsystems', preferredDays: 45 },
      ],
      now,
      defaultEmbargoPolicy,
    )
    expect(winner).toEqual({ from: 'Red Hat', end: day(30) })
    expect(revisions).toEqual([
      { from: 'explicit', end: day(40) },
      { from: 'Sun Microsystems', end: day(45) },
    ])
  })
  it('falls back to the instance default and caps a policy at the maximum', () => {
    expect(openingProposals(null, [], now, defaultEmbargoPolicy).winner).toEqual({ from: 'instance', end: day(45) })
    expect(
      openingProposals(null, [{ participant: 'Slow Inc', preferredDays: 365 }], now, defaultEmbargoPolicy).winner,
    ).toEqual({ from: 'Slow Inc', end: day(90) })
  })
  it('prefers the explicit instant among equals and drops revisions equal to the winner', () => {
    const { winner, revisions } = openingProposals(
      day(30),
      [{ participant: 'Red Hat', preferredDays: 30 }],
      now,
      defaultEmbargoPolicy,
    )
    expect(winner.from).toBe('explicit')
    expect(revisions).toEqual([])
  })
})
