// Examples for the schemes that the vers suite covers thinly or not at all (npm, cargo, golang,
// pypi, gem, generic), and the ordering properties for every scheme on random versions.

import { describe, expect, it } from 'vitest'
import { orderViolation, random, randomVersions } from './properties.js'
import { schemeFor } from './registry.js'

const sorts = (scheme: string, expected: string[]) => {
  const s = schemeFor(scheme)
  expect([...expected].reverse().sort(s.compare)).toEqual(expected)
  for (const v of expected) expect(s.valid(v), v).toBe(true)
}

describe('orderings by example', () => {
  it('npm and cargo: SemVer 2.0.0 precedence, build metadata ignored', () => {
    sorts('npm', [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.0.1',
      '1.10.0',
    ])
    expect(schemeFor('cargo').compare('1.0.0+build.1', '1.0.0+build.2')).toBe(0)
    expect(schemeFor('npm').valid('1.0')).toMatch(/SemVer/)
  })

  it('golang: v prefix, shorthands, pseudo-versions by base version then timestamp', () => {
    sorts('golang', [
      'v0.0.0-20191109021931-daa7c04131f5',
      'v0.0.0-20200101000000-0123456789ab',
      'v0.1.0',
      'v1.2.3',
      'v1.2.4-0.20191109021931-daa7c04131f5',
      'v1.2.4-0.20210101000000-0123456789ab',
      'v1.2.4',
      'v2.0.0+incompatible',
    ])
    expect(schemeFor('golang').compare('v1', 'v1.0.0')).toBe(0)
    expect(schemeFor('golang').compare('1.2.3', 'v1.2.3')).toBe(0)
  })

  it('pypi: PEP 440 (dev < pre < release < post, epochs, local versions)', () => {
    sorts('pypi', ['1.0.dev1', '1.0a1', '1.0b2', '1.0rc1', '1.0', '1.0+local.1', '1.0.post1', '1.1', '1!0.1'])
    expect(schemeFor('pypi').valid('not a version')).toMatch(/PEP 440/)
  })

  it('gem: Gem::Version (letters mark pre-releases, trailing zeros ignored)', () => {
    sorts('gem', ['1.0.a', '1.0.b1', '1.0.rc1', '1.0', '1.0.1', '1.10'])
    expect(schemeFor('gem').compare('1.0', '1')).toBe(0)
  })

  it('maven, nuget and alpine: a few well-known orderings', () => {
    sorts('maven', ['1.0-alpha-1', '1.0-beta', '1.0-M1', '1.0-RC1', '1.0-SNAPSHOT', '1.0', '1.0-sp1', '1.0.1'])
    sorts('nuget', ['1.0.0-alpha', '1.0.0-alpha.2', '1.0.0-beta', '1.0.0', '1.0.0.1', '1.0.1'])
    sorts('apk', ['1.0_alpha1', '1.0_rc1', '1.0', '1.0-r1', '1.0_p1', '1.0a', '1.0.1'])
  })
})

// Pieces that random versions are built from, per scheme, chosen to exercise each algorithm's
// separators and special characters (not all results are valid versions: the orderings must be
// consistent anyway, since sorting happens before validation in some callers).
const pieces: Record<string, string[]> = {
  generic: ['0', '1', '10', '.', '-', 'a', 'rc', 'B'],
  apk: ['0', '1', '10', '.', 'a', '_alpha', '_p', '_rc', '-r'],
  gentoo: ['1', '0', '10', '.'],
  lexicographic: ['a', 'A', 'é', 'e\u0301', '😀', '1'],
}

describe('orderings are consistent (antisymmetric, reflexive, transitive) on random versions', () => {
  for (const [scheme, parts] of Object.entries(pieces)) {
    it(scheme, () => {
      const s = schemeFor(scheme)
      const versions = randomVersions(parts, 100, scheme.length * 7919)
      // Gentoo and Alpine reject malformed versions, so only valid ones are ordered.
      const usable = scheme === 'gentoo' || scheme === 'apk' ? versions.filter((v) => s.valid(v) === true) : versions
      expect(usable.length).toBeGreaterThan(10)
      expect(orderViolation(s, usable)).toBeUndefined()
    })
  }

  // Maven's ComparableVersion, pacman's vercmp and Conan's mixed number/string items are not
  // transitive on arbitrary strings upstream either (Conan: 2 < 10 < "1a" < 2), and we port them
  // faithfully, so these three are checked on well-formed versions only.
  const structured = (seed: number, make: (pick: <T>(xs: readonly T[]) => T) => string) => {
    const next = random(seed)
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!
    return Array.from({ length: 100 }, () => make(pick))
  }
  const n = ['0', '1', '2', '10', '01']
  const maybe = (pick: <T>(xs: readonly T[]) => T, text: string) => pick([text, ''])

  it('maven (well-formed)', () => {
    const versions = structured(
      5,
      (pick) =>
        `${pick(n)}.${pick(n)}${maybe(pick, `.${pick(n)}`)}${maybe(pick, `-${pick(['alpha', 'beta', 'rc', 'cr', 'snapshot', 'ga', 'sp', 'foo', 'm'])}${maybe(pick, pick(n))}`)}`,
    )
    expect(orderViolation(schemeFor('maven'), versions)).toBeUndefined()
  })

  it('alpm (well-formed)', () => {
    const versions = structured(
      6,
      (pick) =>
        `${maybe(pick, `${pick(n)}:`)}${pick(n)}.${pick(n)}${maybe(pick, pick(['a', 'b', 'rc1']))}${maybe(pick, `.${pick(n)}`)}${maybe(pick, `-${pick(n)}`)}`,
    )
    expect(orderViolation(schemeFor('alpm'), versions)).toBeUndefined()
  })

  it('conan (well-formed)', () => {
    const versions = structured(
      7,
      (pick) =>
        `${pick(n)}${maybe(pick, `.${pick(n)}`)}${maybe(pick, `.${pick(n)}`)}${maybe(pick, `-${pick(['alpha', 'pre', 'rc'])}${maybe(pick, `.${pick(n)}`)}`)}${maybe(pick, `+b${pick(n)}`)}`,
    )
    expect(orderViolation(schemeFor('conan'), versions)).toBeUndefined()
  })

  it('semver-based schemes and nuget on random valid versions', () => {
    const next = randomVersions(['0', '1', '10'], 300, 3, 1)
    const versions = Array.from(
      { length: 80 },
      (_, i) =>
        `${next[i]}.${next[i + 80]}.${next[i + 160]}${i % 3 === 0 ? `-${['alpha', 'beta.1', 'rc.10', '1'][i % 4]}` : ''}`,
    )
    for (const scheme of ['npm', 'golang', 'nuget', 'pypi', 'gem', 'openssl'])
      expect(orderViolation(schemeFor(scheme), versions), scheme).toBeUndefined()
  })
})
