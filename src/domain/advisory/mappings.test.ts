// The small readings the exporters share: links and identifiers, purls to ecosystems, vers
// ranges to intervals, and who is in what position on a vulnerability.
import { describe, expect, it } from 'vitest'
import { sendmailSnapshot, widgetrySnapshot } from '../../../test/support/advisorySnapshots.js'
import { advisoryLinks, baseUrlOf, osvId, otherOsvPath, uniqueByUrl, vulnerabilityId } from './links.js'
import { nativeVersion, packageFacts, purlWithVersion } from './packages.js'
import { productPositions } from './products.js'
import { versIntervals } from './versRanges.js'

describe('links', () => {
  it('hang off the publisher namespace, a trailing slash or not', () => {
    expect(baseUrlOf('https://lockstep.example/')).toBe('https://lockstep.example')
    expect(advisoryLinks(widgetrySnapshot)).toEqual({
      page: 'https://lockstep.example/advisories/LSA-2026-0002',
      json: 'https://lockstep.example/advisories/LSA-2026-0002.json',
      csaf: 'https://lockstep.example/.well-known/csaf/white/2026/lsa-2026-0002.json',
      osv: Object.fromEntries(
        widgetrySnapshot.vulnerabilities.map((v) => [
          v.key,
          `https://lockstep.example/osv/x_LSA-2026-0002${v.key === 'V1' ? '' : `-${v.key.slice(1)}`}.json`,
        ]),
      ),
      cve: Object.fromEntries(
        widgetrySnapshot.vulnerabilities
          .filter((v) => v.cve)
          .map((v) => [v.key, `https://lockstep.example/cve/${v.cve}.json`]),
      ),
      atomFeed: 'https://lockstep.example/advisories.atom',
      rolieFeed: 'https://lockstep.example/.well-known/csaf/feed-tlp-white.json',
    })
  })

  it('derive the vulnerability and OSV ids from the advisory id and the key', () => {
    const vuln = sendmailSnapshot.vulnerabilities[0]!
    expect(vulnerabilityId(sendmailSnapshot, vuln)).toBe('LSA-2003-0001')
    expect(osvId(sendmailSnapshot, vuln)).toBe('x_LSA-2003-0001')
    // The others are numbered after it, in the "prefix-year-number" form, from the key a revision keeps.
    expect(osvId(sendmailSnapshot, { key: 'V2' })).toBe('x_LSA-2003-0001-2')
    expect(vulnerabilityId(sendmailSnapshot, { key: 'V12' })).toBe('LSA-2003-0001-12')
  })

  it('answer an OSV record at its address before the readable ids, and the other way round', () => {
    expect(otherOsvPath('/osv/x_LSA-2003-0001-V1.json')).toBe('/osv/x_LSA-2003-0001.json')
    expect(otherOsvPath('/osv/x_LSA-2003-0001.json')).toBe('/osv/x_LSA-2003-0001-V1.json')
    expect(otherOsvPath('/osv/x_LSA-2003-0001-V3.json')).toBe('/osv/x_LSA-2003-0001-3.json')
    expect(otherOsvPath('/osv/x_LSA-2003-0001-3.json')).toBe('/osv/x_LSA-2003-0001-V3.json')
    expect(otherOsvPath('/cve/CVE-2002-1337.json')).toBeUndefined()
    expect(otherOsvPath('/osv/x_LSA-2003-0001.json.asc')).toBeUndefined()
  })

  it('keep the first mention of a URL', () => {
    expect(
      uniqueByUrl([
        { url: 'a', n: 1 },
        { url: 'b', n: 2 },
        { url: 'a', n: 3 },
      ]),
    ).toEqual([
      { url: 'a', n: 1 },
      { url: 'b', n: 2 },
    ])
  })
})

