// Embargo management (EM): the Vultron machine each case runs over its embargo (None, Proposed,
// Active, Revise, eXited), each participant's consent to the terms, and the rules a proposed end
// instant must meet. One table holds every allowed transition, so the commands, the 409 message
// and the UI read the same rules. Pure: the clock is always passed in.

export type EmState = 'none' | 'proposed' | 'active' | 'revise' | 'exited'

/**
 * Named after the Vultron messages: EP propose, counter (EP again while proposed), EJ reject,
 * withdraw (the proposer takes it back: also back to None), EA accept, EV revise (propose new terms
 * while active), accept_revision / reject_revision (EA / EJ of a revision: the new or the old terms
 * stay active), ET terminate.
 */
export type EmEvent =
  | 'propose'
  | 'counter'
  | 'reject'
  | 'withdraw'
  | 'accept'
  | 'revise'
  | 'accept_revision'
  | 'reject_revision'
  | 'terminate'

export const emStates: readonly EmState[] = ['none', 'proposed', 'active', 'revise', 'exited']
export const emEvents: readonly EmEvent[] = [
  'propose',
  'counter',
  'reject',
  'withdraw',
  'accept',
  'revise',
  'accept_revision',
  'reject_revision',
  'terminate',
]

// A revision counters itself in Revise (R→R) through `revise`; Exited is final.
const transitions: Readonly<Record<EmState, Readonly<Partial<Record<EmEvent, EmState>>>>> = {
  none: { propose: 'proposed' },
  proposed: { counter: 'proposed', reject: 'none', withdraw: 'none', accept: 'active' },
  active: { revise: 'revise', terminate: 'exited' },
  revise: { revise: 'revise', accept_revision: 'active', reject_revision: 'active', terminate: 'exited' },
  exited: {},
}

export interface EmRefusal {
  state: EmState
  event: EmEvent
  allowed: EmEvent[]
}

export type EmTransitionResult = { ok: true; state: EmState } | { ok: false; error: EmRefusal }

export function emTransition(state: EmState, event: EmEvent): EmTransitionResult {
  const next = transitions[state][event]
  if (next) return { ok: true, state: next }
  return { ok: false, error: { state, event, allowed: allowedEmEvents(state) } }
}

export function allowedEmEvents(state: EmState): EmEvent[] {
  return emEvents.filter((event) => transitions[state][event] !== undefined)
}

export const emStateLabels: Readonly<Record<EmState, string>> = {
  none: 'No embargo',
  proposed: 'Embargo proposed',
  active: 'Embargo active',
  revise: 'Embargo active, revision proposed',
  exited: 'Embargo ended',
}

export const emEventLabels: Readonly<Record<EmEvent, string>> = {
  propose: 'propose an embargo',
  counter: 'counter-propose',
  reject: 'reject the proposal',
  withdraw: 'withdraw the proposal',
  accept: 'accept the proposal',
  revise: 'propose a revision',
  accept_revision: 'accept the revision',
  reject_revision: 'reject the revision',
  terminate: 'end the embargo',
}

export function emRefusalMessage(r: EmRefusal): string {
  const allowed = r.allowed.length
    ? `From here one may ${r.allowed.map((e) => emEventLabels[e]).join(', ')}.`
    : 'Nothing more can happen to it.'
  return `Cannot ${emEventLabels[r.event]}: the case's embargo is “${emStateLabels[r.state].toLowerCase()}”. ${allowed}`
}

/** Whether the case is under an embargo that holds publication back. */
export function isEmbargoed(state: EmState): boolean {
  return state === 'active' || state === 'revise'
}

// ---------------------------------------------------------------------------------------------
// What happens to the embargo when the case's status changes (DESIGN.md: case status rules).

/** The case became public or an exploit did (attacks too, unless the instance keeps embargoes then). */
export function emOnCaseEvent(
  state: EmState,
  event: 'publicAware' | 'exploitPublic' | 'attacksObserved',
  keepOnAttacks: boolean,
): EmState {
  if (event === 'attacksObserved' && keepOnAttacks) return state
  if (state === 'proposed') return 'none'
  if (state === 'active' || state === 'revise') return 'exited'
  return state
}

// ---------------------------------------------------------------------------------------------
// Consent: each participant's answer to the current terms.

export type ConsentState = 'none' | 'invited' | 'signatory' | 'lapsed' | 'declined'

export const consentLabels: Readonly<Record<ConsentState, string>> = {
  none: 'Not asked',
  invited: 'Asked, no answer yet',
  signatory: 'Agreed',
  lapsed: 'Agreed to earlier terms',
  declined: 'Declined',
}

/** An invitation left unanswered past its deadline counts as declined. */
export function effectiveConsent(c: { state: ConsentState; answerBy: Date | null }, now: Date): ConsentState {
  return c.state === 'invited' && c.answerBy !== null && now.getTime() > c.answerBy.getTime() ? 'declined' : c.state
}

/** New terms (a counter-proposal or an accepted revision): those who agreed to the old ones have lapsed; the asked are asked again. */
export function consentAfterNewTerms(state: ConsentState): ConsentState {
  return state === 'signatory' ? 'lapsed' : state === 'none' ? 'none' : 'invited'
}

// ---------------------------------------------------------------------------------------------
// The rules a proposed end instant must meet.

