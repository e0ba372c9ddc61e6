// Native-range conversion checked against the ecosystems' own matchers (node-semver, PEP 440 via
// @renovatebot/pep440) on a grid of versions, on inputs whose desugaring is easy to get wrong,
// and on bad input, whose refusal must name the problem.

import { satisfies as pep440Satisfies } from '@renovatebot/pep440'
import semverSatisfies from 'semver/functions/satisfies.js'
import { describe, expect, it } from 'vitest'
import { versFromNative } from './nativeRange.js'
import { versContains } from './versContains.js'

function vers(scheme: string, native: string): string {
  const result = versFromNative(scheme, native)
  if (!result.ok) throw new Error(result.reason)
  return result.vers
}

const inside = (range: string, version: string): boolean => {
  const result = versContains(range, version)
  if (!result.ok) throw new Error(result.reason)
  return result.contains
}

describe('native ranges to vers: the same versions as the ecosystem itself', () => {
  // Releases only: npm leaves pre-releases out of most ranges by a policy vers cannot express.
  const releases = [0, 1, 2, 3].flatMap((major) =>
    [0, 1, 2, 3].flatMap((minor) => [0, 1, 2, 3].map((patch) => `${major}.${minor}.${patch}`)),
  )
  it.each([
    '^1.2.3',
    '^0.2.3',
    '^0.0.3',
    '^0.0.x',
    '~1.2.3',
    '~1',
    '1.2.x',
    '1.x',
    '*',
    '<=1.2',
    '>1.2',
    '1.2',
    '1.1 - 2.2',
    '1.1.1 - 2',
    '>=1.1.0 <2.1.0 || >=3.0.0',
    '~1.2 || ^2.1',
  ])('npm %s contains what node-semver satisfies', (native) => {
    const range = vers('npm', native)
    for (const version of releases)
      expect(inside(range, version), `${version} in ${range}`).toBe(semverSatisfies(version, native))
  })

  // Pre- and dev-releases included: the ".dev0" bounds keep the next release's pre-releases out.
  const pythonVersions = [
    '1.9',
    '2.0.dev1',
    '2.0a1',
    '2.0',
    '2.1',
    '2.2.dev0',
    '2.2a1',
    '2.2',
    '2.2.1',
    '2.2.1.post1',
    '2.2.9',
    '2.3.dev0',
    '2.3rc1',
    '2.3',
    '2.3.1',
    '2.9',
    '3.0.dev0',
    '3.0a1',
    '3.0',
    '1!1.0',
  ]
  it.each(['~=2.2', '~=2.2.1', '==2.*', '==2.2.*', '!=2.2.*', '>=2.0,!=2.2.*', '~=2.2,!=2.3.1'])(
    'PyPI %s contains what PEP 440 (packaging) matches',
    (native) => {
      const range = vers('pypi', native)
      for (const version of pythonVersions)
        expect(inside(range, version), `${version} in ${range}`).toBe(
          pep440Satisfies(version, native, { prereleases: true }),
        )
    },
  )
})

describe('native ranges to vers: tricky inputs', () => {
  it.each([
    ['npm', '^0.0.3', 'vers:npm/>=0.0.3|<0.0.4'],
    ['npm', '>1.2', 'vers:npm/>=1.3.0'],
    ['npm', '<=1.2', 'vers:npm/<1.3.0'],
    ['npm', '=v1.2.3+build.5', 'vers:npm/1.2.3'],
    ['npm', '* || 1.0.0', 'vers:npm/*'],
    ['npm', '>=1.0.0 * <2.0.0', 'vers:npm/>=1.0.0|<2.0.0'],
    ['npm', '~> 1.2', 'vers:npm/>=1.2.0|<1.3.0'],
    ['pypi', '~=1!2.3', 'vers:pypi/>=1!2.3|<1!3.dev0'],
    ['pypi', '===1.0', 'vers:pypi/1.0'],
    ['gem', '~> 1.0.0.rc1', 'vers:gem/>=1.0.0.rc1|<1.1'],
    ['gem', '< 2, >= 1.0', 'vers:gem/>=1.0|<2'],
    ['nuget', '(,1.0]', 'vers:nuget/<=1.0'],
    ['nuget', '(1.0,)', 'vers:nuget/>1.0'],
    ['nuget', '[1.0]', 'vers:nuget/1.0'],
    ['nuget', '1.0', 'vers:nuget/>=1.0'],
    ['conan', '[>1 <2.0 || ^3.2, include_prerelease]', 'vers:conan/>1|<2.0|>=3.2|<4-'],
    ['conan', '~1', 'vers:conan/>=1|<2-'],
    ['openssl', '3.0.8, 1.1.1t, 1.0.2zg', 'vers:openssl/1.0.2zg|1.1.1t|3.0.8'],
    ['nginx', '1.25.0+', 'vers:nginx/>=1.25.0'],
    ['nginx', '1.24.0+', 'vers:nginx/>=1.24.0|<1.25.0'],
  ])('%s %j is %s', (scheme, native, expected) => {
    expect(versFromNative(scheme, native)).toEqual({ ok: true, vers: expected })
  })
})

