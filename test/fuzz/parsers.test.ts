// Every parser of outside input, fed generated hostile input. Property: each answers with its own
// result (ok or a reason) or its own typed error, never throws anything else, never hangs.
import { describe, it } from 'vitest'
import fc from 'fast-check'
import { normalizePurl } from '../../src/domain/sbom/purl.js'
import { parseVers } from '../../src/domain/vers.js'
import { knownSchemes, schemeFor, versContains } from '../../src/domain/versions/index.js'
import { nativeRangeSchemes, rangeAsVers, versFromNative } from '../../src/domain/versions/nativeRange.js'
import { readInventory } from '../../src/adapters/sbom/readInventory.js'
import { OsvFormatError, readOsvAdvisory } from '../../src/domain/osv/osvAdvisory.js'
import { convertOsvAffected, type OsvAffected } from '../../src/domain/osv/osvRanges.js'
import { sniffJsonDocument } from '../../src/domain/csaf/sniffFormat.js'
import { csafAffected, readCsafAdvisory } from '../../src/domain/csaf/csafAdvisory.js'
import { fuzz } from './fuzz.js'
import { hostileString, hostileValue } from './hostile.js'

/** Something that looks like a version in some ecosystem, or does not. */
const versionish: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .array(
        fc.oneof(
          fc.nat(999).map(String),
          fc.constantFrom('a', 'b', 'rc', 'alpha', 'beta', 'pre', 'post', 'dev', 'SNAPSHOT', 'final', 'p', 'r', 'git'),
        ),
        { minLength: 1, maxLength: 6 },
      )
      .chain((parts) =>
        fc
          .array(fc.constantFrom('.', '.', '.', '-', '+', '~', ':', '_', '^', ''), {
            minLength: parts.length,
            maxLength: parts.length,
          })
          .map((seps) => parts.map((p, i) => (i ? seps[i] : '') + p).join('')),
      ),
  },
  { weight: 1, arbitrary: hostileString.filter((s) => s.length < 2_000) },
)

const purlish: fc.Arbitrary<string> = fc.oneof(
  fc
    .record({
      type: fc.constantFrom('npm', 'pypi', 'maven', 'deb', 'rpm', 'gem', 'nuget', 'golang', 'generic', 'conan', 'apk'),
      namespace: fc.option(fc.oneof(fc.constantFrom('@scope', 'debian', 'org.apache'), hostileString), { nil: null }),
      name: fc.oneof(fc.constantFrom('left-pad', 'django', 'sendmail'), hostileString),
      version: fc.option(versionish, { nil: null }),
      tail: fc.constantFrom('', '?arch=amd64', '#sub/path', '?a=%00', '?=&', '#'),
    })
    .map(
      ({ type, namespace, name, version, tail }) =>
        `pkg:${type}/${namespace ? `${namespace}/` : ''}${name}${version ? `@${version}` : ''}${tail}`,
    ),
  hostileString,
)

const versish: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(...knownSchemes, 'generic', 'unknown', ''),
      fc.array(fc.tuple(fc.constantFrom('', '>=', '<=', '<', '>', '!=', '=', '*'), versionish), { maxLength: 4 }),
    )
    .map(([scheme, cs]) => `vers:${scheme}/${cs.map(([c, v]) => (c === '*' ? '*' : c + v)).join('|')}`),
  hostileString,
)

const nativeRange: fc.Arbitrary<string> = fc.oneof(
  fc
    .array(
      fc.tuple(
        fc.constantFrom('', '^', '~', '~>', '>=', '<', '==', '!=', '~=', '[', '(', ',', ' || ', ' - '),
        versionish,
      ),
      { minLength: 1, maxLength: 4 },
    )
    .map((parts) => parts.map(([op, v]) => op + v).join(fc.sample(fc.constantFrom(' ', ', ', ''), 1)[0])),
  hostileString,
)

const sync = <T>(arb: fc.Arbitrary<T>, check: (value: T) => void) => fc.property(arb, check)

