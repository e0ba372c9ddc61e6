// Report management (RM): the Vultron state machine each participant runs over a report, from
// first receipt to closing it. One table holds every allowed transition, so the commands, the
// HTTP 409 message and the finder's status page all read the same rules. Refusals are returned,
// not thrown: a refused transition is an expected answer, and the caller decides how to say it.

export type RmState = 'start' | 'received' | 'invalid' | 'valid' | 'accepted' | 'deferred' | 'closed'

/** Named after the Vultron messages RS, RV, RI, RA, RD, RC. */
export type RmEvent = 'receive' | 'validate' | 'invalidate' | 'accept' | 'defer' | 'close'

export const rmStates: readonly RmState[] = ['start', 'received', 'invalid', 'valid', 'accepted', 'deferred', 'closed']
export const rmEvents: readonly RmEvent[] = ['receive', 'validate', 'invalidate', 'accept', 'defer', 'close']

// Valid has no `close`: Vultron makes a participant decide (accept or defer) before closing a
// report it found valid, so that no valid report is silently dropped.
const transitions: Readonly<Record<RmState, Readonly<Partial<Record<RmEvent, RmState>>>>> = {
  start: { receive: 'received' },
  received: { validate: 'valid', invalidate: 'invalid' },
  invalid: { validate: 'valid', close: 'closed' },
  valid: { accept: 'accepted', defer: 'deferred' },
  accepted: { defer: 'deferred', close: 'closed' },
  deferred: { accept: 'accepted', close: 'closed' },
  closed: {},
}

export interface RmRefusal {
  state: RmState
  event: RmEvent
  allowed: RmEvent[]
}

export type RmTransitionResult = { ok: true; state: RmState } | { ok: false; error: RmRefusal }

export function transition(state: RmState, event: RmEvent): RmTransitionResult {
  const next = transitions[state][event]
  if (next) return { ok: true, state: next }
  return { ok: false, error: { state, event, allowed: allowedEvents(state) } }
}

/** In the fixed order of `rmEvents`, so lists and messages read the same everywhere. */
export function allowedEvents(state: RmState): RmEvent[] {
  return rmEvents.filter((event) => transitions[state][event] !== undefined)
}

/** A case participant's roles, as DESIGN's domain model names them. */
export type ParticipantRole = 'finder' | 'reporter' | 'vendor' | 'coordinator' | 'deployer' | 'observer'

/**
 * Where a participant's RM starts. A finder has by definition received, validated and accepted
 * its own report; everyone else (a reporter relaying someone else's find included) starts at
 * Start and receives it.
 */
export function initialRmState(roles: readonly ParticipantRole[]): RmState {
  return roles.includes('finder') ? 'accepted' : 'start'
}

/** How a finder reads the state of its report on the status page. */
export const rmStateLabels: Readonly<Record<RmState, string>> = {
  start: 'Not yet received',
  received: 'Received',
  invalid: 'Judged not valid',
  valid: 'Confirmed as valid',
  accepted: 'Accepted for coordination',
  deferred: 'On hold',
  closed: 'Closed',
}

// "a report that ..." for the refusal message; Start has no adjective of its own.
const reportThat: Readonly<Record<RmState, string>> = {
  start: 'has not been received',
  received: 'is received',
  invalid: 'is invalid',
  valid: 'is valid',
  accepted: 'is accepted',
  deferred: 'is deferred',
  closed: 'is closed',
}

/** E.g. "Cannot close a report that is valid: from valid you may accept or defer." */
export function rmRefusalMessage(error: RmRefusal): string {
  const head = `Cannot ${error.event} a report that ${reportThat[error.state]}`
  if (error.allowed.length === 0) return `${head}: a ${error.state} report is final.`
  return `${head}: from ${error.state} you may ${listWithOr(error.allowed)}.`
}

function listWithOr(words: readonly string[]): string {
  if (words.length <= 1) return words.join('')
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`
}
