import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  matchesAffected,
  parseProductPattern,
  productPatternOf,
  proposeVendors,
  type AffectedLike,
  type ProductPattern,
} from './productPatterns.js'

function pattern(text: string): ProductPattern {
  const result = parseProductPattern(text)
  if (!result.ok) throw new Error(`${text} ${result.reason}`)
  return result.pattern
}

function reason(text: string): string {
  const result = parseProductPattern(text)
  if (result.ok) throw new Error(`${text} was accepted as ${result.pattern.canonical}`)
  return result.reason
}

const purl = (purl: string): AffectedLike => ({ purl })
const cpe = (cpe: string): AffectedLike => ({ purl: null, cpe })

describe('parseProductPattern: package URLs', () => {
  it.each([
    ['pkg:generic/sendmail', { type: 'generic', namespace: null, name: 'sendmail' }],
    ['pkg:deb/debian/sendmail', { type: 'deb', namespace: 'debian', name: 'sendmail' }],
    ['pkg:rpm/redhat/sendmail', { type: 'rpm', namespace: 'redhat', name: 'sendmail' }],
    ['  pkg:deb/debian/sendmail\n', { type: 'deb', namespace: 'debian', name: 'sendmail' }],
  ])('reads %j', (text, parts) => {
    expect(pattern(text)).toEqual({ kind: 'purl', ...parts, canonical: text.trim() })
  })

  it.each([
    ['PKG:DEB/Debian/Sendmail', 'pkg:deb/debian/sendmail', 'debian', 'sendmail'],
    ['pkg:RPM/RedHat/sendmail', 'pkg:rpm/redhat/sendmail', 'redhat', 'sendmail'],
    ['pkg:pypi/Django_Registration', 'pkg:pypi/django-registration', null, 'django-registration'],
    ['pkg:npm/@Angular/Core', 'pkg:npm/%40angular/core', '@angular', 'core'],
    ['pkg:brew/Homebrew/Core/SQLite', 'pkg:brew/homebrew/core/sqlite', 'homebrew/core', 'sqlite'],
    ['pkg://generic/sendmail', 'pkg:generic/sendmail', null, 'sendmail'],
  ])('normalises %j to %s as packageurl-js and the purl types do', (text, canonical, namespace, name) => {
    expect(pattern(text)).toMatchObject({ canonical, namespace, name })
  })

  it('keeps the case of names in types that are case-sensitive', () => {
    expect(pattern('pkg:maven/org.Apache.Commons/Commons-Lang3').canonical).toBe(
      'pkg:maven/org.Apache.Commons/Commons-Lang3',
    )
    expect(pattern('pkg:rpm/fedora/SDL')).toMatchObject({ name: 'SDL' })
  })

  it('accepts types whose full purls need a version (cran, swift) or qualifiers (conan): a pattern has none', () => {
    expect(pattern('pkg:conan/bincrafters/cctz').canonical).toBe('pkg:conan/bincrafters/cctz')
    expect(pattern('pkg:cran/A3')).toMatchObject({ type: 'cran', name: 'A3', canonical: 'pkg:cran/A3' })
    expect(pattern('pkg:swift/github.com/Alamofire/Alamofire').canonical).toBe(
      'pkg:swift/github.com/Alamofire/Alamofire',
    )
  })

  it('refuses a version, qualifiers or a subpath, and names the product to give instead', () => {
    expect(reason('pkg:deb/debian/sendmail@8.12.3-4')).toBe(
      'is a package URL with a version: give the product only (pkg:deb/debian/sendmail)',
    )
    expect(reason('pkg:DEB/debian/sendmail@8.12.3?arch=i386')).toBe(
      'is a package URL with a version: give the product only (pkg:deb/debian/sendmail)',
    )
    expect(reason('pkg:deb/debian/sendmail?arch=i386')).toBe(
      'is a package URL with qualifiers: give the product only (pkg:deb/debian/sendmail)',
    )
    expect(reason('pkg:github/sendmail/sendmail#src')).toBe(
      'is a package URL with a subpath: give the product only (pkg:github/sendmail/sendmail)',
    )
  })

  it.each([
    ['pkg:generic', 'is a package URL without a name (pkg:<type>/<name>)'],
    ['pkg:generic/', 'is a package URL without a name (pkg:<type>/<name>)'],
    ['pkg:cran/@0.9.1', 'is a package URL without a name (pkg:<type>/<name>)'],
    ['pkg:npm/@angular', 'is a package URL without a name (pkg:<type>/<name>)'],
    ['pkg:maven/commons-lang3', 'is not a valid package URL: maven requires a "namespace" component'],
    ['pkg:x y/z', 'is not a valid package URL: type "x y" contains an illegal character'],
  ])('refuses %j: %s', (text, why) => {
    expect(reason(text)).toBe(why)
  })

  it('refuses what is neither, saying what it should look like', () => {
    for (const text of ['sendmail', 'https://www.sendmail.org/', 'purl:deb/debian/sendmail'])
      expect(reason(text)).toBe(
        'is not a package URL or CPE name (for example pkg:deb/debian/sendmail or cpe:2.3:a:sendmail:sendmail:*:*:*:*:*:*:*:*)',
      )
    expect(reason('   ')).toMatch(/^is empty/)
    expect(reason(`pkg:generic/${'a'.repeat(500)}`)).toBe('is longer than 500 characters')
  })
})

