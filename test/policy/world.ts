// The small world every policy matrix is evaluated in: organization A (where the resource lives),
// organization B (somewhere else), and one actor of each kind. "self" is the subject user: a plain
// member of A who owns the tokens and is the user under test.
import type { Actor, UserActor } from '../../src/domain/actor.js'
import type { InstanceRole, OrganizationRole } from '../../src/store/schema.js'

export const ORG_A = '00000000-0000-4000-8000-00000000000a'
export const ORG_B = '00000000-0000-4000-8000-00000000000b'
export const SELF = '00000000-0000-4000-8000-000000000005'

export const actorKinds = [
  'anonymous',
  'outsider',
  'member',
  'orgAdmin',
  'otherMember',
  'coordinator',
  'admin',
  'self',
] as const
export type ActorKind = (typeof actorKinds)[number]

function user(id: string, instanceRole: InstanceRole, memberships: [string, OrganizationRole][]): UserActor {
  return { kind: 'user', userId: id, instanceRole, memberships: new Map(memberships), via: 'session' }
}

export const actors: Record<ActorKind, Actor> = {
  anonymous: { kind: 'anonymous' },
  outsider: user('00000000-0000-4000-8000-000000000001', 'none', []),
  member: user('00000000-0000-4000-8000-000000000002', 'none', [[ORG_A, 'member']]),
  orgAdmin: user('00000000-0000-4000-8000-000000000003', 'none', [[ORG_A, 'admin']]),
  otherMember: user('00000000-0000-4000-8000-000000000004', 'none', [[ORG_B, 'admin']]),
  coordinator: user('00000000-0000-4000-8000-000000000006', 'coordinator', []),
  admin: user('00000000-0000-4000-8000-000000000007', 'admin', []),
  self: user(SELF, 'none', [[ORG_A, 'member']]),
}
