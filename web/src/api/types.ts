// The shapes the HTTP API answers with, named for the pages: each an alias of the type generated
// from the server's OpenAPI document (generated.ts, `npm run gen:api`), so a field the server
// stops sending fails the web's typecheck. Every resource carries the caller's abilities on it:
// the UI shows an action only when its ability is true.
import type { ItemOf, RequestOf, ResponseOf } from './openapi'

export type { ItemOf, RequestOf, ResponseOf } from './openapi'

export type SessionState = ResponseOf<'/api/v1/session', 'get'>
export type User = ResponseOf<'/api/v1/users/{id}', 'get'>
export type InstanceAbilities = SessionState['instance']
export type Membership = SessionState['memberships'][number]
export type Organization = ResponseOf<'/api/v1/organizations/{id}', 'get'>

export type InstanceRole = User['instanceRole']
export type OrganizationKind = Organization['kind']
export type OrganizationRole = Membership['role']
export type SignInStage = NonNullable<SessionState['stage']>

export type Member = ItemOf<ResponseOf<'/api/v1/organizations/{id}/members', 'get'>>
export type ApiToken = ItemOf<ResponseOf<'/api/v1/tokens', 'get'>>
export type CreatedApiToken = ResponseOf<'/api/v1/tokens', 'post'>

export type Invitation = ItemOf<ResponseOf<'/api/v1/invitations', 'get'>>
export type InvitationState = Invitation['state']
export type CreatedInvitation = ResponseOf<'/api/v1/invitations', 'post'>
export type InvitationLookup = ResponseOf<'/api/v1/invitations/lookup', 'post'>

export type SecurityKey = ItemOf<ResponseOf<'/api/v1/me/security-keys', 'get'>>
export type BrowserSession = ItemOf<ResponseOf<'/api/v1/sessions', 'get'>>
export type DemoInstance = ResponseOf<'/api/v1/demo', 'get'>

export interface Page<T> {
  items: T[]
  total: number
}

// Reports: the public form and its private follow-up link.

type ReportForm = RequestOf<'/api/v1/reports', 'post'>
export type CreditPreference = ReportForm['credit']['preference']
export type ReportProof = ReportForm['proof']
export type ReportChallenge = ResponseOf<'/api/v1/reports/challenge', 'get'>
/** `followUpUrl` is private: whoever has it can read the report's status. */
export type ReportSubmitted = ResponseOf<'/api/v1/reports', 'post'>
/** The finder's follow-up view: the status, the credit that will be given, the messages and files. */
export type FollowUpView = ResponseOf<'/api/v1/reports/follow-up', 'post'>
export type ReportState = FollowUpView['state']
/** A file on a report or in a case thread; only ever downloaded, never shown inline. */
export type Attachment = ItemOf<ResponseOf<'/api/v1/cases/{id}/threads/{thread}/attachments', 'get'>>

// Triage: the queue and one report as staff see it.

export type ReportSummary = ItemOf<ResponseOf<'/api/v1/reports', 'get'>>
export type Cvss = NonNullable<ReportSummary['cvss']>
export type ReportDetail = ResponseOf<'/api/v1/reports/{id}', 'get'>
export type RmEvent = ReportDetail['allowedEvents'][number]
export type ReportMessage = ReportDetail['messages'][number]

// Cases.

export type CaseSummary = ItemOf<ResponseOf<'/api/v1/cases', 'get'>>
export type TlpLabel = CaseSummary['tlp']
export type CaseAbilities = CaseSummary['abilities']
export type CaseDetail = ResponseOf<'/api/v1/cases/{id}', 'get'>
/** With the moves the viewer may make on it now (`rmMoves`, `nextVendorEvent`), as the server offers them. */
export type Participant = CaseDetail['participants'][number]
/** A participant's report-management state: a report's, plus Start (not yet received). */
export type ParticipantRmState = Participant['rmState']
/** The RM moves of a participant: a report's, plus Receive. */
export type ParticipantRmEvent = Participant['rmMoves'][number]['event']
/** Facts about the whole case (CS letters P, X, A). */
export type CaseEvent = keyof CaseDetail['caseEvents']
/** Facts about one vendor (CS letters V, F, D). */
export type VendorEvent = NonNullable<Participant['nextVendorEvent']>
export type Vulnerability = CaseDetail['vulnerabilities'][number]
/** A product a vulnerability affects: a package URL and a vers range let tools match it. */
export type AffectedProduct = Vulnerability['affected'][number]
/** What changed since the viewer's previous visit, as far as they may know of it. */
export type CaseChanges = ResponseOf<'/api/v1/cases/{id}/changes', 'get'>
/**
 * A case thread: `key` is 'case' for the case-wide one, the participant's id for a private one,
 * or 'topic:<id>' for a product thread.
 */
export type CaseThread = ItemOf<ResponseOf<'/api/v1/cases/{id}/threads', 'get'>>
export type CaseMessage = ItemOf<ResponseOf<'/api/v1/cases/{id}/threads/{thread}/messages', 'get'>>
export type Ledger = ResponseOf<'/api/v1/cases/{id}/ledger', 'get'>
export type LedgerEntry = Ledger['entries'][number]

export type * from './mailTypes'
export type * from './vendorTypes'

// The metrics page: the programme's figures (coordinators) or a vendor's own.
export type Metrics = ResponseOf<'/api/v1/metrics', 'get'>
export type * from './searchTypes'
