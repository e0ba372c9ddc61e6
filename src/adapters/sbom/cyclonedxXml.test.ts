// CycloneDX XML against the specification's own 1.6 test documents (../shared/conformance): every
// valid-*.xml reads into the same components as its valid-*.json twin, and the invalid documents
// whose fault lies in what Lockstep reads (the bom's namespace and serial number, each component's
// type, name, version, purl) are refused with an XML path. Faults elsewhere (licences, hashes…)
// would need an XSD validator, which is not among our dependencies: those are listed, so that
// adding one shows here.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { prepareCycloneDxSchema, readInventory } from './readInventory.js'

const specTests = path.resolve(process.cwd(), '../shared/conformance/cyclonedx/tools/src/test/resources/1.6')
const files = readdirSync(specTests)
const xml = (file: string) => readFileSync(path.join(specTests, file), 'utf8')

const invalidInWhatWeRead = [
  'invalid-component-type-1.6.xml',
  'invalid-empty-component-1.6.xml',
  'invalid-missing-component-type-1.6.xml',
  'invalid-namespace-1.6.xml',
  'invalid-serialnumber-1.6.xml',
]

describe('CycloneDX XML', () => {
  // Compiling a version's schema takes seconds on a busy machine: done once, before the tests.
  beforeAll(() => {
    prepareCycloneDxSchema('1.6')
    prepareCycloneDxSchema('1.5')
  }, 120_000)

  it.each(files.filter((f) => /^valid-.*\.xml$/.test(f)))('reads %s as its JSON twin reads', (file) => {
    const fromXml = readInventory(xml(file))
    expect(fromXml.ok, JSON.stringify(fromXml)).toBe(true)
    const twin = file.replace(/\.xml$/, '.json')
    if (!files.includes(twin)) return
    const fromJson = readInventory(xml(twin))
    if (!fromXml.ok || !fromJson.ok) throw new Error('both must read')
    expect(fromXml.format).toBe('cyclonedx-1.6')
    expect(fromXml.components).toEqual(fromJson.components)
  })

  it.each(invalidInWhatWeRead)('refuses %s, naming an XML path', (file) => {
    const result = readInventory(xml(file))
    expect(result.ok).toBe(false)
    expect((result as { errors: string[] }).errors[0]).toMatch(/^\/bom/)
  })

  it('refuses a DOCTYPE (entity expansion) and nesting thousands deep, before parsing', () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE bom [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<bom xmlns="http://cyclonedx.org/schema/bom/1.6" version="1"><components><component type="library"><name>&b;</name></component></components></bom>`
    expect(readInventory(laughs)).toEqual({
      ok: false,
      errors: ['a DOCTYPE or entity declaration is not accepted in an SBOM: remove it'],
    })
    let deep = '<component type="library"><name>x</name></component>'
    for (let i = 0; i < 3000; i++)
      deep = `<component type="library"><name>x${i}</name><components>${deep}</components></component>`
    const result = readInventory(
      `<bom xmlns="http://cyclonedx.org/schema/bom/1.6"><components>${deep}</components></bom>`,
    )
    expect(result).toEqual({
      ok: false,
      errors: [
        expect.stringMatching(
          /^\/bom\/components\/component\/components\/component\/.*: nested deeper than 100 levels/,
        ),
      ],
    })
  })

  it('reads the five XML entities in a purl, a namespace prefix, and names a missing name by its place', () => {
    const doc = `<cdx:bom xmlns:cdx="http://cyclonedx.org/schema/bom/1.5" version="1"><cdx:components>
      <cdx:component type="library"><cdx:name>a</cdx:name><cdx:version>1.0</cdx:version><cdx:purl>pkg:maven/org.example/a@1.0?classifier=x&amp;type=jar</cdx:purl></cdx:component>
      <cdx:component type="library"><cdx:version>2</cdx:version></cdx:component>
    </cdx:components></cdx:bom>`
    expect(readInventory(doc)).toEqual({
      ok: false,
      errors: ["/bom/components/component[2]: must have required property 'name'"],
    })
    const fixed = readInventory(doc.replace('<cdx:version>2</cdx:version>', '<cdx:name>b</cdx:name>'))
    expect(fixed.ok && fixed.components.map((c) => c.purl)).toEqual([
      'pkg:maven/org.example/a@1.0?classifier=x&type=jar',
      null,
    ])
  })
})
