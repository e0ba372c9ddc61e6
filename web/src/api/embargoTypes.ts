// API types: a case's embargo (the Vultron EM states, the proposals and every party's answer)
// and its advisory (the draft, its versions and comments, the release), as the routes in
// src/adapters/http/routes/embargo.ts and advisory.ts answer them.

export type EmState = 'none' | 'proposed' | 'active' | 'revise' | 'exited'

/** A party's answer to a proposal: lapsed is agreement to terms since replaced. */
export type ConsentState = 'none' | 'invited' | 'signatory' | 'lapsed' | 'declined'

export type ProposalStatus = 'open' | 'accepted' | 'rejected' | 'withdrawn' | 'countered' | 'superseded'

export interface EmbargoProposal {
  id: string
  /** A party's published policy is kept as a revision to propose later. */
  kind: 'proposal' | 'revision' | 'policy'
  endsAt: string
  /** The IANA zone the proposer wrote it in. */
  timeZone: string
  proposer: string
  reason: string | null
  answerBy: string | null
  status: ProposalStatus
  at: string
  proposedByYou: boolean
}

export interface EmbargoAnswer {
  participantId: string
  name: string
  state: ConsentState
  /** The state in the server's words ("Asked, no answer yet"). */
  stateLabel: string
  answerBy: string | null
  answeredAt: string | null
  /** The viewer speaks for this party. */
  yours: boolean
}

export type ProposalWithAnswers = EmbargoProposal & { answers: EmbargoAnswer[] }

export interface Embargo {
  state: EmState
  stateLabel: string
  /** The end of the terms in force: the release instant. */
  endsAt: string | null
  endedAt: string | null
  endReason: string | null
  policy: { defaultDays: number; maxDays: number; answerDays: number; minAnswerHours: number }
  inForce: ProposalWithAnswers | null
  open: ProposalWithAnswers | null
  policies: EmbargoProposal[]
  /** Newest first. */
  history: EmbargoProposal[]
  abilities: {
    propose: boolean
    answer: boolean
    reject: boolean
    withdraw: boolean
    terminate: boolean
    reportPublic: boolean
  }
}

export interface AdvisoryReference {
  url: string
  summary: string
}

export interface AdvisoryCredit {
  name: string
  contribution: string | null
}

export interface AdvisoryDraft {
  title: string
  overview: string
  description: string
  impact: string
  solution: string
  references: AdvisoryReference[]
  credits: AdvisoryCredit[]
}

export interface Advisory {
  /** The public ID, LSA-YYYY-NNNN. */
  id: string
  state: 'draft' | 'published'
  draft: AdvisoryDraft
  version: number
  /** Newest first. */
  versions: { version: number; author: string; note: string | null; at: string }[]
  comments: { id: string; version: number; author: string; body: string; at: string }[]
  releasedAt: string | null
  links: { page: string; csaf: string; json: string } | null
  /** 0 before the release, then 1, 2… with each revision published. */
  revision: number
  /** The draft is still edited after the release; `revise` publishes it as the next revision. */
  abilities: { edit: boolean; release: boolean; revise: boolean }
}

export interface DiffLine {
  op: 'same' | 'added' | 'removed'
  text: string
}
