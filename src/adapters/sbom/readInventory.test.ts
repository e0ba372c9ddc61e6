// CycloneDX through the library's schema check: the real SBOMs of CycloneDX/bom-examples, every
// JSON valid-/invalid- document of the CycloneDX 1.6 specification's own tests, and a large
// generated SBOM. The conformance data is read from ../shared/conformance, never copied here.
import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { Spec, Validation } from '@cyclonedx/cyclonedx-library'
import { describe, expect, it } from 'vitest'
import { readInventory, type InventoryResult } from './readInventory.js'

const cdxRoot = path.resolve(process.cwd(), '../shared/conformance/cyclonedx')
const examples = path.join(cdxRoot, 'examples/SBOM')
const specTests = path.join(cdxRoot, 'tools/src/test/resources/1.6')
const specFiles = readdirSync(specTests).filter((f) => f.endsWith('.json'))

/**
 * Spec test documents judged otherwise than their name says. None today, with our compilation
 * of the library's schemas or with its own JsonStrictValidator: every JSON valid-* is accepted
 * and every invalid-* refused. (The XML and textproto forms are not read.)
 */
const knownExceptions = new Map<string, string>()

function ok(result: InventoryResult) {
  if (!result.ok) throw new Error(`expected a reading, got ${result.errors.join('; ')}`)
  return result
}

const bom = (components: unknown[], specVersion = '1.6') =>
  JSON.stringify({ bomFormat: 'CycloneDX', specVersion, version: 1, components })

describe('the real SBOMs of CycloneDX/bom-examples', () => {
  it.each([
    ['keycloak-10.0.2/bom.json', 'cyclonedx-1.2', 903],
    ['laravel-7.12.0/bom.1.2.json', 'cyclonedx-1.2', 62],
    ['laravel-7.12.0/bom.1.3.json', 'cyclonedx-1.3', 62],
    ['laravel-7.12.0/bom.1.4.json', 'cyclonedx-1.4', 62],
  ])('%s imports as %s with %i components, each with a purl', (file, format, count) => {
    const result = ok(readInventory(readFileSync(path.join(examples, file), 'utf8')))
    expect(result.format).toBe(format)
    expect(result.components).toHaveLength(count)
    expect(result.problems).toEqual([])
    expect(result.components.every((c) => c.purl?.startsWith('pkg:'))).toBe(true)
  })

  it('reads a Keycloak component with its group, version and ecosystem', () => {
    const result = ok(readInventory(readFileSync(path.join(examples, 'keycloak-10.0.2/bom.json'), 'utf8')))
    expect(result.components[0]).toEqual({
      purl: 'pkg:maven/org.bouncycastle/bcprov-jdk15on@1.62?type=jar',
      type: 'library',
      name: 'org.bouncycastle/bcprov-jdk15on',
      version: '1.62',
      ecosystem: 'Maven',
    })
  })
})

