// The advisory's lifecycle: a draft until the release publishes it, then published; a revision
// republishes it (published → published, the revision number counting up). A published advisory
// may end: withdrawn (it should not have been published) or superseded (another advisory replaces
// it). Both are final revisions: what was public stays public, now saying why it no longer holds,
// and nothing moves an ended advisory again. One table, as for the other machines, so the release,
// the revision, the ending and the scheduler's queries agree on what may happen in each state.

export type AdvisoryState = 'draft' | 'published' | 'withdrawn' | 'superseded'

/** How a published advisory ended, as stored beside its state (advisories.ended). */
export type AdvisoryEnd = Extract<AdvisoryState, 'withdrawn' | 'superseded'>

export type AdvisoryEvent = 'publish' | 'revise' | 'withdraw' | 'supersede'

export const advisoryEvents: readonly AdvisoryEvent[] = ['publish', 'revise', 'withdraw', 'supersede']
export const advisoryStates: readonly AdvisoryState[] = ['draft', 'published', 'withdrawn', 'superseded']

const transitions: Readonly<Record<AdvisoryState, Readonly<Partial<Record<AdvisoryEvent, AdvisoryState>>>>> = {
  draft: { publish: 'published' },
  published: { revise: 'published', withdraw: 'withdrawn', supersede: 'superseded' },
  withdrawn: {},
  superseded: {},
}

export interface AdvisoryRefusal {
  state: AdvisoryState
  event: AdvisoryEvent
}

export type AdvisoryTransitionResult = { ok: true; state: AdvisoryState } | { ok: false; error: AdvisoryRefusal }

export function advisoryTransition(state: AdvisoryState, event: AdvisoryEvent): AdvisoryTransitionResult {
  const next = transitions[state][event]
  if (next) return { ok: true, state: next }
  return { ok: false, error: { state, event } }
}

/** The lifecycle state of a stored advisory: its state column, or how it ended once it has. */
export const lifecycleStateOf = (a: { state: 'draft' | 'published'; ended: AdvisoryEnd | null }): AdvisoryState =>
  a.ended ?? a.state

export function advisoryRefusalMessage(r: AdvisoryRefusal): string {
  if (r.state === 'withdrawn' || r.state === 'superseded')
    return `The advisory was ${r.state === 'withdrawn' ? 'withdrawn' : 'superseded'}: its last revision is final, so nothing more is published.`
  return r.event === 'publish'
    ? 'The advisory is already released: publish a revision instead.'
    : 'The advisory is not released yet: edit the draft; it is published as it is at the release.'
}
