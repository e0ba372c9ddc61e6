// API types: a case's embargo (the Vultron EM states, the proposals and every party's answer)
// and its advisory (the draft, its versions and comments, the release), aliases of the generated
// types of the routes in src/adapters/http/routes/embargo.ts and advisory.ts.
import type { ItemOf, ResponseOf } from './openapi'

export type Embargo = ResponseOf<'/api/v1/cases/{id}/embargo', 'get'>
export type EmState = Embargo['state']
/** A proposal with each party's answer: the terms in force, or the one on the table. */
export type ProposalWithAnswers = NonNullable<Embargo['open']>
/** A party's published policy is kept as a revision (kind 'policy') to propose later. */
export type EmbargoProposal = Embargo['history'][number]
export type ProposalStatus = EmbargoProposal['status']
/** `yours`: the viewer speaks for this party. */
export type EmbargoAnswer = ProposalWithAnswers['answers'][number]
/** A party's answer to a proposal: lapsed is agreement to terms since replaced. */
export type ConsentState = EmbargoAnswer['state']

export type Advisory = ResponseOf<'/api/v1/cases/{id}/advisory', 'get'>
export type AdvisoryDraft = Advisory['draft']
export type AdvisoryReference = AdvisoryDraft['references'][number]
export type AdvisoryCredit = AdvisoryDraft['credits'][number]
export type DiffLine = ItemOf<ResponseOf<'/api/v1/cases/{id}/advisory/diff', 'get'>>
