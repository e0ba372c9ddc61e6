// The visibility scopes (the SQL form of a read rule, for list queries) as a table per actor kind,
// and each scope checked against the rule it mirrors on every state of that rule's policy table.
import { describe, expect, it } from 'vitest'
import {
  can,
  caseScope,
  organizationScope,
  reportScope,
  type CaseScope,
  type OrganizationScope,
  type Resources,
} from '../../src/domain/policy/index.js'
import { matrices } from './matrices.js'
import { actorKinds, actors, ORG_A, ORG_B, SELF, type ActorKind } from './world.js'

const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`

const caseScopes: Record<ActorKind, CaseScope> = {
  anonymous: { userId: null, organizationIds: [] },
  outsider: { userId: id(1), organizationIds: [] },
  member: { userId: id(2), organizationIds: [ORG_A] },
  orgAdmin: { userId: id(3), organizationIds: [ORG_A] },
  otherMember: { userId: id(4), organizationIds: [ORG_B] },
  coordinator: 'all',
  admin: 'all',
  self: { userId: SELF, organizationIds: [ORG_A] },
}

const organizationScopes: Record<ActorKind, OrganizationScope> = {
  anonymous: { organizationIds: [] },
  outsider: { organizationIds: [] },
  member: { organizationIds: [ORG_A] },
  orgAdmin: { organizationIds: [ORG_A] },
  otherMember: { organizationIds: [ORG_B] },
  coordinator: 'all',
  admin: 'all',
  self: { organizationIds: [ORG_A] },
}

// What the store's SQL does with a scope, for one row.
const caseInScope = (scope: CaseScope, c: Resources['case']) =>
  scope === 'all' ||
  c.participantUserIds.some((u) => u === scope.userId) ||
  c.participantOrganizationIds.some((o) => scope.organizationIds.includes(o))
const organizationInScope = (scope: OrganizationScope, o: Resources['organization']) =>
  scope === 'all' || scope.organizationIds.includes(o.id)

const statesOf = <T extends 'case' | 'organization'>(type: T) =>
  Object.values(matrices.find((m) => m.resource === type)!.states) as Resources[T][]

describe('visibility scopes', () => {
  for (const kind of actorKinds) {
    it(`caseScope of ${kind}`, () => expect(caseScope(actors[kind])).toEqual(caseScopes[kind]))
    it(`organizationScope of ${kind}`, () => expect(organizationScope(actors[kind])).toEqual(organizationScopes[kind]))
  }

  it('list exactly the cases the case.read rule lets each actor see', () => {
    for (const kind of actorKinds)
      for (const c of statesOf('case'))
        expect(caseInScope(caseScope(actors[kind]), c), kind).toBe(can(actors[kind], 'read', c))
  })

  it('list exactly the organizations the organization.read rule lets each actor see', () => {
    const states = [...statesOf('organization'), { type: 'organization' as const, id: ORG_B }]
    for (const kind of actorKinds)
      for (const o of states)
        expect(organizationInScope(organizationScope(actors[kind]), o), kind).toBe(can(actors[kind], 'read', o))
  })

  it('list exactly the reports the report.read rule lets each actor see', () => {
    const states = Object.values(matrices.find((m) => m.resource === 'report')!.states) as Resources['report'][]
    for (const kind of actorKinds)
      for (const r of states) {
        const scope = reportScope(actors[kind])
        const inScope = scope === 'all' || (r.reporterUserId !== null && r.reporterUserId === scope.reporterUserId)
        expect(inScope, kind).toBe(can(actors[kind], 'read', r))
      }
  })
})
