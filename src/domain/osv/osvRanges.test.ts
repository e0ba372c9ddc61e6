// OSV affected entries into purls and vers ranges: each ecosystem's package naming, the event
// semantics (introduced "0", fixed, last_affected, limit, several ranges as a union, empty
// intervals), and what cannot be expressed said in the notes rather than dropped.
import { describe, expect, it } from 'vitest'
import { componentAffected } from '../matching/componentMatch.js'
import { readOsvAdvisory } from './osvAdvisory.js'
import { convertOsvAffected, osvFixedVersions, type OsvAffected, type OsvEvent } from './osvRanges.js'

const semver = (ecosystem: string, name: string, ...ranges: OsvEvent[][]): OsvAffected => ({
  package: { ecosystem, name },
  ranges: ranges.map((events) => ({ type: 'SEMVER', events })),
})
const converted = (entry: OsvAffected) => {
  const result = convertOsvAffected(entry)
  if ('error' in result) throw new Error(result.error)
  return result
}

describe('OSV packages as purls', () => {
  it.each([
    ['Go', 'github.com/coder/coder/v2', 'pkg:golang/github.com/coder/coder/v2', 'github.com/coder/coder', 'v2'],
    ['Go', 'stdlib', 'pkg:golang/stdlib', null, 'stdlib'],
    ['crates.io', 'smallvec', 'pkg:cargo/smallvec', null, 'smallvec'],
    ['npm', '@babel/traverse', 'pkg:npm/%40babel/traverse', '@babel', 'traverse'],
    ['PyPI', 'Django_Extensions', 'pkg:pypi/django-extensions', null, 'django-extensions'],
    [
      'Maven',
      'org.apache.logging.log4j:log4j-core',
      'pkg:maven/org.apache.logging.log4j/log4j-core',
      'org.apache.logging.log4j',
      'log4j-core',
    ],
    ['RubyGems', 'rails', 'pkg:gem/rails', null, 'rails'],
    ['NuGet', 'Newtonsoft.Json', 'pkg:nuget/Newtonsoft.Json', null, 'Newtonsoft.Json'],
    ['Packagist', 'symfony/http-kernel', 'pkg:composer/symfony%2Fhttp-kernel', null, 'symfony/http-kernel'],
    ['Debian:12', 'openssl', 'pkg:deb/debian/openssl', 'debian', 'openssl'],
    ['Ubuntu:22.04:LTS', 'openssl', 'pkg:deb/ubuntu/openssl', 'ubuntu', 'openssl'],
    ['Alpine:v3.18', 'openssl', 'pkg:apk/alpine/openssl', 'alpine', 'openssl'],
  ])('%s %s → %s', (ecosystem, name, purl, namespace, purlName) => {
    const c = converted({
      package: { ecosystem, name },
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }],
    })
    expect({ purl: c.purl, namespace: c.purlNamespace, name: c.purlName }).toEqual({ purl, namespace, name: purlName })
  })

  it('takes the package purl when OSV gives one, without its version', () => {
    const c = converted({
      package: { ecosystem: 'crates.io', name: 'x', purl: 'pkg:cargo/wasmtime@1.0.0' },
      ranges: [{ type: 'SEMVER', events: [{ introduced: '1.0.0' }, { fixed: '4.0.1' }] }],
    })
    expect(c).toMatchObject({ purl: 'pkg:cargo/wasmtime', purlName: 'wasmtime', range: 'vers:cargo/>=1.0.0|<4.0.1' })
    expect(c.notes).toEqual([expect.stringContaining('version 1.0.0 is ignored')])
  })

  it('names an unknown ecosystem’s package pkg:generic and says so', () => {
    const c = converted({
      package: { ecosystem: 'Bitnami', name: 'wordpress' },
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '6.4.3' }] }],
    })
    expect(c).toMatchObject({ purl: 'pkg:generic/wordpress', range: 'vers:generic/<6.4.3' })
    expect(c.notes.join(' ')).toMatch(/"Bitnami" has no purl type here.*matched against generic components only/)
  })

  it('says a distribution release is not kept', () => {
    expect(
      converted({
        package: { ecosystem: 'Debian:12', name: 'openssl' },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '3.0.11-1~deb12u2' }] }],
      }),
    ).toMatchObject({
      range: 'vers:deb/<3.0.11-1~deb12u2',
      notes: [expect.stringContaining('Debian:12 release is not kept')],
    })
  })
})

