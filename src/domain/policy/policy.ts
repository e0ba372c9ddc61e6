// Authorization in one place. Each resource declares its actions; rule files call `allow(...)`
// with small named predicates; handlers call `authorize(actor, action, resource)` exactly once and
// present `abilities(actor, resource)` so the web UI never re-derives a rule.
//
// Visibility comes first: when a resource type has a `read` action and the actor may not read the
// resource, every action on it fails as NotFound, exactly like a resource that does not exist.
import type { Actor, UserActor, SystemActor } from '../actor.js'
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.js'
import type { InstanceRole, OrganizationRole } from '../roles.js'
import { changesTheCase, handedOverCaseOf, readOnlyNotice } from './handedOver.js'

export const resourceActions = {
  instance: [
    'administer',
    'list_users',
    'create_user',
    'create_organization',
    'list_invitations',
    'invite_staff',
    'list_reports',
    'open_case',
    'list_vendors',
    'create_api_token',
    'import_archive',
    'read_metrics',
    'list_peers',
    'manage_peers',
    'list_peer_offers',
    'answer_peer_offer',
  ],
  user: [
    'read',
    'update',
    'change_role',
    'disable',
    'issue_password_reset',
    'remove_authenticator',
    'reset_second_factors',
  ],
  organization: [
    'read',
    'update',
    'invite',
    'manage_members',
    'manage_contacts',
    'open_case',
    'manage_inventory',
    'flag_critical',
    'read_metrics',
  ],
  membership: ['read', 'update', 'remove'],
  api_token: ['read', 'revoke'],
  invitation: ['read', 'revoke'],
  report: ['read', 'triage', 'send_to_peer'],
  case: ['read', 'update', 'read_ledger', 'read_ledger_heads', 'mark_seen', 'offer_to_peer', 'hand_over_to_peer'],
  thread: ['read', 'post'],
  participant: ['read', 'state_position', 'negotiate_embargo'],
  /** Who a participant is (its name, its account): a finder may ask to stay anonymous. */
  participant_identity: ['read'],
  // Case work: what the people in a case see of each other's statements and suggestions.
  statement: ['read'],
  vendor_suggestion: ['read', 'create', 'decide'],
  // Release and embargo (rules/release.ts, rules/embargo.ts, rules/reports.ts).
  advisory: [
    'read',
    'start',
    'edit',
    'comment',
    'comment_as_coordinator',
    'release',
    'revise',
    'withdraw',
    'supersede',
    'read_readiness',
    'leave_out',
    'read_embargoed_csaf',
  ],
  embargo: ['read', 'speak_as_coordinator', 'terminate'],
  embargo_proposal: ['read', 'answer', 'seal', 'withdraw', 'reject'],
  report_assignee: ['assign'],
  /** The demo's data as a whole: wiped and seeded again with a fresh timeline. */
  demo_instance: ['reset'],
} as const

export type ResourceType = keyof typeof resourceActions
export type ActionOf<T extends ResourceType> = (typeof resourceActions)[T][number]

export type InvitationState = 'pending' | 'accepted' | 'expired' | 'revoked'

export interface Resources {
  instance: { type: 'instance' }
  user: { type: 'user'; id: string; organizationIds: readonly string[]; instanceRole: InstanceRole }
  organization: { type: 'organization'; id: string }
  membership: { type: 'membership'; userId: string; organizationId: string; role: OrganizationRole }
  api_token: { type: 'api_token'; userId: string; revoked: boolean }
  invitation: { type: 'invitation'; organizationId: string | null; instanceRole: InstanceRole; state: InvitationState }
  report: { type: 'report'; reporterUserId: string | null }
  case: {
    type: 'case'
    participantUserIds: readonly string[]
    participantOrganizationIds: readonly string[]
    /** Handed over to a peer (to: its name, at: ISO instant): read-only here (handedOver.ts). */
    handedOver?: { to: string; at: string } | null
  }
  /** A case's discussion: case-wide (privateTo null) or private between the staff and one participant. */
  thread: {
    type: 'thread'
    case: Resources['case']
    privateTo: { userId: string | null; organizationId: string | null } | null
  }
  /** One participant of a case: what it may say and do in its own name (statements, fix state). */
  participant: {
    type: 'participant'
    case: Resources['case']
    userId: string | null
    organizationId: string | null
    roles: readonly string[]
  }
  /**
   * The name of one participant of a case, where it shows (participant list, embargo answers,
   * thread authors, mail): `withheld` when the finder asked to stay anonymous.
   */
  participant_identity: {
    type: 'participant_identity'
    case: Resources['case']
    participant: { userId: string | null; organizationId: string | null }
    withheld: boolean
  }
  /** A vendor's statement on one vulnerability, by the participant it speaks for. */
  statement: {
    type: 'statement'
    case: Resources['case']
    by: { userId: string | null; organizationId: string | null }
    shareable: boolean
    approved: boolean
  }
  /** "You should also tell X": by a participant of the case, or (null) by the coordinator. */
  vendor_suggestion: {
    type: 'vendor_suggestion'
    case: Resources['case']
    by: { userId: string | null; organizationId: string | null; roles: readonly string[] } | null
  }
  /** A case's advisory: not started until the coordinator opens the draft, then draft, then published. */
  advisory: { type: 'advisory'; case: Resources['case']; state: 'unstarted' | 'draft' | 'published' }
  /** A case's embargo as a whole: who speaks in it and who ends it. */
  embargo: { type: 'embargo'; case: Resources['case'] }
  /** Terms on the table: who proposed them (null: the staff in their own name), and whether the time to answer has passed. */
  embargo_proposal: {
    type: 'embargo_proposal'
    case: Resources['case']
    proposer: Resources['participant'] | null
    late: boolean
  }
  /** Someone a report could be assigned to. */
  report_assignee: { type: 'report_assignee'; instanceRole: InstanceRole; disabled: boolean }
  /** The instance's data, `recorded` as a demo or not (store/demoInstance.ts). */
  demo_instance: { type: 'demo_instance'; recorded: boolean }
}