describe('parseProductPattern: CPE names', () => {
  const sendmail = {
    kind: 'cpe',
    part: 'a',
    vendor: 'sendmail',
    product: 'sendmail',
    canonical: 'cpe:2.3:a:sendmail:sendmail:*:*:*:*:*:*:*:*',
  }

  it.each([
    'cpe:2.3:a:sendmail:sendmail:*:*:*:*:*:*:*:*',
    'CPE:2.3:A:Sendmail:SendMail:*:*:*:*:*:*:*:*',
    'cpe:2.3:a:sendmail:sendmail',
    'cpe:/a:sendmail:sendmail',
    'cpe:/A:SENDMAIL:SENDMAIL',
    'cpe:/a:sendmail:sendmail::',
  ])('reads %j as the sendmail application', (text) => {
    expect(pattern(text)).toEqual(sendmail)
  })

  it('converts the 2.2 URI to the 2.3 formatted string, escaping as 2.3 does', () => {
    const expected = {
      vendor: '@thi.ng/egf_project',
      product: '@thi.ng/egf',
      canonical: 'cpe:2.3:a:\\@thi.ng\\/egf_project:\\@thi.ng\\/egf:*:*:*:*:*:*:*:*',
    }
    expect(pattern('cpe:2.3:a:\\@thi.ng\\/egf_project:\\@thi.ng\\/egf:*:*:*:*:*:*:*:*')).toMatchObject(expected)
    expect(pattern('cpe:/a:%40thi.ng%2fegf_project:%40thi.ng%2Fegf')).toMatchObject(expected)
    expect(pattern('cpe:/o:microsoft:windows_server_2003')).toMatchObject({
      part: 'o',
      canonical: 'cpe:2.3:o:microsoft:windows_server_2003:*:*:*:*:*:*:*:*',
    })
  })

  it('reads a missing or * product as every product of the vendor', () => {
    const all = {
      kind: 'cpe',
      part: 'h',
      vendor: 'cisco',
      product: '*',
      canonical: 'cpe:2.3:h:cisco:*:*:*:*:*:*:*:*:*',
    }
    expect(pattern('cpe:2.3:h:cisco:*:*:*:*:*:*:*:*:*')).toEqual(all)
    expect(pattern('cpe:/h:cisco')).toEqual(all)
    expect(pattern('cpe:/h:cisco:')).toEqual(all)
  })

  it.each([
    [
      'cpe:2.3:a:sendmail:sendmail:8.12.3:*:*:*:*:*:*:*',
      'is a CPE name with a version: give the product only (cpe:2.3:a:sendmail:sendmail:*:*:*:*:*:*:*:*)',
    ],
    [
      'cpe:/a:sendmail:sendmail:8.12.3',
      'is a CPE name with a version: give the product only (cpe:2.3:a:sendmail:sendmail:*:*:*:*:*:*:*:*)',
    ],
    [
      'cpe:2.3:a:sendmail:sendmail:-:*:*:*:*:*:*:*',
      'is a CPE name with a version: give the product only (cpe:2.3:a:sendmail:sendmail:*:*:*:*:*:*:*:*)',
    ],
    [
      'cpe:2.3:o:microsoft:windows:*:*:*:*:*:*:x64:*',
      'is a CPE name narrowed beyond vendor and product: give the product only (cpe:2.3:o:microsoft:windows:*:*:*:*:*:*:*:*)',
    ],
    [
      'cpe:/a:sendmail:sendmail::~~~~x64~',
      'is a CPE name narrowed beyond vendor and product: give the product only (cpe:2.3:a:sendmail:sendmail:*:*:*:*:*:*:*:*)',
    ],
    ['cpe:2.3:a:*:sendmail:*:*:*:*:*:*:*:*', 'is a CPE name without a vendor'],
    ['cpe:2.3:a:-:sendmail', 'is a CPE name without a vendor'],
    ['cpe:/a', 'is a CPE name without a vendor'],
    ['cpe:/a::sendmail', 'is a CPE name without a vendor'],
    ['cpe:2.3:a:send*:sendmail', 'is a CPE name with a wildcard inside the vendor: name the vendor exactly'],
    [
      'cpe:2.3:a:sendmail:send?ail',
      'is a CPE name with a wildcard inside the product: name the product, or use * alone for all of the vendor’s products',
    ],
    [
      'cpe:/a:sendmail:send%02',
      'is a CPE name with a wildcard inside the product: name the product, or use * alone for all of the vendor’s products',
    ],
    [
      'cpe:2.3:a:sendmail:-',
      'is a CPE name whose product is "-" (not applicable): name the product, or use * for all of the vendor’s products',
    ],
    [
      'cpe:2.3:x:sendmail:sendmail',
      'is a CPE name without a part: a (application), o (operating system) or h (hardware)',
    ],
    ['cpe:/', 'is a CPE name without a part: a (application), o (operating system) or h (hardware)'],
    [
      'cpe:2.3:*:sendmail:sendmail',
      'is a CPE name without a part: a (application), o (operating system) or h (hardware)',
    ],
    ['cpe:2.3:a:sendmail:sendmail:*:*:*:*:*:*:*:*:*', 'is a CPE 2.3 name with more than 11 components'],
    ['cpe:/a:sendmail:sendmail:1:2:3:4:5', 'is a CPE 2.2 name with more than 7 components'],
    ['cpe:/a:sendmail:send%zzmail', 'is a CPE name with a badly escaped component "send%zzmail"'],
    ['cpe:2.3:a:sendmail:sendmail\\', 'is a CPE name with a badly escaped component "sendmail\\"'],
    ['cpe:2.2:a:sendmail:sendmail', 'is a CPE name of an unknown version: write cpe:2.3:… or the CPE 2.2 form cpe:/…'],
  ])('refuses %j: %s', (text, why) => {
    expect(reason(text)).toBe(why)
  })

  // What no CVE record or CSAF document can carry is refused as it is typed, naming the
  // component, rather than left out of the documents at release.
  it.each([
    [
      'cpe:2.3:a:sendmail inc:sendmail',
      'is a CPE name whose vendor "sendmail inc" holds a space (CPE writes spaces as _)',
    ],
    [
      'cpe:2.3:a:acme:widget\\ pro',
      'is a CPE name whose product "widget\\ pro" holds a space (CPE writes spaces as _)',
    ],
    [
      'cpe:/a:acme:widget%20pro:1.0',
      'is a CPE name whose product "widget%20pro" holds a space (CPE writes spaces as _)',
    ],
    ['cpe:/a:acme:widget%00', 'is a CPE name whose product "widget%00" holds a control character (U+0000)'],
    ['cpe:/a:acme:widget%0a', 'is a CPE name whose product "widget%0a" holds a control character (U+000A)'],
    [
      'cpe:/a:m%C3%BCller:widget',
      'is a CPE name whose vendor "m%C3%BCller" holds "ü" (U+00FC), a character outside ASCII that CPE cannot write',
    ],
    [
      'cpe:2.3:a:müller:widget',
      'is a CPE name whose vendor "müller" holds "ü" (U+00FC), a character outside ASCII that CPE cannot write',
    ],
    [
      'cpe:2.3:a:acme:widget:1.0:*:*:*:*:*:*:caf\\é',
      'is a CPE name whose other "caf\\é" holds "é" (U+00E9), a character outside ASCII that CPE cannot write',
    ],
    [
      'cpe:/a:acme:widget:::~~~li%20nux~~',
      'is a CPE name whose target_sw "li%20nux" holds a space (CPE writes spaces as _)',
    ],
    [
      'cpe:2.3:a:acme:widget!pro',
      'is a CPE name whose product "widget!pro" holds "!" unescaped (CPE 2.3 writes it \\!)',
    ],
    [
      'cpe:2.3:a:acme:widget%20pro',
      'is a CPE name whose product "widget%20pro" holds "%" unescaped (CPE 2.3 writes it \\%)',
    ],
    [
      'cpe:2.3:a:acme:wid\\get',
      'is a CPE name whose product "wid\\get" escapes "g", which CPE 2.3 does not allow (only punctuation follows \\)',
    ],
    ['cpe:/a:acme:%2d', 'is a CPE name the CVE and CSAF formats cannot carry (cpe:2.3:a:acme:\\-:*:*:*:*:*:*:*:*)'],
  ])('refuses %j, a name no format can carry: %s', (text, why) => {
    expect(reason(text)).toBe(why)
  })

  it.each([
    ['cpe:2.3:a:acme:widget\\!pro', 'widget!pro', 'cpe:2.3:a:acme:widget\\!pro:*:*:*:*:*:*:*:*'],
    ['cpe:/a:acme:widget%21pro', 'widget!pro', 'cpe:2.3:a:acme:widget\\!pro:*:*:*:*:*:*:*:*'],
    ['cpe:/a:acme:widget~pro', 'widget~pro', 'cpe:2.3:a:acme:widget\\~pro:*:*:*:*:*:*:*:*'],
    ['cpe:2.3:a:acme:widget\\~pro', 'widget~pro', 'cpe:2.3:a:acme:widget\\~pro:*:*:*:*:*:*:*:*'],
    ['cpe:2.3:a:acme:widget_pro', 'widget_pro', 'cpe:2.3:a:acme:widget_pro:*:*:*:*:*:*:*:*'],
    ['cpe:2.3:a:acme:widget-pro.2', 'widget-pro.2', 'cpe:2.3:a:acme:widget-pro.2:*:*:*:*:*:*:*:*'],
    // A packed edition whose five components are all ANY narrows nothing.
    ['cpe:/a:acme:widget:::~~~~~', 'widget', 'cpe:2.3:a:acme:widget:*:*:*:*:*:*:*:*'],
  ])('still accepts %j, which the formats carry', (text, product, canonical) => {
    expect(pattern(text)).toMatchObject({ product, canonical })
  })
})