describe('OSV events as vers ranges', () => {
  it('introduced "0" alone is every version; with a fix, everything before it', () => {
    expect(converted(semver('Go', 'golang.org/x/net', [{ introduced: '0' }]))).toMatchObject({
      range: null,
      fixedVersions: [],
      notes: [],
    })
    expect(converted(semver('Go', 'golang.org/x/net', [{ introduced: '0' }, { fixed: '0.7.0' }]))).toMatchObject({
      range: 'vers:golang/<0.7.0',
      fixedVersions: ['0.7.0'],
    })
  })

  it('several intervals, in any order, and several ranges as a union', () => {
    const c = converted(
      semver(
        'crates.io',
        'wasmtime',
        [{ introduced: '6.0.0' }, { fixed: '6.0.1' }, { introduced: '0.0.0-0' }, { fixed: '4.0.1' }],
        [{ introduced: '5.0.0' }, { fixed: '5.0.1' }],
      ),
    )
    expect(c.range).toBe('vers:cargo/>=0.0.0-0|<4.0.1|>=5.0.0|<5.0.1|>=6.0.0|<6.0.1')
    expect(c.fixedVersions).toEqual(['6.0.1', '4.0.1', '5.0.1'])
  })

  it('merges overlapping and adjacent intervals, drops empty ones', () => {
    expect(
      converted(
        semver(
          'crates.io',
          'a',
          [{ introduced: '1.0.0' }, { fixed: '1.2.0' }],
          [{ introduced: '1.1.0' }, { fixed: '1.3.0' }],
        ),
      ).range,
    ).toBe('vers:cargo/>=1.0.0|<1.3.0')
    expect(
      converted(
        semver('crates.io', 'a', [
          { introduced: '1.0.0' },
          { fixed: '1.2.0' },
          { introduced: '1.2.0' },
          { fixed: '1.3.0' },
        ]),
      ).range,
    ).toBe('vers:cargo/>=1.0.0|<1.3.0')
    // RustSec writes an empty interval as introduced and fixed at one version.
    const empty = converted(
      semver('crates.io', 'a', [
        { introduced: '1.2.0' },
        { fixed: '1.2.0' },
        { introduced: '2.0.0' },
        { fixed: '2.1.0' },
      ]),
    )
    expect(empty).toMatchObject({ range: 'vers:cargo/>=2.0.0|<2.1.0', fixedVersions: ['2.1.0'] })
    expect(converted(semver('crates.io', 'a', [{ introduced: '1.2.0' }, { fixed: '1.2.0' }]))).toMatchObject({
      range: null,
      matchable: false,
      notes: ['the ranges affect no version'],
    })
  })

  it('last_affected closes after the version; limit caps the range', () => {
    expect(converted(semver('npm', 'left-pad', [{ introduced: '1.0.0' }, { last_affected: '1.3.0' }])).range).toBe(
      'vers:npm/>=1.0.0|<=1.3.0',
    )
    expect(converted(semver('npm', 'left-pad', [{ introduced: '1.3.0' }, { last_affected: '1.3.0' }])).range).toBe(
      'vers:npm/1.3.0',
    )
    expect(converted(semver('npm', 'left-pad', [{ introduced: '0' }, { limit: '2.0.0' }])).range).toBe(
      'vers:npm/<2.0.0',
    )
    expect(
      converted(
        semver('npm', 'left-pad', [
          { introduced: '1.0.0' },
          { fixed: '1.1.0' },
          { introduced: '3.0.0' },
          { limit: '2.0.0' },
        ]),
      ).range,
    ).toBe('vers:npm/>=1.0.0|<1.1.0')
  })

  it('orders ECOSYSTEM ranges in the ecosystem’s own scheme', () => {
    const pypi = converted({
      package: { ecosystem: 'PyPI', name: 'django' },
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '4.2a1' }, { fixed: '4.2.10' }, { introduced: '4.2' }] }],
    })
    expect(pypi.range).toBe('vers:pypi/>=4.2a1|<4.2.10')
    const maven = converted({
      package: { ecosystem: 'Maven', name: 'org.apache.logging.log4j:log4j-core' },
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '2.0-beta9' }, { fixed: '2.15.0' }] }],
    })
    expect(maven.range).toBe('vers:maven/>=2.0-beta9|<2.15.0')
  })

  it('keeps the listed versions, with or without ranges', () => {
    expect(converted({ package: { ecosystem: 'PyPI', name: 'ctx' }, versions: ['0.1.2', '0.2.2'] })).toMatchObject({
      range: null,
      versions: ['0.1.2', '0.2.2'],
      matchable: true,
    })
    expect(
      converted({
        package: { ecosystem: 'PyPI', name: 'ctx' },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }],
        versions: ['0.1.2'],
      }),
    ).toMatchObject({ range: 'vers:pypi/*', versions: ['0.1.2'] })
  })

  it('leaves out GIT ranges and says so; with nothing else the entry cannot be matched', () => {
    const git = {
      type: 'GIT',
      repo: 'https://github.com/madler/zlib',
      events: [{ introduced: 'a1b2c3' }, { fixed: 'd4e5f6' }],
    }
    expect(converted({ package: { ecosystem: 'OSS-Fuzz', name: 'zlib' }, ranges: [git] })).toMatchObject({
      range: null,
      versions: [],
      matchable: false,
      notes: expect.arrayContaining(['a GIT range (commits, not versions) is left out']),
    })
    expect(
      converted({ package: { ecosystem: 'OSS-Fuzz', name: 'zlib' }, ranges: [git], versions: ['1.2.11'] }),
    ).toMatchObject({ range: null, versions: ['1.2.11'], matchable: true })
  })

  it('keeps a range whose versions its scheme cannot order, and says that matches will ask for a check', () => {
    const c = converted(semver('Go', 'example.com/m', [{ introduced: '0' }, { fixed: 'not-a-version' }]))
    expect(c.range).toBe('vers:golang/<not-a-version')
    expect(c.notes.join(' ')).toMatch(/"not-a-version" is not a golang version.*ask for a check/)
  })
})