describe('packageFacts', () => {
  it.each([
    ['pkg:npm/%40widgetry/core', 'npm', '@widgetry/core', 'https://registry.npmjs.org', 'semver', 'SEMVER'],
    ['pkg:pypi/Widgetry_Server', 'PyPI', 'widgetry-server', 'https://pypi.python.org', 'python', 'ECOSYSTEM'],
    [
      'pkg:maven/org.widgetry/widgetry-xml',
      'Maven',
      'org.widgetry:widgetry-xml',
      'https://repo.maven.apache.org/maven2',
      'maven',
      'ECOSYSTEM',
    ],
    [
      'pkg:golang/github.com/widgetry/widgetry-go',
      'Go',
      'github.com/widgetry/widgetry-go',
      'https://pkg.go.dev',
      'semver',
      'SEMVER',
    ],
    ['pkg:cargo/widgetry', 'crates.io', 'widgetry', 'https://crates.io', 'semver', 'SEMVER'],
    [
      'pkg:deb/debian/widgetry?distro=bookworm',
      'Debian',
      'widgetry',
      'https://packages.debian.org',
      'deb',
      'ECOSYSTEM',
    ],
    ['pkg:rpm/almalinux/widgetry', 'AlmaLinux', 'widgetry', null, 'rpm', 'ECOSYSTEM'],
    // OSV needs a release to scope these: no ecosystem without one.
    ['pkg:deb/ubuntu/widgetry', null, 'widgetry', null, 'deb', 'ECOSYSTEM'],
    ['pkg:rpm/redhat/widgetry', null, 'widgetry', null, 'rpm', 'ECOSYSTEM'],
    ['pkg:rpm/fedora/widgetry', null, 'widgetry', null, 'rpm', 'ECOSYSTEM'],
    ['pkg:generic/sendmail', null, 'sendmail', null, 'custom', 'ECOSYSTEM'],
  ])('%s → %s %s', (purl, ecosystem, name, collection, versionType, rangeType) => {
    expect(packageFacts(purl)).toMatchObject({
      osvEcosystem: ecosystem,
      packageName: name,
      collectionUrl: collection,
      cveVersionType: versionType,
      osvRangeType: rangeType,
    })
  })

  it('is null for no purl or one that does not parse', () => {
    expect(packageFacts(null)).toBeNull()
    expect(packageFacts('pkg:')).toBeNull()
  })

  it('writes a version into the purl, percent-encoded as the purl specification canonicalises it', () => {
    expect(purlWithVersion(packageFacts('pkg:deb/debian/attr?arch=amd64')!, '1:2.4.47-2+b1')).toBe(
      'pkg:deb/debian/attr@1:2.4.47-2%2Bb1?arch=amd64',
    )
    expect(purlWithVersion(packageFacts('pkg:npm/%40widgetry/core')!, '2.4.1')).toBe('pkg:npm/%40widgetry/core@2.4.1')
  })

  it('drops the "v" of Go versions only', () => {
    expect(nativeVersion(packageFacts('pkg:golang/example.com/m'), 'v1.2.3')).toBe('1.2.3')
    expect(nativeVersion(packageFacts('pkg:npm/v'), 'v1.2.3')).toBe('v1.2.3')
  })
})

describe('versIntervals', () => {
  it.each([
    ['vers:generic/>=5.2|<8.12.8', [{ from: '5.2', to: { version: '8.12.8', inclusive: false } }], []],
    ['vers:npm/<1.0.0', [{ from: null, to: { version: '1.0.0', inclusive: false } }], []],
    ['vers:maven/>=3.0.0|<=3.2.4', [{ from: '3.0.0', to: { version: '3.2.4', inclusive: true } }], []],
    ['vers:npm/>=2.0.0', [{ from: '2.0.0', to: null }], []],
    ['vers:npm/*', [{ from: null, to: null }], []],
    ['vers:pypi/1.9.0|1.9.1', [], ['1.9.0', '1.9.1']],
    [
      'vers:deb/>=2.0.0-1|<2.3.0-2|2.3.5-1|>=2.4.0-1',
      [
        { from: '2.0.0-1', to: { version: '2.3.0-2', inclusive: false } },
        { from: '2.4.0-1', to: null },
      ],
      ['2.3.5-1'],
    ],
  ])('%s', (text, intervals, exact) => {
    expect(versIntervals(text)).toEqual({ ok: true, scheme: text.slice(5, text.indexOf('/')), intervals, exact })
  })

  it.each([
    ['vers:maven/>1.0.0|<1.4.0', /">1\.0\.0" has no equivalent/],
    ['vers:npm/!=1.2.3', /"!=1\.2\.3" has no equivalent/],
    ['1.2.3', /must start with "vers:"/],
  ])('refuses %s', (text, reason) => {
    const result = versIntervals(text)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.reason).toMatch(reason)
  })
})

describe('productPositions', () => {
  it('pairs affected products with their vendor statement and adds stating vendors as a whole', () => {
    expect(
      productPositions(sendmailSnapshot.vulnerabilities[0]!).map((p) => [
        p.vendor,
        p.product,
        p.status,
        p.vendorLevel,
        p.fixedVersions,
      ]),
    ).toEqual([
      ['Sendmail Consortium', 'sendmail', 'fixed', false, ['8.12.8']],
      ['Red Hat', 'Red Hat products', 'affected', true, []],
      ['Cray Inc.', 'Cray Inc. products', 'not_affected', true, []],
      ['Cisco Systems', 'Cisco Systems products', 'under_investigation', true, []],
    ])
  })

  it('keeps each product its own fixed versions when the vendor states several', () => {
    const v9 = widgetrySnapshot.vulnerabilities.find((v) => v.key === 'V9')!
    expect(productPositions(v9).map((p) => [p.product, p.fixedVersions])).toEqual([
      ['widgetry-server', ['1.9.2']],
      ['widgetry-web', ['1.4.0']],
    ])
  })

  it("takes a vendor's latest statement, and counts a product without one as affected", () => {
    const vuln = {
      ...widgetrySnapshot.vulnerabilities[4]!,
      statements: [
        {
          vendor: 'almalinux os foundation',
          status: 'under_investigation' as const,
          justification: null,
          fixedVersions: [],
          remediation: null,
          references: [],
          date: '2026-02-01T00:00:00.000Z',
        },
        {
          vendor: 'AlmaLinux OS Foundation',
          status: 'fixed' as const,
          justification: null,
          fixedVersions: ['2.4.1-1.el9'],
          remediation: null,
          references: [],
          date: '2026-02-12T00:00:00.000Z',
        },
      ],
    }
    expect(productPositions(vuln).map((p) => [p.vendor, p.status])).toEqual([
      ['AlmaLinux OS Foundation', 'fixed'],
      ['Fedora Project', 'affected'],
    ])
  })
})