// The package-url test suite (ECMA-427), read where the conformance data lives.
interface SuiteCase {
  description: string
  test_type: 'parse' | 'build' | 'validate'
  input: unknown
  expected_output: unknown
  expected_failure: boolean
}
const suiteRoot = path.resolve(process.cwd(), '../shared/conformance/purl/tests')
const suite: SuiteCase[] = [
  path.join(suiteRoot, 'spec/specification-test.json'),
  ...readdirSync(path.join(suiteRoot, 'types')).map((f) => path.join(suiteRoot, 'types', f)),
].flatMap((file) => (JSON.parse(readFileSync(file, 'utf8')) as { tests: SuiteCase[] }).tests)
type Parsed = {
  type: string
  namespace: string | null
  name: string
  version: string | null
  qualifiers: Record<string, string> | null
  subpath: string | null
}
const parses = suite.filter(
  (t): t is SuiteCase & { input: string; expected_output: Parsed } => t.test_type === 'parse' && !t.expected_failure,
)

describe('the package-url test suite', () => {
  it('is there to test against', () => {
    expect(parses.length).toBeGreaterThan(150)
  })

  it('every purl it parses names the product the suite expects', () => {
    for (const t of parses) {
      const product = productPatternOf(t.input)
      const expected = t.expected_output
      expect(product, t.input).toMatchObject({ kind: 'purl', type: expected.type })
      if (product?.kind !== 'purl') continue
      // packageurl-js 2.0.1 splits a git purl at its last "/" (codeberg.org/forgejo + forgejo)
      // where the current spec keeps the host as the namespace: the same path either way.
      const join = (p: { namespace: string | null; name: string }) => [p.namespace, p.name].filter(Boolean).join('/')
      if (expected.type === 'git') expect(join(product), t.input).toBe(join(expected))
      else
        expect({ namespace: product.namespace, name: product.name }, t.input).toEqual({
          namespace: expected.namespace,
          name: expected.name,
        })
    }
  })

  it('every such product is a pattern of its own, matching the full purl it came from', () => {
    for (const t of parses) {
      const product = productPatternOf(t.input)!
      expect(parseProductPattern(product.canonical), t.input).toEqual({ ok: true, pattern: product })
      expect(matchesAffected(product, purl(t.input)), t.input).toBe(true)
    }
  })

  it('a full purl with a version is refused as a pattern, with its product as the fix', () => {
    const versioned = parses.filter((t) => t.expected_output.version)
    expect(versioned.length).toBeGreaterThan(100)
    for (const t of versioned)
      expect(reason(t.input), t.input).toBe(
        `is a package URL with a version: give the product only (${productPatternOf(t.input)!.canonical})`,
      )
  })

  it('two spellings the suite calls the same purl name the same product', () => {
    const roundTrips = suite.filter(
      (t): t is SuiteCase & { input: string; expected_output: string } =>
        t.test_type === 'validate' && typeof t.expected_output === 'string',
    )
    for (const t of roundTrips)
      expect(productPatternOf(t.input)?.canonical, t.input).toBe(productPatternOf(t.expected_output)?.canonical)
  })

  it('what it calls invalid is refused, except type rules packageurl-js 2.0.1 does not know yet', () => {
    const notYetKnown = new Set([
      'pkg:chrome-extension/44444algnefjeiefhmpklpfiohadpglk',
      'pkg:chrome-extension/dogs',
      'pkg:cpan/GDT/URI::PackageURL',
      'pkg:cpan/URI::PackageURL',
      // A julia purl needs its uuid qualifier; a pattern (no qualifiers) naming the package is fine.
      'pkg:julia/Dates',
    ])
    const invalid = suite.filter(
      (t): t is SuiteCase & { input: string } =>
        t.test_type === 'parse' && t.expected_failure && typeof t.input === 'string',
    )
    const accepted = invalid.filter((t) => parseProductPattern(t.input).ok).map((t) => t.input)
    expect(new Set(accepted)).toEqual(notYetKnown)
  })
})

