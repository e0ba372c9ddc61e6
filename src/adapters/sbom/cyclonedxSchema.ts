// The CycloneDX schema check for src/domain/sbom, over the JSON schemas that
// @cyclonedx/cyclonedx-library bundles (the strict ones for 1.2 and 1.3, as its
// JsonStrictValidator picks them) and with that validator's ajv set-up (no defaults, no remote
// schemas, formats of ajv-formats and idn-email of ajv-formats-draft2019, iri-reference let
// through). We compile them ourselves rather than call JsonStrictValidator for one reason:
// uniqueItems, quadratic in ajv, made a 10,000-component SBOM take over 4 s; see uniqueItems.ts.
// readInventory.test.ts checks that both judge every CycloneDX 1.6 test document alike.
// It lives in the adapters because the schemas are files read from disk, once per version.
// A large document is checked in chunks (the check is a generator, see src/domain/sbom/steps.ts):
// the root with its long arrays emptied, then their elements a chunk at a time against the
// array's item definition, then the arrays' uniqueItems; the errors are the same as in one go.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { Ajv, type AnySchema, type ErrorObject, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import addFormats2019 from 'ajv-formats-draft2019'
import type { CycloneDxSchemaCheck, CycloneDxVersion } from '../../domain/sbom/inventory.js'
import { chunkSize, type Steps } from '../../domain/sbom/steps.js'
import { maxErrors } from '../../domain/sbom/types.js'
import { duplicateItems, uniqueItemsDefinition, uniqueItemsKeyword, withLinearUniqueItems } from './uniqueItems.js'

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

interface ArrayProperty {
  /** Checks one element against the array's item definition. */
  item: ValidateFunction
  unique: boolean
}

interface Validators {
  root: ValidateFunction
  /** The root's array properties by name ("components", "dependencies"…). */
  arrays: Map<string, ArrayProperty>
}

const validators = new Map<CycloneDxVersion, Validators>()

function validatorFor(version: CycloneDxVersion): Validators {
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
  const rootSchema = readSchema(schemaFiles[version]) as {
    $id: string
    properties: Record<string, { type?: string; items?: { $ref?: string }; [uniqueItemsKeyword]?: boolean }>
  }
  ajv.addSchema(rootSchema)
  const arrays = new Map<string, ArrayProperty>()
  for (const [name, property] of Object.entries(rootSchema.properties)) {
    const ref = property.items?.$ref
    if (property.type !== 'array' || !ref?.startsWith('#/')) continue
    arrays.set(name, {
      item: ajv.compile({ $ref: `${rootSchema.$id}${ref}` }),
      unique: property[uniqueItemsKeyword] === true,
    })
  }
  validate = { root: ajv.getSchema(rootSchema.$id)!, arrays }
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

const errorsOf = (validate: ValidateFunction, data: unknown, prefix = '') =>
  validate(data) ? [] : (validate.errors ?? []).map((e) => describe({ ...e, instancePath: prefix + e.instancePath }))

// ajv is set not to fill in defaults, so the document is checked as it is, and not changed.
export const checkCycloneDxSchema: CycloneDxSchemaCheck = function* (version, doc): Steps<string[]> {
  const { root, arrays } = validatorFor(version)
  const long =
    doc !== null && typeof doc === 'object' && !Array.isArray(doc)
      ? [...arrays.keys()].filter((name) => {
          const value = (doc as Record<string, unknown>)[name]
          return Array.isArray(value) && value.length > chunkSize
        })
      : []
  if (long.length === 0) return [...new Set(errorsOf(root, doc))].slice(0, maxErrors)
  const emptied = { ...(doc as Record<string, unknown>), ...Object.fromEntries(long.map((name) => [name, []])) }
  const errors = new Set(errorsOf(root, emptied))
  for (const name of long) {
    const { item, unique } = arrays.get(name)!
    const elements = (doc as Record<string, unknown[]>)[name]!
    for (let first = 0; first < elements.length && errors.size < maxErrors; first += chunkSize) {
      for (let i = first; i < Math.min(first + chunkSize, elements.length); i++)
        for (const e of errorsOf(item, elements[i], `/${name}/${i}`)) errors.add(e)
      yield
    }
    if (unique && errors.size === 0) {
      const duplicate = yield* duplicateItems(elements)
      if (duplicate)
        errors.add(`/${name}: must NOT have duplicate items (items ## ${duplicate.i} and ${duplicate.j} are identical)`)
    }
  }
  return [...errors].slice(0, maxErrors)
}

/**
 * Compiles a version's schema ahead of the first upload (about 0.5 s, blocking): a server can
 * call it after it listens, as it warms the CSAF validator, so no owner waits for it.
 */
export function prepareCycloneDxSchema(version: CycloneDxVersion = '1.6'): void {
  validatorFor(version)
}
