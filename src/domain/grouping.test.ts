import { describe, expect, it } from 'vitest'
import { groupBy } from './grouping.js'

describe('groupBy', () => {
  it('groups in one pass, each group and the groups in first-seen order', () => {
    const grouped = groupBy(['b1', 'a1', 'b2', 'c1', 'a2'], (s) => s[0])
    expect([...grouped.entries()]).toEqual([
      ['b', ['b1', 'b2']],
      ['a', ['a1', 'a2']],
      ['c', ['c1']],
    ])
  })
})