describe('native ranges to vers: bad input is refused, naming the problem', () => {
  it.each([
    ['maven', '[1.0,2.0)', 'scheme "maven" cannot be converted'],
    ['npm', '  ', 'is empty'],
    ['npm', '1.0.0 ||', 'alternative between "||" is empty'],
    ['npm', '>*', 'matches no version'],
    ['npm', '>=', 'the comparator ">=" has no version'],
    ['npm', '01.2.3', '"01.2.3" is not a version'],
    ['npm', '1.2.x-beta', 'pre-release on a partial version'],
    ['pypi', '1.0', 'is not a version specifier'],
    ['pypi', '>=1.0,', 'item 2 of the ","-separated list is empty'],
    ['pypi', '~=1', 'needs at least two release numbers'],
    ['pypi', '>=1.0.*', 'only == and != allow'],
    ['pypi', '==1.0.dev1.*', 'release number prefix'],
    ['pypi', '>=1.0; python_version<"3"', 'environment markers'],
    ['pypi', '>=banana', 'the version "banana", which is not a PEP 440 version'],
    ['gem', '=> 1.0', '"=>" is not a condition'],
    ['nuget', '(1.0)', 'must be written [1.0]'],
    ['nuget', '[2.0,1.0]', 'lower bound 2.0 above its upper bound 1.0'],
    ['nuget', '1.*', 'floating version'],
    ['nuget', '(,)', 'neither a lower nor an upper bound'],
    ['conan', '^0.0', 'no number for "^" to increase'],
    ['conan', '*, pre', '"pre" is not a Conan range option'],
    ['conan', '>1 ||', 'alternative between "||" is empty'],
    ['openssl', '>=1.0.2', 'is not a single version'],
    ['nginx', '1.5+', '"1.5" is not an nginx version'],
  ])('%s %j: %s', (scheme, native, problem) => {
    const result = versFromNative(scheme, native)
    expect(result.ok).toBe(false)
    expect(!result.ok && result.reason).toContain(problem)
  })
})

describe('native ranges to vers: GitLab advisory syntax, "||" between alternatives and spaces between conditions', () => {
  // affected_range values as the GitLab advisory database (gemnasium-db) writes them.
  it.each([
    ['pypi', '>=2.2,<2.2.28||>=3.2,<3.2.13||>=4.0,<4.0.4', 'vers:pypi/>=2.2|<2.2.28|>=3.2|<3.2.13|>=4.0|<4.0.4'],
    ['pypi', '<1.4.18||>=1.6.0,<1.6.10||>=1.7.0,<1.7.3', 'vers:pypi/<1.4.18|>=1.6.0|<1.6.10|>=1.7.0|<1.7.3'],
    ['pypi', '>=1.0 <1.5||>=2.0 <2.3', 'vers:pypi/>=1.0|<1.5|>=2.0|<2.3'],
    ['pypi', '>= 1.0 < 1.5', 'vers:pypi/>=1.0|<1.5'],
    [
      'gem',
      '>=4.2.0 <5.2.4.5||>=6.0.0 <6.0.3.5||>=6.1.0 <6.1.2.1',
      'vers:gem/>=4.2.0|<5.2.4.5|>=6.0.0|<6.0.3.5|>=6.1.0|<6.1.2.1',
    ],
    ['nuget', '[1.0,2.0)||[3.0,3.1)', 'vers:nuget/>=1.0|<2.0|>=3.0|<3.1'],
    // Alternatives that overlap or touch are one interval; one version between two is left out.
    ['pypi', '>=1.0,<2.0||>=1.5,<3.0', 'vers:pypi/>=1.0|<3.0'],
    ['pypi', '<1.5||>=1.0,<2.0', 'vers:pypi/<2.0'],
    ['npm', '<2.0.1 || <1.1.7', 'vers:npm/<2.0.1'],
    ['npm', '<1.2.0 || >1.2.0', 'vers:npm/!=1.2.0'],
    ['npm', '>=1.0.0 <1.2.0 || 1.2.0', 'vers:npm/>=1.0.0|<=1.2.0'],
    ['npm', '1.0.0 || 1.0.0', 'vers:npm/1.0.0'],
  ])('%s %j is %s', (scheme, native, expected) => {
    expect(versFromNative(scheme, native)).toEqual({ ok: true, vers: expected })
  })

  const pythonVersions = [
    '0.9',
    '1.0',
    '1.4.99',
    '1.5',
    '1.5.0',
    '1.9',
    '2.0',
    '2.2',
    '2.2.27',
    '2.2.28',
    '2.9',
    '3.0',
    '3.5',
  ]
  it.each(['>=1.0 <1.5||>=2.0 <2.3', '>=1.0,<2.0||>=1.5,<3.0', '<1.5||>=1.0,<2.0', '>=2.2,<2.2.28||<1.0||==2.9'])(
    'PyPI %s contains what PEP 440 matches for any of its alternatives',
    (native) => {
      const range = vers('pypi', native)
      const alternatives = native.split('||').map((a) => a.trim().replace(/\s+/g, ','))
      for (const version of pythonVersions)
        expect(inside(range, version), `${version} in ${range}`).toBe(
          alternatives.some((a) => pep440Satisfies(version, a, { prereleases: true })),
        )
    },
  )

  it.each([
    ['pypi', '>=1.0|<2.0', 'in ">=1.0|<2.0", "|" is not understood'],
    ['pypi', '>=1.0 <1.5||', 'an alternative between "||" is empty'],
    ['pypi', '>=1.0 foo', '"foo" is not a version specifier'],
    ['pypi', '>=1.0,<1.5||>=banana', 'the version "banana", which is not a PEP 440 version'],
    ['pypi', '>=1.0,<1.5||=>2.0', '(in the alternative "=>2.0"): "=>2.0" is not a version specifier'],
    ['gem', '>=4.2.0 <5.2.4.5|>=6.0.0', 'in "<5.2.4.5|>=6.0.0", "|" is not understood'],
  ])('%s %j: %s', (scheme, native, problem) => {
    const result = versFromNative(scheme, native)
    expect(result.ok).toBe(false)
    expect(!result.ok && result.reason).toContain(problem)
  })
})
