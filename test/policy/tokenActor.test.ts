// The one rule the matrix world (every actor signed in with a session) cannot show: a caller
// authenticated by an API token may not create API tokens, whoever it is.
import { describe, expect, it } from 'vitest'
import { can } from '../../src/domain/policy/index.js'
import { actors } from './world.js'

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
