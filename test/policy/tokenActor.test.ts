// The rules the matrix world (every actor signed in with a session) cannot show: a caller
// authenticated by an API token may not create API tokens, whoever it is, and a token scoped to
// read may do nothing else.
import { describe, expect, it } from 'vitest'
import { can, mayWrite, tokenLimits } from '../../src/domain/policy/index.js'
import { actors, ORG_A } from './world.js'

describe('API tokens', () => {
  it('are created from a session, never with another token', () => {
    for (const kind of ['member', 'coordinator', 'admin'] as const) {
      const actor = actors[kind]
      if (actor.kind !== 'user') throw new Error('a user actor')
      expect(can(actor, 'create_api_token', { type: 'instance' }), kind).toBe(true)
      expect(can({ ...actor, via: 'token' }, 'create_api_token', { type: 'instance' }), kind).toBe(false)
    }
  })
})

describe('a read-scoped API token', () => {
  const caseOfA = { type: 'case', participantUserIds: [], participantOrganizationIds: [ORG_A] } as const
  it('reads what its user may read and changes nothing, staff or not', () => {
    for (const kind of ['member', 'coordinator', 'admin'] as const) {
      const actor = actors[kind]
      if (actor.kind !== 'user') throw new Error('a user actor')
      const readOnly = { ...actor, via: 'token' as const, scope: 'read' as const }
      const readWrite = { ...actor, via: 'token' as const, scope: 'read_write' as const }
      expect(can(readOnly, 'read', caseOfA), kind).toBe(true)
      expect(can(readOnly, 'update', caseOfA), kind).toBe(false)
      expect(can(readWrite, 'update', caseOfA), kind).toBe(can(actor, 'update', caseOfA))
      expect(mayWrite(readOnly)).toBe(false)
      expect(mayWrite(readWrite)).toBe(true)
    }
    const coordinator = { ...actors.coordinator, via: 'token' as const, scope: 'read' as const }
    expect(can(coordinator as never, 'read_ledger', caseOfA)).toBe(true)
    expect(can(coordinator as never, 'list_users', { type: 'instance' })).toBe(true)
  })

  it('staff tokens must name a scope and end within 90 days; others may leave both out', () => {
    expect(tokenLimits({ instanceRole: 'coordinator' })).toEqual({ maxDays: 90, scopeRequired: true })
    expect(tokenLimits({ instanceRole: 'admin' })).toEqual({ maxDays: 90, scopeRequired: true })
    expect(tokenLimits({ instanceRole: 'none' })).toBeNull()
  })
})
