import { describe, expect, it } from 'vitest'
import { debian } from './debian.js'
import { orderViolation, randomVersions } from './properties.js'
import { sign } from './scheme.js'

// Orderings dpkg --compare-versions gives (dpkg's own tests in lib/dpkg/t/t-version.c and
// deb-version(7)); each row is [a, expected sign of compare(a, b), b].
const table: [string, -1 | 0 | 1, string][] = [
  ['1.0', 0, '1.0'],
  ['1.0', 0, '1.00'],
  ['0:1.0', 0, '1.0'],
  ['1.0-0', 0, '1.0'],
  ['1.0~rc1', -1, '1.0'],
  ['1.0~rc1', -1, '1.0~rc2'],
  ['1.0.0~beta1', -1, '1.0.0~rc1'],
  ['1:0.9', 1, '2.0'],
  ['2:1.0', 1, '1:9.9'],
  ['1.0-1', -1, '1.0-1ubuntu1'],
  ['1.0-1ubuntu1', -1, '1.0-1ubuntu2'],
  ['1.0-1ubuntu2', -1, '1.0-1ubuntu10'],
  ['1.0-1~bpo1', -1, '1.0-1'],
  ['1.0+dfsg', -1, '1.0.1'],
  ['1.0+dfsg-1', 1, '1.0-1'],
  ['2.30-1', -1, '2.30.1-1'],
  ['1.2~~', -1, '1.2~'],
  ['1.2~', -1, '1.2'],
  ['1.2', -1, '1.2+'],
  ['1.2~~a', -1, '1.2~'],
  ['1.2~', -1, '1.2~a'],
  ['1.0', -1, '1.0a'],
  ['1.0a', -1, '1.0+'],
  ['1.0a', -1, '1.0.'],
  ['1.0A', -1, '1.0a'],
  ['1.0a', -1, '1.0b'],
  ['1.9', -1, '1.10'],
  ['7.6-0', -1, '7.6p2-4'],
  ['1.2.3', -1, '1.2.3-1'],
  ['1.0-1', -1, '1.0-2'],
  ['1.0-a', 1, '1.0-1'],
  ['1:1.18.36:5.4-20', 1, '1:1.18.36:5.3-20'],
  ['2.4.7-1ubuntu0.1', 1, '2.4.7-1'],
  ['1.0-1+deb11u1', 1, '1.0-1'],
  ['1.0-1+deb11u1', -1, '1.0-1+deb12u1'],
  ['99999999999999999999999', -1, '100000000000000000000000'],
]

describe('Debian (dpkg) version ordering', () => {
  it.each(table.map(([a, e, b]) => [a, b, e] as const))('%s compared with %s gives %i', (a, b, expected) => {
    expect(sign(debian.compare(a, b))).toBe(expected)
    expect(sign(debian.compare(b, a))).toBe(0 - expected)
  })

  it('sorts a list the way dpkg does', () => {
    const list = ['1.2+', '1.2', '1.2~', '1.2~~', '1:0.1', '1.2-1', '1.2a']
    expect([...list].sort(debian.compare)).toEqual(['1.2~~', '1.2~', '1.2', '1.2-1', '1.2a', '1.2+', '1:0.1'])
  })

  it('accepts real versions and says why others are invalid', () => {
    for (const v of ['1.0', '1:2.30-1ubuntu1~20.04', '2.4.7-1+deb11u1', '0.9.8~rc1-1'])
      expect(debian.valid(v)).toBe(true)
    expect(debian.valid('')).toMatch(/empty/)
    expect(debian.valid('a:1.0')).toMatch(/epoch/)
    expect(debian.valid('abc')).toMatch(/start with a digit/)
    expect(debian.valid('1.0-')).toMatch(/revision/)
    expect(debian.valid('1.0 1')).toMatch(/white space/)
  })

  it('is a consistent ordering on random versions', () => {
    const versions = randomVersions(['0', '1', '01', '9', '10', '.', '~', '+', '-', 'a', 'Z', '1:', 'rc'], 120, 7)
    expect(orderViolation(debian, versions)).toBeUndefined()
  })
})
