// The CycloneDX schema check for src/domain/sbom, over the JSON schemas that
// @cyclonedx/cyclonedx-library bundles (the strict ones for 1.2 and 1.3, as its
// JsonStrictValidator picks them) and with that validator's ajv set-up (no defaults, no remote
// schemas, formats of ajv-formats and idn-email of ajv-formats-draft2019, iri-reference let
// through). We compile them ourselves rather than call JsonStrictValidator for one reason:
// uniqueItems, quadratic in ajv, made a 10,000-component SBOM take over 4 s; see uniqueItems.ts.
// readInventory.test.ts checks that both judge every CycloneDX 1.6 test document alike.
// It lives in the adapters because the schemas are files read from disk, once per version.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { Ajv, type AnySchema, type ErrorObject, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import addFormats2019 from 'ajv-formats-draft2019'
import type { CycloneDxSchemaCheck, CycloneDxVersion } from '../../domain/sbom/inventory.js'
import { maxErrors } from '../../domain/sbom/types.js'
import { uniqueItemsDefinition, withLinearUniqueItems } from './uniqueItems.js'

// ajv-formats is CommonJS: under NodeNext its default export arrives as the module object.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as unknown as (ajv: Ajv) => Ajv

const schemaDir = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@cyclonedx/cyclonedx-library/package.json')),
  'res/schema',
)

const schemaFiles: Record<CycloneDxVersion, string> = {
  '1.2': 'bom-1.2-strict.SNAPSHOT.schema.json',
  '1.3': 'bom-1.3-strict.SNAPSHOT.schema.json',
  '1.4': 'bom-1.4.SNAPSHOT.schema.json',
  '1.5': 'bom-1.5.SNAPSHOT.schema.json',
  '1.6': 'bom-1.6.SNAPSHOT.schema.json',
}

// The schemas the BOM schemas refer to, under the ids they use for them.
const referenced: Record<string, string> = {
  'http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json': 'spdx.SNAPSHOT.schema.json',
  'http://cyclonedx.org/schema/cryptography-defs.SNAPSHOT.schema.json': 'cryptography-defs.SNAPSHOT.schema.json',
  'http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json': 'jsf-0.82.SNAPSHOT.schema.json',
}

const readSchema = (file: string) =>
  withLinearUniqueItems(JSON.parse(readFileSync(path.join(schemaDir, file), 'utf8'))) as AnySchema

const validators = new Map<CycloneDxVersion, ValidateFunction>()

function validatorFor(version: CycloneDxVersion): ValidateFunction {
  let validate = validators.get(version)
  if (validate) return validate
  const schemas = Object.fromEntries(Object.entries(referenced).map(([id, file]) => [id, readSchema(file)]))
  const ajv = new Ajv({
    useDefaults: false,
    strict: false,
    addUsedSchema: false,
    schemas,
    loadSchema: (uri: string) => Promise.reject(new Error(`remote schemas are not loaded: ${uri}`)),
  })
  addFormats(ajv)
  addFormats2019(ajv, { formats: ['idn-email'] })
  // As the library does: no implementation of "iri-reference" works (luzlab/ajv-formats-draft2019#22).
  ajv.addFormat('iri-reference', true)
  ajv.addKeyword(uniqueItemsDefinition)
  validate = ajv.compile(readSchema(schemaFiles[version]))
  validators.set(version, validate)
  return validate
}

// A license id is checked against the whole SPDX list: naming 700 ids helps nobody.
const allowed = (values: unknown[]) =>
  values.length <= 20 ? values.join(', ') : `${values.slice(0, 5).join(', ')}, … ${values.length} in all`

/** "/components/0/type: must be equal to one of the allowed values (application, library, …)". */
function describe(error: ErrorObject): string {
  const where = error.instancePath || '/'
  const params = error.params as Record<string, unknown>
  const detail = Array.isArray(params.allowedValues)
    ? ` (${allowed(params.allowedValues)})`
    : typeof params.additionalProperty === 'string'
      ? ` ("${params.additionalProperty}")`
      : ''
  return `${where}: ${error.message ?? 'is not valid'}${detail}`
}

// ajv is set not to fill in defaults, so the document is checked as it is, and not changed.
export const checkCycloneDxSchema: CycloneDxSchemaCheck = (version, doc) => {
  const validate = validatorFor(version)
  if (validate(doc)) return []
  return [...new Set((validate.errors ?? []).map(describe))].slice(0, maxErrors)
}

/**
 * Compiles a version's schema ahead of the first upload (about 0.5 s, blocking): a server can
 * call it after it listens, as it warms the CSAF validator, so no owner waits for it.
 */
export function prepareCycloneDxSchema(version: CycloneDxVersion = '1.6'): void {
  validatorFor(version)
}