describe('an entry whose ranges cover one another’s fixed version', () => {
  // One affected entry, two ranges: everything before 1.5, and 1.0 up to 2.0. Their union is
  // everything before 2.0; 1.5 closes the first range but the second still covers it.
  const document = JSON.stringify({
    id: 'PYSEC-0000-0001',
    modified: '2026-01-01T00:00:00Z',
    affected: [
      {
        package: { ecosystem: 'PyPI', name: 'example' },
        ranges: [
          { type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.5' }] },
          { type: 'ECOSYSTEM', events: [{ introduced: '1.0' }, { fixed: '2.0' }] },
        ],
      },
    ],
  })
  const entry = () => converted(readOsvAdvisory(document, 'example.json').affected[0]!)
  const pypi = (version: string) => ({ purlType: 'pypi', purlNamespace: null, purlName: 'example', version })

  it('is affected at the fixed event another range covers, however the version is spelled', () => {
    const c = entry()
    expect(c).toMatchObject({ range: 'vers:pypi/<2.0', fixedVersions: ['2.0'] })
    for (const version of ['1.5', '1.5.0', '1.0', '1.9.9', '0.1'])
      expect(componentAffected(pypi(version), c), version).toMatchObject({ affected: true, certain: true })
    for (const version of ['2.0', '2.0.0', '2.1'])
      expect(componentAffected(pypi(version), c), version).toEqual({ affected: false })
  })

  it('drops the covered fixed versions of overlapping and adjacent ranges, and of an entry stored before', () => {
    const overlapping = converted(
      semver(
        'crates.io',
        'a',
        [{ introduced: '1.0.0' }, { fixed: '1.2.0' }],
        [{ introduced: '1.1.0' }, { fixed: '1.3.0' }],
      ),
    )
    expect(overlapping).toMatchObject({ range: 'vers:cargo/>=1.0.0|<1.3.0', fixedVersions: ['1.3.0'] })
    const adjacent = converted(
      semver('npm', 'b', [{ introduced: '0' }, { fixed: '1.2.0' }], [{ introduced: '1.2.0' }, { fixed: '1.3.0' }]),
    )
    expect(adjacent).toMatchObject({ range: 'vers:npm/<1.3.0', fixedVersions: ['1.3.0'] })
    // Every version: nothing is fixed. Only listed versions: the fixed ones are kept as they are.
    expect(
      converted(semver('npm', 'c', [{ introduced: '0' }], [{ introduced: '1.0.0' }, { fixed: '1.1.0' }])),
    ).toMatchObject({ range: null, fixedVersions: [] })
    expect(osvFixedVersions('vers:pypi/<2.0', [], ['1.5', '2.0'])).toEqual(['2.0'])
    expect(osvFixedVersions(null, ['1.0'], ['1.1'])).toEqual(['1.1'])
    // A range that cannot place a version leaves it fixed, as the advisory says.
    expect(osvFixedVersions('vers:golang/<not-a-version', [], ['not-a-version'])).toEqual(['not-a-version'])
  })
})
