// Who is asking. Every command and every policy rule takes an Actor; the HTTP adapter builds one
// from a session cookie or an API token, the CLI builds the system actor.
import type { InstanceRole, OrganizationRole } from './roles.js'

export interface UserActor {
  kind: 'user'
  userId: string
  instanceRole: InstanceRole
  /** organization id -> role in it */
  memberships: ReadonlyMap<string, OrganizationRole>
  via: 'session' | 'token'
  /** For a caller by API token: what the token may do (a session may do all the user may). */
  scope?: TokenScope
}

/** What an API token may do: read only, or all its user may. */
export type TokenScope = 'read' | 'read_write'
export const tokenScopes: readonly TokenScope[] = ['read', 'read_write']

export interface AnonymousActor {
  kind: 'anonymous'
}

/** The operator at the console (`lockstep` CLI): may do anything. */
export interface SystemActor {
  kind: 'system'
}

export type Actor = UserActor | AnonymousActor | SystemActor

export const anonymous: AnonymousActor = { kind: 'anonymous' }
export const system: SystemActor = { kind: 'system' }

export const isStaff = (a: Actor): boolean => a.kind === 'system' || (a.kind === 'user' && a.instanceRole !== 'none')
export const isAdmin = (a: Actor): boolean => a.kind === 'system' || (a.kind === 'user' && a.instanceRole === 'admin')
export const isMemberOf = (a: Actor, organizationId: string | null): boolean =>
  a.kind === 'user' && organizationId !== null && a.memberships.has(organizationId)
export const isOrganizationAdmin = (a: Actor, organizationId: string | null): boolean =>
  a.kind === 'user' && organizationId !== null && a.memberships.get(organizationId) === 'admin'
export const isSelf = (a: Actor, userId: string): boolean => a.kind === 'user' && a.userId === userId

/** The user behind an action, for "by whom" columns: none for the system actor or anonymous. */
export const actorUserId = (a: Actor): string | null => (a.kind === 'user' ? a.userId : null)