describe('matchesAffected: package URLs', () => {
  const debian = pattern('pkg:deb/debian/sendmail')
  const generic = pattern('pkg:generic/sendmail')

  it('ignores the affected purl’s version, qualifiers and subpath', () => {
    expect(
      matchesAffected(debian, purl('pkg:deb/debian/sendmail@8.12.3-4?arch=i386&distro=woody#debian/patches')),
    ).toBe(true)
    expect(matchesAffected(debian, purl('pkg:deb/debian/sendmail'))).toBe(true)
  })

  it('needs the same type, namespace and name', () => {
    expect(matchesAffected(debian, purl('pkg:rpm/debian/sendmail@8.12.3'))).toBe(false)
    expect(matchesAffected(debian, purl('pkg:deb/ubuntu/sendmail@8.12.3'))).toBe(false)
    expect(matchesAffected(debian, purl('pkg:deb/debian/sendmail-bin@8.12.3'))).toBe(false)
    expect(matchesAffected(debian, purl('pkg:deb/debian/postfix@2.0'))).toBe(false)
  })

  it('compares as the type’s normalisation says: case-insensitive for deb, case-sensitive for maven', () => {
    expect(matchesAffected(debian, purl('pkg:DEB/Debian/SendMail@8.12.3'))).toBe(true)
    const maven = pattern('pkg:maven/org.apache.logging.log4j/log4j-core')
    expect(matchesAffected(maven, purl('pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1'))).toBe(true)
    expect(matchesAffected(maven, purl('pkg:maven/org.apache.logging.log4j/Log4j-Core@2.14.1'))).toBe(false)
    expect(matchesAffected(pattern('pkg:pypi/django-registration'), purl('pkg:pypi/Django_Registration@3.0'))).toBe(
      true,
    )
  })

  it('a pattern without a namespace matches only purls without one', () => {
    const rpm = pattern('pkg:rpm/sendmail')
    expect(matchesAffected(rpm, purl('pkg:rpm/sendmail@8.12.8'))).toBe(true)
    expect(matchesAffected(rpm, purl('pkg:rpm/redhat/sendmail@8.12.8'))).toBe(false)
    expect(matchesAffected(pattern('pkg:rpm/redhat/sendmail'), purl('pkg:rpm/sendmail@8.12.8'))).toBe(false)
  })

  it('except for generic, where the name alone decides, ignoring case', () => {
    expect(matchesAffected(generic, purl('pkg:generic/sendmail@8.12.8'))).toBe(true)
    expect(matchesAffected(generic, purl('pkg:generic/sendmail.org/sendmail@8.12.8'))).toBe(true)
    expect(matchesAffected(generic, purl('pkg:generic/Sendmail@8.12.8'))).toBe(true)
    expect(matchesAffected(generic, purl('pkg:deb/debian/sendmail@8.12.8'))).toBe(false)
    const withNamespace = pattern('pkg:generic/sendmail.org/sendmail')
    expect(matchesAffected(withNamespace, purl('pkg:generic/Sendmail.org/sendmail@8.12.8'))).toBe(true)
    expect(matchesAffected(withNamespace, purl('pkg:generic/sendmail@8.12.8'))).toBe(false)
    expect(matchesAffected(withNamespace, purl('pkg:generic/example.org/sendmail@8.12.8'))).toBe(false)
  })

  it('falls back to the product name only when the entry has no readable purl', () => {
    expect(matchesAffected(debian, { purl: null, vendor: 'Sendmail Consortium', product: ' SendMail ' })).toBe(true)
    expect(matchesAffected(generic, { purl: '', product: 'sendmail' })).toBe(true)
    expect(matchesAffected(generic, { purl: 'not a purl', product: 'sendmail' })).toBe(true)
    expect(matchesAffected(debian, { purl: null, product: 'sendmail-cf' })).toBe(false)
    expect(matchesAffected(debian, { purl: null, vendor: 'sendmail' })).toBe(false)
    expect(matchesAffected(debian, { purl: null, product: '' })).toBe(false)
    expect(matchesAffected(debian, { purl: null })).toBe(false)
    // A purl that names another product is not overruled by the free text.
    expect(matchesAffected(debian, { purl: 'pkg:deb/debian/postfix@2.0', product: 'sendmail' })).toBe(false)
  })

  it('a purl pattern does not match by CPE', () => {
    expect(matchesAffected(generic, { purl: null, cpe: 'cpe:2.3:a:sendmail:sendmail:8.12.3:*:*:*:*:*:*:*' })).toBe(
      false,
    )
  })
})

