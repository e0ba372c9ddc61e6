// What a finder reads about their report, in mail and on their Home: what has happened and what
// comes next, without the coordinators' own terms.
import type { RmState } from './reportManagement.js'

export const finderStatusWords: Readonly<Record<RmState, { headline: string; sentence: string }>> = {
  start: { headline: 'Not yet received', sentence: 'Your report has not reached the coordinators yet.' },
  received: {
    headline: 'Received',
    sentence: 'Your report was received. A coordinator will read it and may ask you questions.',
  },
  valid: {
    headline: 'Being checked with you',
    sentence: 'A coordinator confirmed the flaw you reported and is preparing to tell the vendors.',
  },
  invalid: {
    headline: 'Not taken further',
    sentence:
      'The coordinators judged that they cannot act on this report as a vulnerability. You can still write to them through your private link.',
  },
  accepted: {
    headline: 'Vendors being told',
    sentence:
      'The coordinators are telling the vendors and working with them on a fix and a publication date. You will hear when the advisory is published.',
  },
  deferred: {
    headline: 'On hold',
    sentence: 'The coordinators cannot work on your report for now. They will write to you when that changes.',
  },
  closed: { headline: 'Closed', sentence: 'The coordinators have closed your report.' },
}