export interface EmbargoPolicy {
  /** When nobody says otherwise (CERT/CC: 45). */
  defaultDays: number
  /** The longest an embargo may run from the moment it is proposed: never used to delay indefinitely. */
  maxDays: number
  /** How long participants have to answer an invitation (default 7 days). */
  answerDays: number
  /** Never under 72 hours. */
  minAnswerHours: number
  /** Whether attacks observed leave an embargo in place (DESIGN.md: they should end it). */
  keepOnAttacks: boolean
}

export const defaultEmbargoPolicy: Readonly<EmbargoPolicy> = {
  defaultDays: 45,
  maxDays: 90,
  answerDays: 7,
  minAnswerHours: 72,
  keepOnAttacks: false,
}

const DAY = 86_400_000
const HOUR = 3_600_000

export type InstantResult = { ok: true; instant: Date } | { ok: false; message: string }

/**
 * Reads an end instant as the user gave it: ISO 8601 with a time zone offset (Z or ±hh:mm), so it
 * is one unambiguous instant. A local time without a zone is refused: "9:00" means different
 * instants to a vendor in Tokyo and one in California.
 */
export function parseInstant(text: string): InstantResult {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.exec(text.trim())
  if (!m) {
    if (/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/.test(text.trim()))
      return {
        ok: false,
        message:
          'has no time zone: give an offset such as Z or +01:00 so that every participant reads the same instant',
      }
    return { ok: false, message: 'is not an instant: use ISO 8601 with a time zone, e.g. 2003-03-03T17:00:00Z' }
  }
  const instant = new Date(text.trim())
  if (Number.isNaN(instant.getTime())) return { ok: false, message: 'is not a real date and time' }
  // Date accepts 2003-02-30 by rolling over: compare the calendar fields back.
  const offset =
    m[7] === 'Z' ? 0 : (m[7]!.startsWith('-') ? -1 : 1) * (Number(m[7]!.slice(1, 3)) * 60 + Number(m[7]!.slice(4, 6)))
  const local = new Date(instant.getTime() + offset * 60_000)
  if (
    local.getUTCFullYear() !== Number(m[1]) ||
    local.getUTCMonth() + 1 !== Number(m[2]) ||
    local.getUTCDate() !== Number(m[3]) ||
    local.getUTCHours() !== Number(m[4])
  ) {
    return { ok: false, message: 'is not a real date and time' }
  }
  return { ok: true, instant }
}

/** Checks a proposed end instant against now and the instance's maximum. */
export function checkEndInstant(end: Date, now: Date, policy: Pick<EmbargoPolicy, 'maxDays'>): string | null {
  if (end.getTime() <= now.getTime()) return 'is in the past: an embargo ends in the future'
  if (end.getTime() > now.getTime() + policy.maxDays * DAY)
    return `is more than ${policy.maxDays} days away, this instance's longest embargo: an embargo may not delay publication indefinitely`
  return null
}

/** The answer deadline for an invitation: the asked one if given, never under the minimum. */
export function answerDeadline(
  now: Date,
  policy: Pick<EmbargoPolicy, 'answerDays' | 'minAnswerHours'>,
  asked?: Date,
): { ok: true; at: Date } | { ok: false; message: string } {
  const at = asked ?? new Date(now.getTime() + policy.answerDays * DAY)
  if (at.getTime() < now.getTime() + policy.minAnswerHours * HOUR)
    return { ok: false, message: `is less than ${policy.minAnswerHours} hours away: participants need time to answer` }
  return { ok: true, at }
}

/** A participant's published default policy, as an opening proposal. */
export interface PolicyProposal {
  participant: string
  preferredDays: number
}

export interface OpeningProposal {
  /** Who the winning terms come from: 'explicit' for the proposer's own instant, else a participant's name, or 'instance' for the default. */
  from: string
  end: Date
}

/**
 * The opening proposals of a new embargo: the proposer's explicit instant (if any) and each
 * participant's published default policy, counted from now; the shortest wins, the others become
 * revisions to be proposed later. With no proposal at all, the instance default applies.
 */
export function openingProposals(
  explicit: Date | null,
  policies: readonly PolicyProposal[],
  now: Date,
  policy: Pick<EmbargoPolicy, 'defaultDays' | 'maxDays'>,
): { winner: OpeningProposal; revisions: OpeningProposal[] } {
  const candidates: OpeningProposal[] = [
    ...(explicit ? [{ from: 'explicit', end: explicit }] : []),
    ...policies
      .filter((p) => p.preferredDays > 0)
      .map((p) => ({
        from: p.participant,
        end: new Date(now.getTime() + Math.min(p.preferredDays, policy.maxDays) * DAY),
      })),
  ]
  if (candidates.length === 0)
    candidates.push({ from: 'instance', end: new Date(now.getTime() + policy.defaultDays * DAY) })
  // Shortest first; among equal instants the explicit one, then by name, so the result is stable.
  const sorted = [...candidates].sort(
    (a, b) =>
      a.end.getTime() - b.end.getTime() ||
      (a.from === 'explicit' ? -1 : b.from === 'explicit' ? 1 : a.from.localeCompare(b.from)),
  )
  const [winner, ...rest] = sorted
  return { winner: winner!, revisions: rest.filter((r) => r.end.getTime() !== winner!.end.getTime()) }
}