export type Resource = Resources[ResourceType]

/** Rules only ever see signed-in users; the system actor passes everything, anonymous nothing. */
export type Rule<T extends ResourceType> = (actor: UserActor, resource: Resources[T]) => boolean

type RuleBook = { [T in ResourceType]: Partial<Record<ActionOf<T>, Rule<T>[]>> }
const rules: RuleBook = {
  instance: {},
  user: {},
  organization: {},
  membership: {},
  api_token: {},
  invitation: {},
  report: {},
  case: {},
  thread: {},
  participant: {},
  participant_identity: {},
  statement: {},
  vendor_suggestion: {},
  advisory: {},
  embargo: {},
  embargo_proposal: {},
  report_assignee: {},
  demo_instance: {},
}

export function allow<T extends ResourceType>(
  type: T,
  actions: ActionOf<T> | readonly ActionOf<T>[],
  rule: Rule<T>,
): void {
  const book = rules[type] as Partial<Record<ActionOf<T>, Rule<T>[]>>
  for (const action of (Array.isArray(actions) ? actions : [actions]) as ActionOf<T>[]) {
    ;(book[action] ??= []).push(rule)
  }
}

export function can<T extends ResourceType>(actor: Actor, action: ActionOf<T>, resource: Resources[T]): boolean {
  if (actor.kind === 'system') return true
  if (actor.kind === 'anonymous') return false
  if (!readsOnly(action) && !mayWrite(actor)) return false
  if (changesTheCase(action, readsOnly) && handedOverCaseOf(resource)) return false
  const list = (rules[resource.type as T] as Partial<Record<ActionOf<T>, Rule<T>[]>>)[action] ?? []
  return list.some((rule) => rule(actor, resource))
}

/** Actions that change nothing: all a read-scoped API token may do. */
const readsOnly = (action: string): boolean =>
  action === 'read' || action.startsWith('read_') || action.startsWith('list_')

/** Whether the caller may change anything at all: not with an API token whose scope is read. */
export function mayWrite(actor: Actor): boolean {
  return !(actor.kind === 'user' && actor.via === 'token' && actor.scope === 'read')
}

/**
 * The longest an API token of this user may live, in days; null when the user may choose none.
 * Staff tokens reach every case, so they must expire, within 90 days, and name their scope.
 */
export function tokenLimits(owner: { instanceRole: InstanceRole }): { maxDays: number; scopeRequired: boolean } | null {
  return owner.instanceRole === 'none' ? null : { maxDays: STAFF_TOKEN_MAX_DAYS, scopeRequired: true }
}
export const STAFF_TOKEN_MAX_DAYS = 90

function hasRead(type: ResourceType): boolean {
  return (resourceActions[type] as readonly string[]).includes('read')
}

export function canSee(actor: Actor, resource: Resource): boolean {
  return !hasRead(resource.type) || can(actor, 'read' as never, resource as never)
}

/** Throws NotFound when the actor may not see the resource, Forbidden when it may see but not act. */
export function authorize<T extends ResourceType>(actor: Actor, action: ActionOf<T>, resource: Resources[T]): void {
  if (!canSee(actor, resource)) throw new NotFoundError(resource.type.replace('_', ' '))
  const handedOver = actor.kind === 'user' && changesTheCase(action, readsOnly) ? handedOverCaseOf(resource) : null
  if (handedOver) throw new ConflictError(readOnlyNotice(handedOver))
  if (!can(actor, action, resource))
    throw new ForbiddenError(`You may not ${action.replace(/_/g, ' ')} this ${resource.type.replace('_', ' ')}.`)
}

export type Abilities<T extends ResourceType> = Record<ActionOf<T>, boolean>

export function abilities<T extends ResourceType>(actor: Actor, resource: Resources[T]): Abilities<T> {
  const out = {} as Abilities<T>
  for (const action of resourceActions[resource.type as T] as readonly ActionOf<T>[])
    out[action] = can(actor, action, resource)
  return out
}

export type PolicyActor = UserActor | SystemActor

/**
 * The actor's own organizations on which it may do `action`: the scope of a list query (say, the
 * invitations an organization admin sees), so the query is scoped by the policy, not filtered after.
 */
export function organizationsWhere(actor: Actor, action: ActionOf<'organization'>): string[] {
  if (actor.kind !== 'user') return []
  return [...actor.memberships.keys()].filter((id) => can(actor, action, { type: 'organization', id }))
}
