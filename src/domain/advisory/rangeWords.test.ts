import { describe, expect, it } from 'vitest'
import { rangeInWords } from './rangeWords.js'

describe('a vers range in words', () => {
  it.each([
    ['vers:generic/>=8.0|<8.12.8', 'from 8.0 before 8.12.8'],
    ['vers:generic/<8.12.8', 'before 8.12.8'],
    ['vers:npm/>=1.0.0|<1.2.3|>=2.0.0|<=2.1.0', 'from 1.0.0 before 1.2.3, from 2.0.0 up to 2.1.0'],
    ['vers:deb/8.12.3-4|8.12.5', '8.12.3-4, 8.12.5'],
    ['vers:generic/*', 'all versions'],
    ['vers:pypi/>1.0|!=1.5', 'after 1.0, except 1.5'],
    ['not a range', 'not a range'],
  ])('%s reads “%s”', (range, text) => expect(rangeInWords(range)).toBe(text))
})
