import { describe, expect, it } from 'vitest'
import { advisoryEvents, advisoryRefusalMessage, advisoryTransition, type AdvisoryState } from './advisoryLifecycle.js'

describe('advisory lifecycle', () => {
  it('publishes a draft once, then only revises it, staying published', () => {
    expect(advisoryTransition('draft', 'publish')).toEqual({ ok: true, state: 'published' })
    expect(advisoryTransition('published', 'revise')).toEqual({ ok: true, state: 'published' })
  })

  it('refuses to revise a draft or to publish twice, saying what to do instead', () => {
    const draft = advisoryTransition('draft', 'revise')
    expect(draft).toEqual({ ok: false, error: { state: 'draft', event: 'revise' } })
    if (!draft.ok) expect(advisoryRefusalMessage(draft.error)).toMatch(/not released yet/)
    const again = advisoryTransition('published', 'publish')
    expect(again.ok).toBe(false)
    if (!again.ok) expect(advisoryRefusalMessage(again.error)).toMatch(/already released/)
  })

  it('never leads back to a draft', () => {
    for (const state of ['draft', 'published'] as AdvisoryState[])
      for (const event of advisoryEvents) {
        const r = advisoryTransition(state, event)
        if (r.ok) expect(r.state).toBe('published')
      }
  })
})
