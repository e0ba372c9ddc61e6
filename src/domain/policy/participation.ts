// Taking part in a case: as a person, or as a member of a participating organization. The rules
// ask it of one resource (`participates`, `isParticipant`); a list query asks it of many rows at
// once, so the same answer is also given as a scope the store turns into SQL (`caseScope`,
// `organizationScope`). test/policy/scopes.test.ts holds each scope against the rules it mirrors.
import { isMemberOf, isSelf, isStaff, type Actor } from '../actor.js'

type Participation = { userId: string | null; organizationId: string | null }
type CaseParties = { participantUserIds: readonly string[]; participantOrganizationIds: readonly string[] }

/** The actor is one of the case's participants, or a member of one. */
export const participates = (a: Actor, c: CaseParties): boolean =>
  c.participantUserIds.some((id) => isSelf(a, id)) || c.participantOrganizationIds.some((id) => isMemberOf(a, id))

/** The actor is this participant (the person), or a member of it (the organization). */
export const isParticipant = (a: Actor, p: Participation): boolean =>
  (p.userId !== null && isSelf(a, p.userId)) || (p.organizationId !== null && isMemberOf(a, p.organizationId))

/**
 * Whose participant rows let the actor see a case: every case ('all', the coordinator staff), or
 * those of the actor and of the actor's organizations. The SQL form of allow('case', 'read').
 */
export type CaseScope = 'all' | { userId: string | null; organizationIds: readonly string[] }

export function caseScope(actor: Actor): CaseScope {
  return isStaff(actor) ? 'all' : partyOf(actor)
}

/** The organizations the actor may list: all (staff) or its own. The SQL form of allow('organization', 'read'). */
export type OrganizationScope = 'all' | { organizationIds: readonly string[] }

export function organizationScope(actor: Actor): OrganizationScope {
  if (isStaff(actor)) return 'all'
  return { organizationIds: actor.kind === 'user' ? [...actor.memberships.keys()] : [] }
}

/** The actor as a would-be participant of a case: the person and the organizations they belong to. */
export function partyOf(actor: Actor): { userId: string | null; organizationIds: readonly string[] } {
  if (actor.kind !== 'user') return { userId: null, organizationIds: [] }
  return { userId: actor.userId, organizationIds: [...actor.memberships.keys()] }
}

/** The reports the actor may see: every report (staff) or those the actor sent. The SQL form of allow('report', 'read'). */
export type ReportScope = 'all' | { reporterUserId: string | null }

export function reportScope(actor: Actor): ReportScope {
  if (isStaff(actor)) return 'all'
  return { reporterUserId: actor.kind === 'user' ? actor.userId : null }
}
