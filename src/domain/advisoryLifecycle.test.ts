import { describe, expect, it } from 'vitest'
import { advisoryEvents, advisoryRefusalMessage, advisoryStates, advisoryTransition } from './advisoryLifecycle.js'

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

  it('withdraws or supersedes only a released advisory, and an ended one never moves again', () => {
    expect(advisoryTransition('published', 'withdraw')).toEqual({ ok: true, state: 'withdrawn' })
    expect(advisoryTransition('published', 'supersede')).toEqual({ ok: true, state: 'superseded' })
    const early = advisoryTransition('draft', 'withdraw')
    expect(early.ok).toBe(false)
    if (!early.ok) expect(advisoryRefusalMessage(early.error)).toMatch(/not released yet/)
    for (const state of ['withdrawn', 'superseded'] as const)
      for (const event of advisoryEvents) {
        const r = advisoryTransition(state, event)
        expect(r.ok).toBe(false)
        if (!r.ok) expect(advisoryRefusalMessage(r.error)).toMatch(/final/)
      }
  })

  it('never leads back to a draft', () => {
    for (const state of advisoryStates)
      for (const event of advisoryEvents) {
        const r = advisoryTransition(state, event)
        if (r.ok) expect(r.state).not.toBe('draft')
      }
  })
})
