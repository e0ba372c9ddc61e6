import { describe, expect, it } from 'vitest'
import { orderViolation, randomVersions } from './properties.js'
import { rpm } from './rpm.js'
import { sign } from './scheme.js'

// rpm's own rpmvercmp cases (tests/rpmvercmp.at), then whole EVRs; [a, sign of compare(a, b), b].
const table: [string, -1 | 0 | 1, string][] = [
  ['1.0', 0, '1.0'],
  ['1.0', -1, '2.0'],
  ['2.0.1', 0, '2.0.1'],
  ['2.0', -1, '2.0.1'],
  ['2.0.1a', 0, '2.0.1a'],
  ['2.0.1a', 1, '2.0.1'],
  ['5.5p1', -1, '5.5p2'],
  ['5.5p1', -1, '5.5p10'],
  ['10xyz', -1, '10.1xyz'],
  ['xyz10', -1, 'xyz10.1'],
  ['xyz.4', -1, '8'],
  ['xyz.4', -1, '2'],
  ['5.5p2', -1, '5.6p1'],
  ['5.6p1', -1, '6.5p1'],
  ['6.0.rc1', 1, '6.0'],
  ['10b2', 1, '10a1'],
  ['10a2', -1, '10b2'],
  ['1.0a', -1, '1.0aa'],
  ['10.0001', 0, '10.1'],
  ['10.0001', -1, '10.0039'],
  ['4.999.9', -1, '5.0'],
  ['20101121', -1, '20101122'],
  ['2_0', 0, '2.0'],
  ['a+', 0, 'a_'],
  ['+a', 0, '_a'],
  ['_+', 0, '+_'],
  ['+', 0, '_'],
  ['1.0~rc1', -1, '1.0'],
  ['1.0~rc1', -1, '1.0~rc2'],
  ['1.0~rc1~git123', -1, '1.0~rc1'],
  ['1.0^', 1, '1.0'],
  ['1.0^git1', 1, '1.0'],
  ['1.0^git1', -1, '1.0^git2'],
  ['1.0^git1', -1, '1.01'],
  ['1.0^git1', -1, '1.0.1'],
  ['1.0^20160101', -1, '1.0.1'],
  ['1.0^20160102', 1, '1.0^20160101^git1'],
  ['1.0~rc1^git1', 1, '1.0~rc1'],
  ['1.0^git1', 1, '1.0^git1~pre'],
  ['1.0a', -1, '1.0.1'],
  // Whole EVRs: epoch first, then version, then release.
  ['1:1.0-1', 1, '2.0-1'],
  ['0:1.0-1', 0, '1.0-1'],
  ['1.0-1', -1, '1.0-2'],
  ['1.0-1.el8', -1, '1.0-1.el9'],
  ['1.0-10.el9', 1, '1.0-9.el9'],
  ['2.28-151.el9', -1, '2.28-151.el9_1'],
  ['1.0', -1, '1.0-1'],
]

describe('RPM (rpmvercmp) version ordering', () => {
  it.each(table.map(([a, e, b]) => [a, b, e] as const))('%s compared with %s gives %i', (a, b, expected) => {
    expect(sign(rpm.compare(a, b))).toBe(expected)
    expect(sign(rpm.compare(b, a))).toBe(0 - expected)
  })

  it('says why a version is invalid', () => {
    expect(rpm.valid('1:2.28-151.el9_1')).toBe(true)
    expect(rpm.valid('')).toMatch(/empty/)
    expect(rpm.valid('1:-1')).toMatch(/empty version/)
  })

  it('is a consistent ordering on random versions', () => {
    // No '-' or ':' pieces: rpmvercmp alone is a total order, the EVR split is tested above.
    const versions = randomVersions(['0', '1', '01', '9', '10', '.', '~', '^', '_', 'a', 'Z', 'rc'], 120, 11)
    expect(orderViolation(rpm, versions)).toBeUndefined()
  })
})