describe('parsers of versions and packages', () => {
  it('purl: normalizePurl answers ok or a reason, never throws', async () => {
    await fuzz(
      'purl',
      sync(purlish, (text) => void normalizePurl(text)),
      2_000,
    )
  })

  it('vers: parseVers, and versContains on what it reads, never throw', async () => {
    await fuzz(
      'vers',
      sync(fc.tuple(versish, versionish), ([range, version]) => {
        parseVers(range)
        versContains(range, version)
      }),
      2_000,
    )
  })

  it('versions: each scheme judges any text and orders what it calls valid consistently', async () => {
    await fuzz(
      'versions',
      sync(fc.tuple(fc.constantFrom(...knownSchemes, 'generic'), versionish, versionish), ([name, a, b]) => {
        const scheme = schemeFor(name)
        if (scheme.valid(a) !== true || scheme.valid(b) !== true) return
        const ab = Math.sign(scheme.compare(a, b))
        const ba = Math.sign(scheme.compare(b, a))
        if (!Number.isFinite(ab) || ab !== -ba || scheme.compare(a, a) !== 0)
          throw new Error(`${name}: compare(${a}, ${b}) = ${ab}, compare(${b}, ${a}) = ${ba}`)
      }),
      3_000,
    )
  })

  it('native ranges: versFromNative and rangeAsVers answer ok or a reason, never throw', async () => {
    await fuzz(
      'native ranges',
      sync(fc.tuple(fc.constantFrom(...nativeRangeSchemes), nativeRange, purlish), ([scheme, range, purl]) => {
        const vers = versFromNative(scheme, range)
        if (vers.ok) parseVers(vers.vers)
        rangeAsVers(range, purl)
      }),
      2_000,
    )
  })
})

const cyclonedx = fc
  .record({
    specVersion: fc.oneof(fc.constantFrom('1.2', '1.3', '1.4', '1.5', '1.6'), hostileString),
    components: fc.array(
      fc.record(
        {
          type: fc.oneof(fc.constant('library'), hostileValue),
          name: fc.oneof(fc.constant('left-pad'), hostileValue),
          version: fc.oneof(versionish, hostileValue),
          purl: fc.oneof(purlish, hostileValue),
          'bom-ref': hostileString,
        },
        { requiredKeys: ['name'] },
      ),
      { maxLength: 5 },
    ),
  })
  .map(({ specVersion, components }) => JSON.stringify({ bomFormat: 'CycloneDX', specVersion, version: 1, components }))

const spdx = fc
  .record({
    spdxVersion: fc.oneof(fc.constantFrom('SPDX-2.2', 'SPDX-2.3'), hostileString),
    packages: fc.array(
      fc.record({
        SPDXID: fc.oneof(fc.constant('SPDXRef-1'), hostileString),
        name: fc.oneof(fc.constant('django'), hostileValue),
        versionInfo: fc.oneof(versionish, hostileValue),
        externalRefs: fc.array(
          fc.record({
            referenceCategory: fc.constantFrom('PACKAGE-MANAGER', 'PACKAGE_MANAGER', 'SECURITY'),
            referenceType: fc.constantFrom('purl', 'cpe23Type'),
            referenceLocator: fc.oneof(purlish, hostileValue),
          }),
          { maxLength: 2 },
        ),
      }),
      { maxLength: 5 },
    ),
  })
  .map((doc) =>
    JSON.stringify({ SPDXID: 'SPDXRef-DOCUMENT', name: 'x', dataLicense: 'CC0-1.0', documentNamespace: 'x', ...doc }),
  )

const purlList = fc
  .array(fc.oneof(purlish, fc.constantFrom('# comment', '')), { maxLength: 8 })
  .map((l) => l.join('\n'))

