// CycloneDX XML 1.2 to 1.6, as common as the JSON form. The text is scanned first (xmlScan.ts):
// a DOCTYPE is refused (CycloneDX has none, and entity declarations are how an XML text expands
// to gigabytes), the nesting bounded, the version taken from the root's namespace. fast-xml-parser
// then reads it, with only XML's five built-in entities, and the parts Lockstep reads (the bom's
// serialNumber and version, each component's type, bom-ref, group, name, version, purl and nested
// components) are put in the JSON shape and checked against the JSON schema of the same version.
// The rest of the document (licences, hashes, metadata…) is not checked: no XSD validator is
// among our dependencies. Errors name XML paths: /bom/components/component[3]/name.
import { XMLParser } from 'fast-xml-parser'
import { cycloneDxVersionOf, readCycloneDxOf, type CycloneDxSchemaCheck } from './cyclonedx.js'
import type { Steps } from './steps.js'
import type { InventoryResult } from './types.js'
import { scanXml } from './xmlScan.js'

const namespace = /^http:\/\/cyclonedx\.org\/schema\/bom\/(\d+\.\d+)$/

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: false,
  isArray: (_name, jpath) => /(^|\.)components\.component$/.test(String(jpath)),
})

type XmlNode = Record<string, unknown>

/** An element's text: a string, or the "#text" of an element that also has attributes. */
function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (value && typeof value === 'object' && typeof (value as XmlNode)['#text'] === 'string')
    return (value as XmlNode)['#text'] as string
  if (value && typeof value === 'object') return ''
  return undefined
}

const withoutUndefined = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined))

function componentOfXml(node: unknown): Record<string, unknown> {
  const n = (node && typeof node === 'object' ? node : {}) as XmlNode
  const nested = (n.components as XmlNode | undefined)?.component
  return withoutUndefined({
    type: n['@type'],
    'bom-ref': n['@bom-ref'],
    group: textOf(n.group),
    name: textOf(n.name),
    version: textOf(n.version),
    purl: textOf(n.purl),
    components: Array.isArray(nested) ? nested.map(componentOfXml) : n.components !== undefined ? [] : undefined,
  })
}

/** "/components/2/components/0/type" → "/bom/components/component[3]/components/component[1]/@type". */
export function xmlPlace(pointer: string): string {
  const [where, ...rest] = pointer.split(': ')
  const path = where!
    .replace(/\/components\/(\d+)/g, (_m, i: string) => `/components/component[${Number(i) + 1}]`)
    .replace(/\/(type|bom-ref|serialNumber)$/, '/@$1')
    .replace(/^\/version$/, '/@version')
  const place = path === '/' ? '/bom' : `/bom${path}`
  return rest.length ? `${place}: ${rest.join(': ')}` : place
}

export function* readCycloneDxXml(text: string, check: CycloneDxSchemaCheck): Steps<InventoryResult> {
  const scanned = yield* scanXml(text)
  if (!scanned.ok) return { ok: false, errors: [scanned.error] }
  if (scanned.root.name.replace(/^.*:/, '') !== 'bom')
    return { ok: false, errors: [`/${scanned.root.name}: the root element of CycloneDX XML is <bom>`] }
  const ns = Object.entries(scanned.root.attributes).find(([k, v]) => /^xmlns(:|$)/.test(k) && namespace.test(v))
  const version = cycloneDxVersionOf(ns ? namespace.exec(ns[1])![1] : undefined, '/bom/@xmlns')
  if (typeof version !== 'string')
    return {
      ok: false,
      errors: [
        ns
          ? version.error
          : '/bom/@xmlns: missing (CycloneDX XML says its version by its namespace, e.g. http://cyclonedx.org/schema/bom/1.6)',
      ],
    }
  let parsed: XmlNode
  try {
    parsed = parser.parse(text) as XmlNode
  } catch (error) {
    return { ok: false, errors: [`not XML: ${error instanceof Error ? error.message : String(error)}`] }
  }
  yield
  const bom = (parsed.bom ?? {}) as XmlNode
  const components = (bom.components as XmlNode | undefined)?.component
  const serialNumber = bom['@serialNumber']
  const bomVersion = bom['@version']
  const doc = withoutUndefined({
    bomFormat: 'CycloneDX',
    specVersion: version,
    serialNumber,
    // The XML attribute is text; the JSON schema wants the integer it spells.
    version: typeof bomVersion === 'string' && /^\d+$/.test(bomVersion) ? Number(bomVersion) : bomVersion,
    components: Array.isArray(components) ? components.map(componentOfXml) : undefined,
  })
  return yield* readCycloneDxOf(version, doc, check, xmlPlace)
}