describe('the CycloneDX 1.6 specification tests', () => {
  it('has them to test against', () => {
    expect(specFiles.filter((f) => f.startsWith('valid-')).length).toBeGreaterThan(40)
    expect(specFiles.filter((f) => f.startsWith('invalid-')).length).toBeGreaterThan(20)
  })

  it.each(specFiles.filter((f) => f.startsWith('invalid-') && !knownExceptions.has(f)))(
    'refuses %s, each error naming a JSON path',
    (file) => {
      const result = readInventory(readFileSync(path.join(specTests, file), 'utf8'))
      expect(result.ok).toBe(false)
      if (result.ok) return
      expect(result.errors.length).toBeGreaterThan(0)
      expect(result.errors.length).toBeLessThanOrEqual(10)
      for (const error of result.errors) expect(error).toMatch(/^\/\S*: \S/)
    },
  )

  it.each(specFiles.filter((f) => f.startsWith('valid-') && !knownExceptions.has(f)))('accepts %s', (file) => {
    const result = readInventory(readFileSync(path.join(specTests, file), 'utf8'))
    expect(result).toMatchObject({ ok: true, format: 'cyclonedx-1.6' })
  })

  it('is judged as the library’s own JsonStrictValidator judges it, document by document', async () => {
    const library = new Validation.JsonStrictValidator(Spec.Version.v1dot6)
    for (const file of specFiles) {
      const text = readFileSync(path.join(specTests, file), 'utf8')
      // The library does not look at bomFormat before the schema; a wrong one is its schema error too.
      expect(readInventory(text).ok, file).toBe((await library.validate(text)) === null)
    }
  })

  it('names the wrong part: a bad bomFormat, a bad component type, a long list of allowed values cut short', () => {
    const read = (file: string) =>
      readInventory(readFileSync(path.join(specTests, file), 'utf8')) as { errors: string[] }
    expect(read('invalid-bomformat-1.6.json').errors).toEqual([
      '/bomFormat: must be equal to one of the allowed values (CycloneDX)',
    ])
    expect(read('invalid-component-type-1.6.json').errors[0]).toMatch(
      /^\/components\/0\/type: must be equal to one of the allowed values \(application, framework, library, /,
    )
    expect(read('invalid-license-id-1.6.json').errors[0]).toMatch(
      /^\/components\/0\/licenses\/0\/license\/id: must be equal to one of the allowed values \(0BSD, .*, … \d+ in all\)$/,
    )
  })
})

describe('CycloneDX components', () => {
  it('reads nested components, notes those without a purl and keeps a bad purl’s component by name', () => {
    const text = bom([
      {
        type: 'application',
        name: 'shop',
        version: '2.0',
        components: [
          {
            type: 'library',
            group: '@babel',
            name: 'core',
            version: '7.0.0',
            purl: 'pkg:npm/%40babel/core@7.0.0',
            components: [{ type: 'library', name: 'inner' }],
          },
        ],
      },
      { type: 'library', name: 'left-pad', version: '1.3.0', purl: 'left-pad@1.3.0' },
    ])
    const result = ok(readInventory(text))
    expect(result.components).toEqual([
      { purl: null, type: 'application', name: 'shop', version: '2.0', ecosystem: null },
      { purl: 'pkg:npm/%40babel/core@7.0.0', type: 'library', name: '@babel/core', version: '7.0.0', ecosystem: 'npm' },
      { purl: null, type: 'library', name: 'inner', version: null, ecosystem: null },
      { purl: null, type: 'library', name: 'left-pad', version: '1.3.0', ecosystem: null },
    ])
    expect(result.problems).toEqual([
      { component: 'shop@2.0', message: 'no purl: matched by name only' },
      { component: 'inner', message: 'no purl: matched by name only' },
      {
        component: 'left-pad@1.3.0',
        message: expect.stringMatching(/^purl "left-pad@1.3.0" .*: matched by name only$/),
      },
    ])
  })

  it('imports nothing from a document that fails its schema', () => {
    const result = readInventory(
      bom(
        [
          { type: 'library', name: 'fine', purl: 'pkg:npm/fine@1.0.0' },
          { type: 'gadget', name: 'odd' },
        ],
        '1.4',
      ),
    )
    expect(result).toEqual({
      ok: false,
      errors: [expect.stringMatching(/^\/components\/1\/type: must be equal to one of the allowed values/)],
    })
  })

  it('refuses two identical components, naming them (uniqueItems, checked in linear time)', () => {
    const twice = { type: 'library', name: 'same', version: '1', purl: 'pkg:npm/same@1' }
    expect(
      readInventory(
        bom([
          twice,
          { ...twice, version: '2' },
          { version: '1', purl: 'pkg:npm/same@1', name: 'same', type: 'library' },
        ]),
      ),
    ).toEqual({
      ok: false,
      errors: ['/components: must NOT have duplicate items (items ## 0 and 2 are identical)'],
    })
  })

  it('reads a 10,000-component SBOM whole', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => ({
      type: 'library',
      name: `package-${i}`,
      version: `1.${i}.0`,
      purl: `pkg:npm/package-${i}@1.${i}.0`,
    }))
    const result = ok(readInventory(bom(many)))
    expect(result.components).toHaveLength(10_000)
    expect(result.problems).toEqual([])
    expect(result.components[9_999]).toEqual({
      purl: 'pkg:npm/package-9999@1.9999.0',
      type: 'library',
      name: 'package-9999',
      version: '1.9999.0',
      ecosystem: 'npm',
    })
  })
})