describe('parsers of documents', () => {
  it('SBOM: readInventory answers components and problems or errors, never throws', async () => {
    const text = fc.oneof(
      cyclonedx,
      spdx,
      purlList,
      fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
    )
    const hint = fc.constantFrom(undefined, 'cyclonedx' as const, 'spdx' as const, 'purls' as const)
    await fuzz(
      'SBOM',
      sync(fc.tuple(text, hint), ([t, h]) => void readInventory(t, h)),
      300,
    )
  })

  const osvEvent = fc.oneof(
    fc.record({ introduced: versionish }),
    fc.record({ fixed: versionish }),
    fc.record({ last_affected: versionish }),
    fc.record({ limit: versionish }),
    fc.dictionary(fc.string({ maxLength: 12 }), hostileValue, { maxKeys: 2 }),
  )
  const osvAffected = fc.record({
    package: fc.record({
      ecosystem: fc.oneof(
        fc.constantFrom('npm', 'PyPI', 'Maven', 'Debian:12', 'Go', 'crates.io', 'RubyGems'),
        hostileValue,
      ),
      name: fc.oneof(fc.constantFrom('django', 'left-pad'), hostileValue),
      purl: fc.option(purlish, { nil: undefined }),
    }),
    ranges: fc.array(
      fc.record({
        type: fc.oneof(fc.constantFrom('SEMVER', 'ECOSYSTEM', 'GIT'), hostileValue),
        events: fc.array(osvEvent, { maxLength: 4 }),
      }),
      { maxLength: 2 },
    ),
    versions: fc.array(versionish, { maxLength: 3 }),
  })

  it('OSV: readOsvAdvisory throws only OsvFormatError, and converting what it read never throws', async () => {
    const doc = fc.oneof(
      fc
        .record({
          id: fc.oneof(fc.constant('GHSA-xxxx-yyyy-zzzz'), hostileValue),
          modified: fc.oneof(fc.constant('2024-01-01T00:00:00Z'), hostileValue),
          aliases: fc.oneof(fc.array(hostileString, { maxLength: 2 }), hostileValue),
          affected: fc.oneof(fc.array(osvAffected, { maxLength: 3 }), hostileValue),
        })
        .map((d) => JSON.stringify(d)),
      hostileString,
    )
    await fuzz(
      'OSV',
      sync(doc, (text) => {
        let advisory
        try {
          advisory = readOsvAdvisory(text, 'fuzz.json')
        } catch (error) {
          if (error instanceof OsvFormatError) return
          throw error
        }
        for (const affected of advisory.affected) convertOsvAffected(affected as OsvAffected)
      }),
      1_500,
    )
  })
  // Import validates a CSAF file before reading it; the readers still take whatever shape comes.
  const csafProduct = fc.record({
    name: fc.oneof(fc.constant('Example 1.0'), hostileValue),
    product_id: fc.oneof(fc.constantFrom('P1', 'P2'), hostileValue),
    product_identification_helper: fc.oneof(
      fc.record({ purl: purlish }),
      fc.record({ cpe: hostileString }),
      hostileValue,
    ),
  })
  const csafBranch = fc.letrec((tie) => ({
    branch: fc.record({
      category: fc.oneof(
        fc.constantFrom('vendor', 'product_name', 'product_version', 'product_version_range'),
        hostileValue,
      ),
      name: fc.oneof(versionish, fc.constant('vers:npm/>=1.0.0|<2.0.0'), fc.constant('vers:all/*')),
      product: fc.option(csafProduct, { nil: undefined }),
      branches: fc.option(fc.array(tie('branch'), { maxLength: 2 }), { nil: undefined }),
    }),
  })).branch
  it('CSAF: sniffing never throws, and reading a document of any shape never throws', async () => {
    const doc = fc.oneof(
      fc
        .record({
          document: fc.oneof(
            fc.record({
              csaf_version: fc.constant('2.0'),
              tracking: fc.record({ id: hostileValue, version: hostileValue }),
            }),
            hostileValue,
          ),
          product_tree: fc.oneof(
            fc.record({
              branches: fc.array(csafBranch, { maxLength: 2 }),
              full_product_names: fc.array(csafProduct, { maxLength: 2 }),
              relationships: fc.array(fc.record({ product_reference: hostileValue, full_product_name: csafProduct }), {
                maxLength: 2,
              }),
            }),
            hostileValue,
          ),
          vulnerabilities: fc.oneof(
            fc.array(
              fc.record({
                cve: hostileValue,
                product_status: fc.dictionary(
                  fc.constantFrom('known_affected', 'fixed', 'first_affected', 'last_affected'),
                  fc.array(fc.oneof(fc.constantFrom('P1', 'P2'), hostileValue), { maxLength: 3 }),
                ),
              }),
              { maxLength: 2 },
            ),
            hostileValue,
          ),
        })
        .map((d) => JSON.stringify(d)),
      hostileString,
    )
    await fuzz(
      'CSAF',
      sync(doc, (text) => {
        const sniffed = sniffJsonDocument(text)
        if (sniffed.kind !== 'csaf') return
        readCsafAdvisory(sniffed.doc)
        csafAffected(sniffed.doc)
      }),
      1_500,
    )
  })
})
