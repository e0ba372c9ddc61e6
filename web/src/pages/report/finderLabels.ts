// What a finder reads about their report's state on the follow-up page: plain words for where it
// stands and what happens next, instead of the coordinators' terms ("Accepted for coordination").
import type { FollowUpView } from '../../api/types'

export const finderStatus: Record<FollowUpView['state'], { label: string; next: string }> = {
  received: {
    label: 'Received',
    next: 'A coordinator will read and check your report. This page says when they have.',
  },
  valid: {
    label: 'Confirmed by the coordinators',
    next: 'They confirmed the problem and are deciding how to bring it to the vendors.',
  },
  accepted: {
    label: 'Being coordinated with the vendors',
    next: 'The coordinators are telling the affected vendors and agreeing with them when the fix and the advisory go public. Their messages appear below.',
  },
  invalid: {
    label: 'Not taken up',
    next: 'The coordinators judged this is not a vulnerability they can act on; their message below says why. Reply if you disagree.',
  },
  deferred: {
    label: 'On hold',
    next: 'The coordinators put your report aside for now; their message below says why and what would change that.',
  },
  closed: {
    label: 'Closed',
    next: 'The coordinators are done with this report. You can still read it and its messages here.',
  },
}
