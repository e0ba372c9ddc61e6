// The package-url conformance suite (ECMA-427, ../shared/conformance/purl/tests) against
// normalizePurl: what packageurl-js 2.0.1 reads differently from the current specification is
// listed below with the reason, so that an upgrade that closes a gap shows up as a failing list.
import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { normalizePurl } from './purl.js'

interface SuiteCase {
  description: string
  test_type: 'parse' | 'build' | 'validate'
  input: unknown
  expected_output: unknown
  expected_failure: boolean
}
type Parsed = { type: string; namespace: string | null; name: string; version: string | null }

const suiteRoot = path.resolve(process.cwd(), '../shared/conformance/purl/tests')
const suite: SuiteCase[] = [
  path.join(suiteRoot, 'spec/specification-test.json'),
  ...readdirSync(path.join(suiteRoot, 'types')).map((f) => path.join(suiteRoot, 'types', f)),
].flatMap((file) => (JSON.parse(readFileSync(file, 'utf8')) as { tests: SuiteCase[] }).tests)
const parses = suite.filter(
  (t): t is SuiteCase & { input: string; expected_output: Parsed } => t.test_type === 'parse' && !t.expected_failure,
)
const refusals = suite.filter(
  (t): t is SuiteCase & { input: string } =>
    t.test_type === 'parse' && t.expected_failure && typeof t.input === 'string',
)
const roundTrips = suite.filter(
  (t): t is SuiteCase & { input: string; expected_output: string } => t.test_type === 'validate' && !t.expected_failure,
)

/** Parse cases whose fields packageurl-js 2.0.1 splits differently (the purl still reads and matches itself). */
const parsedDifferently = new Map([
  // The current spec keeps the host as a git purl's namespace and the path as its name;
  // packageurl-js splits at the last "/" (codeberg.org/forgejo + forgejo): the same path either way.
  ['pkg:git/codeberg.org/forgejo/forgejo@a72d2c07cfca03b55371089de6aa230d8c951fa0', 'git split at the last "/"'],
  [
    'pkg:git/codeberg.org/forgejo/forgejo@a72d2c07cfca03b55371089de6aa230d8c951fa0#options/locale_readme.md',
    'git split at the last "/"',
  ],
])

/** Purls the suite says must fail but packageurl-js 2.0.1 accepts: type rules it does not know yet. */
const acceptedThoughInvalid = new Map([
  ['pkg:chrome-extension/44444algnefjeiefhmpklpfiohadpglk', 'chrome-extension name alphabet (a–p) not checked'],
  ['pkg:chrome-extension/dogs', 'chrome-extension name length (32) not checked'],
  ['pkg:chrome-extension/dlpngalgnefjeiefhmpklpfiohadpglk@1.2.3.4.5', 'chrome-extension version segments not checked'],
  [
    'pkg:chrome-extension/dlpngalgnefjeiefhmpklpfiohadpglk@1.2.3-beta',
    'chrome-extension version characters not checked',
  ],
  ['pkg:cpan/LWP::UserAgent@6.7.6', 'cpan module names ("::") not refused as distribution names'],
  ['pkg:cpan/GDT/URI::PackageURL', 'cpan module names ("::") not refused as distribution names'],
  ['pkg:cpan/URI::PackageURL', 'cpan module names ("::") not refused as distribution names'],
  ['pkg:julia/Dates', 'julia uuid qualifier not required'],
  ['pkg:otp/namespace/hex@2.1.1', 'otp namespace not prohibited'],
  ['pkg:vcpkg/boost/asio@1.84.0', 'vcpkg namespace not prohibited'],
  ['pkg:vscode-extension/java@1.46.2025091308', 'vscode-extension namespace (publisher) not required'],
  // Upper-case qualifier keys are lower-cased rather than refused; the suite itself expects
  // "repositorY_url" lower-cased in a maven round trip, and an owner's SBOM is better read than refused.
  ['pkg:gem/jruby-launcher@1.1.2?Platform=java', 'upper-case qualifier key lower-cased, not refused'],
  [
    'pkg:Rpm/fedora/curl@7.50.3-1.fc25?Arch=i386&Distro=fedora-25',
    'upper-case qualifier keys lower-cased, not refused',
  ],
])

describe('normalizePurl against the package-url test suite', () => {
  it('has the suite to test against', () => {
    expect(parses.length).toBeGreaterThan(150)
    expect(refusals.length).toBeGreaterThan(30)
    expect(roundTrips.length).toBeGreaterThan(150)
  })

  it('reads every purl the suite parses into the fields it expects, except the listed ones', () => {
    const differing: string[] = []
    for (const t of parses) {
      const read = normalizePurl(t.input)
      expect(read.ok, t.input).toBe(true)
      if (!read.ok) continue
      const e = t.expected_output
      const same =
        read.type === e.type && read.namespace === e.namespace && read.name === e.name && read.version === e.version
      if (!same) differing.push(t.input)
    }
    expect(new Set(differing)).toEqual(new Set(parsedDifferently.keys()))
  })

  it('refuses every purl the suite says must fail, except the listed ones, with a reason', () => {
    const accepted: string[] = []
    for (const t of refusals) {
      const read = normalizePurl(t.input)
      if (read.ok) accepted.push(t.input)
      else expect(read.reason, t.input).toMatch(/\w/)
    }
    expect(new Set(accepted)).toEqual(new Set(acceptedThoughInvalid.keys()))
  })

  it('spells every round-tripped purl as the suite’s canonical form', () => {
    for (const t of roundTrips) {
      const read = normalizePurl(t.input)
      expect(read.ok && read.purl, t.input).toBe(t.expected_output)
    }
  })
})

describe('normalizePurl', () => {
  it('trims and canonicalises', () => {
    expect(normalizePurl('  pkg:NPM/%40babel/core@7.0.0 \n')).toEqual({
      ok: true,
      purl: 'pkg:npm/%40babel/core@7.0.0',
      type: 'npm',
      namespace: '@babel',
      name: 'core',
      version: '7.0.0',
    })
  })

  it('says why a text is not a purl', () => {
    expect(normalizePurl('')).toEqual({ ok: false, reason: 'is empty' })
    expect(normalizePurl('lodash@4.17.21')).toMatchObject({ ok: false, reason: expect.stringMatching(/pkg/) })
    expect(normalizePurl('pkg:cran/@0.9.1')).toEqual({ ok: false, reason: 'has no name (pkg:<type>/<name>)' })
  })
})