describe('matchesAffected: CPE names', () => {
  const sendmail = pattern('cpe:2.3:a:sendmail:sendmail:*:*:*:*:*:*:*:*')
  const anyCisco = pattern('cpe:/h:cisco')

  it('needs the same part, vendor and product, whatever the version and the rest', () => {
    expect(matchesAffected(sendmail, cpe('cpe:2.3:a:sendmail:sendmail:8.12.3:*:*:*:*:*:*:*'))).toBe(true)
    expect(matchesAffected(sendmail, cpe('cpe:/a:sendmail:sendmail:8.12.3'))).toBe(true)
    expect(matchesAffected(sendmail, cpe('CPE:2.3:A:SENDMAIL:SENDMAIL:8.12.3:-:*:*:*:*:x86:*'))).toBe(true)
    expect(matchesAffected(sendmail, cpe('cpe:2.3:o:sendmail:sendmail:8.12.3:*:*:*:*:*:*:*'))).toBe(false)
    expect(matchesAffected(sendmail, cpe('cpe:2.3:a:sendmail:sendmail_switch:2.2:*:*:*:*:*:*:*'))).toBe(false)
    expect(matchesAffected(sendmail, cpe('cpe:2.3:a:hp:sendmail:8.12:*:*:*:*:*:*:*'))).toBe(false)
  })

  it('an affected CPE with a wildcard vendor or product names nothing precise enough', () => {
    expect(matchesAffected(sendmail, cpe('cpe:2.3:a:*:sendmail:*:*:*:*:*:*:*:*'))).toBe(false)
    expect(matchesAffected(sendmail, cpe('cpe:2.3:a:sendmail:*:*:*:*:*:*:*:*:*'))).toBe(false)
    expect(matchesAffected(sendmail, cpe('cpe:2.3:*:sendmail:sendmail'))).toBe(false)
  })

  it('a * product takes every product of the vendor', () => {
    expect(matchesAffected(anyCisco, cpe('cpe:2.3:h:cisco:asa_5505:-:*:*:*:*:*:*:*'))).toBe(true)
    expect(matchesAffected(anyCisco, cpe('cpe:2.3:o:cisco:ios:12.2:*:*:*:*:*:*:*'))).toBe(false)
    expect(matchesAffected(anyCisco, cpe('cpe:2.3:h:juniper:srx100:-:*:*:*:*:*:*:*'))).toBe(false)
  })

  it('compares escaped characters by what they stand for', () => {
    const egf = pattern('cpe:/a:%40thi.ng%2fegf_project:%40thi.ng%2fegf')
    expect(
      matchesAffected(egf, cpe('cpe:2.3:a:\\@thi.ng\\/egf_project:\\@thi.ng\\/egf:0.1.0:*:*:*:*:node.js:*:*')),
    ).toBe(true)
  })

  it('falls back to vendor and product names when the entry has no readable CPE', () => {
    expect(matchesAffected(sendmail, { purl: null, vendor: 'Sendmail', product: 'Sendmail' })).toBe(true)
    expect(
      matchesAffected(pattern('cpe:2.3:o:microsoft:windows_server_2003'), {
        purl: null,
        vendor: 'Microsoft',
        product: 'Windows Server 2003',
      }),
    ).toBe(true)
    expect(matchesAffected(sendmail, { purl: null, cpe: 'garbage', vendor: 'sendmail', product: 'sendmail' })).toBe(
      true,
    )
    expect(matchesAffected(anyCisco, { purl: null, vendor: 'Cisco', product: 'anything at all' })).toBe(true)
    expect(matchesAffected(sendmail, { purl: null, product: 'sendmail' })).toBe(false)
    expect(matchesAffected(sendmail, { purl: null, vendor: 'Sendmail Inc.', product: 'sendmail' })).toBe(false)
    expect(matchesAffected(sendmail, { purl: null, vendor: 'sendmail' })).toBe(false)
    expect(
      matchesAffected(sendmail, { purl: null, cpe: 'cpe:2.3:a:hp:sendmail', vendor: 'sendmail', product: 'sendmail' }),
    ).toBe(false)
  })

  it('a CPE pattern does not match by purl', () => {
    expect(matchesAffected(sendmail, purl('pkg:generic/sendmail@8.12.3'))).toBe(false)
  })
})

