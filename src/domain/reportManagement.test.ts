import { describe, expect, it } from 'vitest'
import {
  allowedEvents,
  initialRmState,
  rmEvents,
  rmRefusalMessage,
  rmStateLabels,
  rmStates,
  transition,
  type ParticipantRole,
  type RmEvent,
  type RmState,
} from './reportManagement.js'

// The Vultron RM machine, written out by hand: one row per state, one column per event; '-' is a
// refused transition. A wrong edit of the table in the module fails here.
const expected: Record<RmState, Record<RmEvent, RmState | '-'>> = {
  start: { receive: 'received', validate: '-', invalidate: '-', accept: '-', defer: '-', close: '-' },
  received: { receive: '-', validate: 'valid', invalidate: 'invalid', accept: '-', defer: '-', close: '-' },
  invalid: { receive: '-', validate: 'valid', invalidate: '-', accept: '-', defer: '-', close: 'closed' },
  valid: { receive: '-', validate: '-', invalidate: '-', accept: 'accepted', defer: 'deferred', close: '-' },
  accepted: { receive: '-', validate: '-', invalidate: '-', accept: '-', defer: 'deferred', close: 'closed' },
  deferred: { receive: '-', validate: '-', invalidate: '-', accept: 'accepted', defer: '-', close: 'closed' },
  closed: { receive: '-', validate: '-', invalidate: '-', accept: '-', defer: '-', close: '-' },
}

const cells = rmStates.flatMap((state) => rmEvents.map((event) => ({ state, event, next: expected[state][event] })))

describe('report management transitions', () => {
  it('covers all seven states and six events', () => {
    expect(rmStates).toEqual(['start', 'received', 'invalid', 'valid', 'accepted', 'deferred', 'closed'])
    expect(rmEvents).toEqual(['receive', 'validate', 'invalidate', 'accept', 'defer', 'close'])
    expect(cells).toHaveLength(42)
  })

  it.each(cells.filter((c) => c.next !== '-'))('$state --$event--> $next', ({ state, event, next }) => {
    expect(transition(state, event)).toEqual({ ok: true, state: next })
  })

  it.each(cells.filter((c) => c.next === '-'))('$state refuses $event and lists what it allows', ({ state, event }) => {
    const allowed = rmEvents.filter((e) => expected[state][e] !== '-')
    expect(transition(state, event)).toEqual({ ok: false, error: { state, event, allowed } })
  })

  it('allows exactly the events the table allows, in a fixed order', () => {
    expect(Object.fromEntries(rmStates.map((s) => [s, allowedEvents(s)]))).toEqual({
      start: ['receive'],
      received: ['validate', 'invalidate'],
      invalid: ['validate', 'close'],
      valid: ['accept', 'defer'],
      accepted: ['defer', 'close'],
      deferred: ['accept', 'close'],
      closed: [],
    })
  })

  it('never closes a valid report directly: it must be accepted or deferred first', () => {
    expect(transition('valid', 'close').ok).toBe(false)
    for (const decision of ['accept', 'defer'] as const) {
      const decided = transition('valid', decision)
      expect(decided.ok && transition(decided.state, 'close')).toEqual({ ok: true, state: 'closed' })
    }
  })

  it('keeps closed final: no event leaves it', () => {
    for (const event of rmEvents) expect(transition('closed', event).ok).toBe(false)
  })

  it('reaches every state from start', () => {
    const reached = new Set<RmState>(['start'])
    let frontier: RmState[] = ['start']
    while (frontier.length > 0) {
      frontier = frontier
        .flatMap((s) => rmEvents.map((e) => transition(s, e)))
        .flatMap((r) => (r.ok && !reached.has(r.state) ? [r.state] : []))
      for (const s of frontier) reached.add(s)
    }
    expect([...reached].sort()).toEqual([...rmStates].sort())
  })
})

describe('refusal messages', () => {
  const message = (state: RmState, event: RmEvent) => {
    const result = transition(state, event)
    if (result.ok) throw new Error(`${event} from ${state} was allowed`)
    return rmRefusalMessage(result.error)
  }

  it.each([
    ['valid', 'close', 'Cannot close a report that is valid: from valid you may accept or defer.'],
    ['start', 'validate', 'Cannot validate a report that has not been received: from start you may receive.'],
    ['received', 'accept', 'Cannot accept a report that is received: from received you may validate or invalidate.'],
    ['invalid', 'accept', 'Cannot accept a report that is invalid: from invalid you may validate or close.'],
    ['accepted', 'accept', 'Cannot accept a report that is accepted: from accepted you may defer or close.'],
    ['deferred', 'invalidate', 'Cannot invalidate a report that is deferred: from deferred you may accept or close.'],
    ['closed', 'receive', 'Cannot receive a report that is closed: a closed report is final.'],
  ] as const)('from %s, %s: %s', (state, event, text) => {
    expect(message(state, event)).toBe(text)
  })

  it.each(cells.filter((c) => c.next === '-'))(
    'names every allowed event when refusing $event from $state',
    ({ state, event }) => {
      const text = message(state, event)
      expect(text.startsWith(`Cannot ${event} a report that `)).toBe(true)
      for (const allowed of allowedEvents(state)) expect(text).toContain(allowed)
    },
  )
})

describe('initial state per role', () => {
  it.each([
    [['finder'], 'accepted'],
    [['finder', 'reporter'], 'accepted'],
    [['reporter'], 'start'],
    [['vendor'], 'start'],
    [['coordinator'], 'start'],
    [['deployer'], 'start'],
    [['observer'], 'start'],
    [['vendor', 'coordinator'], 'start'],
    [[], 'start'],
  ] as [ParticipantRole[], RmState][])('%j starts at %s', (roles, state) => {
    expect(initialRmState(roles)).toBe(state)
  })
})

describe('labels a finder reads', () => {
  it('uses the wording of the status page', () => {
    expect(rmStateLabels).toEqual({
      start: 'Not yet received',
      received: 'Received',
      invalid: 'Judged not valid',
      valid: 'Confirmed as valid',
      accepted: 'Accepted for coordination',
      deferred: 'On hold',
      closed: 'Closed',
    })
  })

  it('gives each state its own label', () => {
    expect(new Set(Object.values(rmStateLabels)).size).toBe(rmStates.length)
  })
})
