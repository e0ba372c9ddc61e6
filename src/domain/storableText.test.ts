import { describe, expect, it } from 'vitest'
import { NUL_MESSAGE, SURROGATE_MESSAGE, unstorableText, unstorableTextIn } from './storableText.js'

describe('storable text', () => {
  it('refuses NUL and lone surrogates, keeps every other text (pairs, emoji, controls)', () => {
    expect(unstorableText('a\u0000b')).toBe(NUL_MESSAGE)
    expect(unstorableText('\ud800')).toBe(SURROGATE_MESSAGE)
    expect(unstorableText('x\udc00')).toBe(SURROGATE_MESSAGE)
    expect(unstorableText('\udc00\ud800')).toBe(SURROGATE_MESSAGE)
    expect(unstorableText('🔒 lock\u0001\ttab')).toBeNull()
  })

  it('names each bad string and field name by its path, in document order', () => {
    expect(unstorableTextIn({ a: [{ b: 'ok' }, { b: 'x\u0000' }], c: '\ud800', ['k\u0000']: 1 })).toEqual([
      { field: 'a.1.b', message: NUL_MESSAGE },
      { field: 'c', message: SURROGATE_MESSAGE },
      { field: '"k\\u0000"', message: `has a field name that ${NUL_MESSAGE}` },
    ])
    expect(unstorableTextIn('\u0000')).toEqual([{ field: 'body', message: NUL_MESSAGE }])
    expect(unstorableTextIn({ q: '\u0000' }, 'querystring')).toEqual([{ field: 'querystring.q', message: NUL_MESSAGE }])
  })

  it('walks a value nested twenty thousand levels deep without running out of stack', () => {
    const deep = JSON.parse('['.repeat(20_000) + '"\\u0000"' + ']'.repeat(20_000))
    expect(unstorableTextIn(deep)).toHaveLength(1)
  })
})
