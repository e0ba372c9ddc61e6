import { describe, expect, it } from 'vitest'
import { diffLines } from './textDiff.js'

describe('line differences', () => {
  it('keeps what is common and marks what was removed and added', () => {
    expect(
      diffLines(
        'Overview\nsendmail 8.12.7 is affected.\nUpgrade.',
        'Overview\nsendmail before 8.12.8 is affected.\nUpgrade.\nCredits: ISS X-Force',
      ),
    ).toEqual([
      { op: 'same', text: 'Overview' },
      { op: 'removed', text: 'sendmail 8.12.7 is affected.' },
      { op: 'added', text: 'sendmail before 8.12.8 is affected.' },
      { op: 'same', text: 'Upgrade.' },
      { op: 'added', text: 'Credits: ISS X-Force' },
    ])
  })
  it('handles empty texts and identical ones', () => {
    expect(diffLines('', 'a')).toEqual([{ op: 'added', text: 'a' }])
    expect(diffLines('a\nb', '')).toEqual([
      { op: 'removed', text: 'a' },
      { op: 'removed', text: 'b' },
    ])
    expect(diffLines('a\nb', 'a\nb').every((l) => l.op === 'same')).toBe(true)
  })
  it('rebuilds both texts from the result', () => {
    const before = 'one\ntwo\nthree\nfour\nfive'
    const after = 'zero\none\nthree\nfour and a half\nfive\nsix'
    const d = diffLines(before, after)
    expect(
      d
        .filter((l) => l.op !== 'added')
        .map((l) => l.text)
        .join('\n'),
    ).toBe(before)
    expect(
      d
        .filter((l) => l.op !== 'removed')
        .map((l) => l.text)
        .join('\n'),
    ).toBe(after)
  })
})