describe('proposeVendors', () => {
  // The 2003 sendmail case: the project, two distributions, a unix vendor and a bystander.
  const directory = [
    { id: 'postfix', patterns: [pattern('pkg:generic/postfix')] },
    {
      id: 'sendmail',
      patterns: [
        pattern('pkg:generic/sendmail'),
        pattern('cpe:/a:sendmail:sendmail'),
        pattern('pkg:github/sendmail/sendmail'),
      ],
    },
    { id: 'debian', patterns: [pattern('pkg:deb/debian/sendmail'), pattern('pkg:deb/debian/sendmail')] },
    { id: 'redhat', patterns: [pattern('pkg:rpm/redhat/sendmail'), pattern('cpe:/o:redhat:linux')] },
    { id: 'hp', patterns: [pattern('cpe:2.3:o:hp:hp-ux')] },
    { id: 'nobody', patterns: [] },
  ]
  const affected: AffectedLike[] = [
    { purl: 'pkg:generic/sendmail@8.12.7', vendor: 'Sendmail Consortium', product: 'sendmail' },
    { purl: 'pkg:deb/debian/sendmail@8.12.3-4' },
    { purl: null, cpe: 'cpe:2.3:a:sendmail:sendmail:8.11.6:*:*:*:*:*:*:*' },
    { purl: null, vendor: 'HP', product: 'HP-UX' },
  ]

  it('lists every vendor with a match, in directory order, with what matched', () => {
    expect(proposeVendors(affected, directory)).toEqual([
      {
        vendorId: 'sendmail',
        matched: [
          { affectedIndex: 0, pattern: 'pkg:generic/sendmail' },
          { affectedIndex: 2, pattern: 'cpe:2.3:a:sendmail:sendmail:*:*:*:*:*:*:*:*' },
        ],
      },
      { vendorId: 'debian', matched: [{ affectedIndex: 1, pattern: 'pkg:deb/debian/sendmail' }] },
      { vendorId: 'hp', matched: [{ affectedIndex: 3, pattern: 'cpe:2.3:o:hp:hp-ux:*:*:*:*:*:*:*:*' }] },
    ])
  })

  it('proposes every distributor of the product when the report gives only its name', () => {
    const proposals = proposeVendors([{ purl: null, vendor: '', product: 'sendmail' }], directory)
    expect(proposals.map((p) => p.vendorId)).toEqual(['sendmail', 'debian', 'redhat'])
    expect(proposals[0]!.matched).toEqual([
      { affectedIndex: 0, pattern: 'pkg:generic/sendmail' },
      { affectedIndex: 0, pattern: 'pkg:github/sendmail/sendmail' },
    ])
  })

  it('is the same whatever the order of the vendors’ patterns, up to the order of the matches', () => {
    const reversed = directory.map((v) => ({ ...v, patterns: [...v.patterns].reverse() }))
    const sortMatches = (ps: ReturnType<typeof proposeVendors>) =>
      ps.map((p) => ({
        ...p,
        matched: [...p.matched].sort((a, b) => a.affectedIndex - b.affectedIndex || a.pattern.localeCompare(b.pattern)),
      }))
    expect(sortMatches(proposeVendors(affected, reversed))).toEqual(sortMatches(proposeVendors(affected, directory)))
  })

  it('proposes nobody when nothing matches or nothing is affected', () => {
    expect(proposeVendors([{ purl: 'pkg:npm/left-pad@1.0.0' }], directory)).toEqual([])
    expect(proposeVendors([], directory)).toEqual([])
  })
})
