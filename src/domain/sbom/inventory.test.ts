// SPDX documents, purl lists and format detection (the CycloneDX schema check is the adapter's:
// see src/adapters/sbom/readInventory.test.ts). The SPDX examples are those of spdx/spdx-examples
// in ../shared/conformance; only their 2.2 JSON form exists there (no 2.3 JSON example).
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { readInventoryWith, type CycloneDxSchemaCheck } from './inventory.js'
import type { InventoryResult } from './types.js'

const spdxRoot = path.resolve(process.cwd(), '../shared/conformance/spdx/software/example7/spdx2.2')
const noCycloneDx: CycloneDxSchemaCheck = () => {
  throw new Error('no CycloneDX expected here')
}
const read = (text: string, hint?: 'cyclonedx' | 'spdx' | 'purls') => readInventoryWith(text, hint, noCycloneDx)

function ok(result: InventoryResult) {
  if (!result.ok) throw new Error(`expected a reading, got ${result.errors.join('; ')}`)
  return result
}

/** What SPDX 2.2 and 2.3 make mandatory in a document and a package. */
const header = {
  spdxVersion: 'SPDX-2.3',
  SPDXID: 'SPDXRef-DOCUMENT',
  name: 'web shop',
  dataLicense: 'CC0-1.0',
  documentNamespace: 'https://example.com/spdx/web-shop-1',
  creationInfo: { created: '2026-01-31T12:00:00Z', creators: ['Tool: example-1.0'] },
}
const packageIds = (id: string) => ({ SPDXID: `SPDXRef-Package-${id}`, downloadLocation: 'NOASSERTION' })

