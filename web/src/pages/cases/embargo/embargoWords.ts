// The embargo in words: what each state means for the people in the case, what the button that
// proposes new terms is called in each state (and which transition it asks for, so a race with
// someone else's move is refused rather than misapplied), and each proposal's fate.
import type { EmState, EmbargoProposal, ProposalStatus } from '../../../api/embargoTypes'

export const stateSentence: Record<EmState, string> = {
  none: 'No end has been proposed yet. Propose one so that every party works toward the same release instant.',
  proposed:
    'An end has been proposed and the parties are answering. It is in force once the coordinator agrees to it (or every party does).',
  active:
    'The parties agreed: the advisory is released at the instant below, not a moment earlier. Until then, keep the case to yourselves.',
  revise: 'The agreed terms below are in force while a revision is proposed.',
  exited: 'The embargo has ended: nothing holds the publication back any more.',
}

/** The button that proposes terms, and the EM event it means, by the embargo's state. */
export function proposeVerb(state: EmState): { label: string; event: 'propose' | 'counter' | 'revise' } | null {
  if (state === 'none') return { label: 'Propose an end', event: 'propose' }
  if (state === 'proposed') return { label: 'Counter-propose', event: 'counter' }
  if (state === 'active' || state === 'revise') return { label: 'Propose a revision', event: 'revise' }
  return null
}

export const proposalStatusWords: Record<ProposalStatus, string> = {
  open: 'On the table',
  accepted: 'In force',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn',
  countered: 'Countered',
  superseded: 'Replaced',
}

/** A proposal's fate as the history says it: terms that were in force are no longer once the embargo ended. */
export function proposalFate(status: ProposalStatus, state: EmState): string {
  return status === 'accepted' && state === 'exited' ? 'Held until the embargo ended' : proposalStatusWords[status]
}

export const proposalKindWords: Record<EmbargoProposal['kind'], string> = {
  proposal: 'Proposal',
  revision: 'Revision',
  policy: 'Published policy',
}
