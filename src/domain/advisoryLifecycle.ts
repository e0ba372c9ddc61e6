// The advisory's lifecycle: a draft until the release publishes it, then published for good; a
// revision republishes it (published → published, the revision number counting up). One table, as
// for the other machines, so the release, the revision and the scheduler's queries agree on what
// may happen to an advisory in each state. Nothing unpublishes an advisory: what was public stays.

export type AdvisoryState = 'draft' | 'published'

export type AdvisoryEvent = 'publish' | 'revise'

export const advisoryEvents: readonly AdvisoryEvent[] = ['publish', 'revise']

const transitions: Readonly<Record<AdvisoryState, Readonly<Partial<Record<AdvisoryEvent, AdvisoryState>>>>> = {
  draft: { publish: 'published' },
  published: { revise: 'published' },
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

export function advisoryRefusalMessage(r: AdvisoryRefusal): string {
  return r.event === 'publish'
    ? 'The advisory is already released: publish a revision instead.'
    : 'The advisory is not released yet: edit the draft; it is published as it is at the release.'
}