describe('SPDX 2.2 / 2.3 JSON', () => {
  it('refuses a document that is only a version, naming every mandatory field it lacks (it would empty the asset)', () => {
    expect(read('{"spdxVersion":"SPDX-2.3"}')).toEqual({
      ok: false,
      errors: [
        '/SPDXID: is required (SPDXRef-DOCUMENT)',
        '/name: is required (the document’s name)',
        '/dataLicense: is required (CC0-1.0)',
        '/documentNamespace: is required (a URI unique to this document)',
        '/creationInfo: is required (an object with created and creators)',
      ],
    })
    expect(read(JSON.stringify({ ...header, packages: [{ name: 'lodash' }] }))).toEqual({
      ok: false,
      errors: [
        '/packages/0/SPDXID: is required (the package’s identifier, e.g. SPDXRef-Package-hello)',
        '/packages/0/downloadLocation: is required (a URL, NONE or NOASSERTION)',
      ],
    })
    expect(
      read(JSON.stringify({ ...header, creationInfo: { created: '2026-01-31T12:00:00Z', creators: [] } })),
    ).toEqual({ ok: false, errors: ['/creationInfo/creators: must name at least one creator'] })
  })

  it('reads a complete document that lists no package as no component (the upload then asks before emptying an asset)', () => {
    expect(read(JSON.stringify(header))).toEqual({ ok: true, format: 'spdx-2.3', components: [], problems: [] })
  })

  it.each([
    ['example7-bin.spdx.json', ['hello']],
    ['example7-go-module.spdx.json', ['example.com/hello']],
    ['example7-golang.spdx.json', ['go1.16.4.linux-amd64', 'go']],
    ['example7-third-party-modules.spdx.json', ['golang.org/x/text', 'rsc.io/quote', 'rsc.io/sampler']],
  ])('imports the example %s, its packages known by name only (it gives no purls)', (file, names) => {
    const result = ok(read(readFileSync(path.join(spdxRoot, file), 'utf8')))
    expect(result.format).toBe('spdx-2.2')
    expect(result.components.map((c) => c.name)).toEqual(names)
    expect(result.components.every((c) => c.purl === null)).toBe(true)
    expect(result.problems).toEqual(
      names.map((name) =>
        expect.objectContaining({ component: expect.stringContaining(name), message: 'no purl: matched by name only' }),
      ),
    )
  })

  it('keeps the version and reads the purl of a package-manager reference, in 2.3 spelling too', () => {
    const doc = {
      ...header,
      packages: [
        {
          ...packageIds('log4j'),
          name: 'log4j-core',
          versionInfo: '2.14.1',
          primaryPackagePurpose: 'LIBRARY',
          externalRefs: [
            {
              referenceCategory: 'PACKAGE_MANAGER',
              referenceType: 'purl',
              referenceLocator: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1',
            },
          ],
        },
        {
          ...packageIds('lodash'),
          name: 'lodash',
          versionInfo: 'NOASSERTION',
          externalRefs: [
            { referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: 'pkg:npm/lodash@4.17.21' },
          ],
        },
        {
          ...packageIds('broken'),
          name: 'broken',
          versionInfo: '1',
          externalRefs: [
            { referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: 'npm/broken@1' },
          ],
        },
      ],
    }
    const result = ok(read(JSON.stringify(doc)))
    expect(result.format).toBe('spdx-2.3')
    expect(result.components).toEqual([
      {
        purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1',
        type: 'LIBRARY',
        name: 'log4j-core',
        version: '2.14.1',
        ecosystem: 'Maven',
      },
      { purl: 'pkg:npm/lodash@4.17.21', type: null, name: 'lodash', version: '4.17.21', ecosystem: 'npm' },
      { purl: null, type: null, name: 'broken', version: '1', ecosystem: null },
    ])
    expect(result.problems).toEqual([
      { component: 'broken@1', message: expect.stringMatching(/^purl "npm\/broken@1" .*: matched by name only$/) },
    ])
  })

  it('refuses a broken document, saying where and what', () => {
    const example = JSON.parse(readFileSync(path.join(spdxRoot, 'example7-golang.spdx.json'), 'utf8')) as {
      spdxVersion: string
      packages: Record<string, unknown>[]
    }
    example.spdxVersion = 'SPDX-2.1'
    delete example.packages[1]!.name
    example.packages[0]!.externalRefs = [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl' }]
    const result = read(JSON.stringify(example))
    expect(result).toEqual({
      ok: false,
      errors: [
        '/spdxVersion: must be SPDX-2.2 or SPDX-2.3 (found "SPDX-2.1")',
        expect.stringMatching(/^\/packages\/0\/externalRefs\/0\/referenceLocator: /),
        expect.stringMatching(/^\/packages\/1\/name: /),
      ],
    })
  })
})

describe('purl lists', () => {
  it('imports every purl line, skipping blanks and comments, and reports a bad line by its number', () => {
    const text = [
      '# our web shop',
      'pkg:npm/lodash@4.17.21',
      '',
      'lodash 4.17.21',
      '  pkg:PYPI/Django_Registration@3.0  ',
      'pkg:deb/debian/attr@1:2.4.47-2+b1?arch=amd64',
    ].join('\r\n')
    const result = ok(read(text))
    expect(result.format).toBe('purls')
    expect(result.components).toEqual([
      { purl: 'pkg:npm/lodash@4.17.21', type: null, name: 'lodash', version: '4.17.21', ecosystem: 'npm' },
      {
        purl: 'pkg:pypi/django-registration@3.0',
        type: null,
        name: 'django-registration',
        version: '3.0',
        ecosystem: 'PyPI',
      },
      {
        purl: 'pkg:deb/debian/attr@1:2.4.47-2%2Bb1?arch=amd64',
        type: null,
        name: 'debian/attr',
        version: '1:2.4.47-2+b1',
        ecosystem: 'Debian',
      },
    ])
    expect(result.problems).toEqual([{ component: 'line 4', message: expect.stringMatching(/^"lodash 4.17.21" /) }])
  })

  it('refuses a text with no purl at all, naming its first bad lines', () => {
    expect(read('name,version\nlodash,4.17.21\n')).toEqual({
      ok: false,
      errors: [expect.stringMatching(/^line 1: /), expect.stringMatching(/^line 2: /)],
    })
    expect(read('# nothing yet\n\n')).toEqual({ ok: false, errors: [expect.stringMatching(/no purl/)] })
  })
})

describe('format detection', () => {
  it('names formats it does not read, and says what a JSON text lacks', () => {
    expect(read('<?xml version="1.0"?><rdf:RDF xmlns:spdx="http://spdx.org/rdf/terms#"/>')).toEqual({
      ok: false,
      errors: ['SPDX RDF/XML is not read: upload the SPDX JSON or tag-value form'],
    })
    expect(read('<?xml version="1.0"?><bom xmlns="http://cyclonedx.org/schema/bom/1.1"/>')).toEqual({
      ok: false,
      errors: ['/bom/@xmlns: CycloneDX 1.1 is not supported (1.2 to 1.6 are)'],
    })
    expect(read('SPDXVersion: SPDX-2.2\nDataLicense: CC0-1.0\n')).toEqual({
      ok: false,
      errors: [
        'SPDXID: is required (SPDXRef-DOCUMENT)',
        'DocumentName: is required (the document’s name)',
        'DocumentNamespace: is required (a URI unique to this document)',
        'Created / Creator: is required (an object with created and creators)',
      ],
    })
    expect(read('{"name": "x"}')).toEqual({
      ok: false,
      errors: ['/: neither CycloneDX (no bomFormat) nor SPDX (no spdxVersion)'],
    })
    expect(read('{"bomFormat": ')).toEqual({ ok: false, errors: [expect.stringMatching(/^not JSON: /)] })
    expect(read('[]', 'spdx')).toEqual({ ok: false, errors: ['/: must be a JSON object'] })
  })

  it('follows the hint, and reads past a byte-order mark', () => {
    const spdx = `\uFEFF${JSON.stringify({ ...header, packages: [] })}`
    expect(read(spdx)).toEqual({ ok: true, format: 'spdx-2.3', components: [], problems: [] })
    expect(read('pkg:npm/lodash@4.17.21', 'spdx')).toEqual({
      ok: false,
      errors: [expect.stringMatching(/^not JSON: /)],
    })
  })

  it('hands CycloneDX to the schema check of its version, and refuses versions outside 1.2–1.6', () => {
    const seen: string[] = []
    // eslint-disable-next-line require-yield
    const check: CycloneDxSchemaCheck = function* (version) {
      seen.push(version)
      return ["/components/0: must have required property 'name'"]
    }
    expect(readInventoryWith('{"bomFormat": "CycloneDX", "specVersion": "1.5"}', undefined, check)).toEqual({
      ok: false,
      errors: ["/components/0: must have required property 'name'"],
    })
    expect(seen).toEqual(['1.5'])
    expect(readInventoryWith('{"bomFormat": "CycloneDX", "specVersion": "1.1"}', undefined, check)).toEqual({
      ok: false,
      errors: ['/specVersion: CycloneDX 1.1 is not supported (1.2 to 1.6 are)'],
    })
    expect(readInventoryWith('{"bomFormat": "CycloneDX"}', 'cyclonedx', check)).toEqual({
      ok: false,
      errors: [expect.stringMatching(/^\/specVersion: missing/)],
    })
  })
})
