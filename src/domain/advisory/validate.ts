// Checks an exported document before it is published: the release command refuses a draft whose
// documents do not validate, and shows these messages, each naming where in the document
// (a JSON pointer) and what is wrong. An empty list means valid.
//
// Where the schemas come from: CSAF is checked by @secvisogram/csaf-validator-lib alone (its
// strict schema test and every mandatory test of CSAF 2.0 §6.1), which bundles the CSAF and
// CVSS schemas, so it needs nothing at run time. The OSV, CVE record and CSAF provider-metadata
// schemas are not bundled by any dependency: the caller passes the schema object (read from
// wherever it keeps them; the tests read ../shared/conformance, and the CVE 5.2 schema from
// schemas/cve-5.2 here). Nothing here reads files, so this stays in the domain layer. Each schema object is compiled once and the result kept.
import { Ajv2020 } from 'ajv/dist/2020.js'
import { Ajv, type AnySchema, type ErrorObject, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import validateStrict from '@secvisogram/csaf-validator-lib/validateStrict.js'
import * as csafMandatoryTests from '@secvisogram/csaf-validator-lib/mandatoryTests.js'
import { csaf_2_0_strict } from '@secvisogram/csaf-validator-lib/schemaTests.js'
import csafSchema from '@secvisogram/csaf-validator-lib/lib/schemaTests/csaf_2_0/schema.js'
import cvss20Schema from '@secvisogram/csaf-validator-lib/schemas/cvss-v2.0.js'
import cvss30Schema from '@secvisogram/csaf-validator-lib/schemas/cvss-v3.0.js'
import cvss31Schema from '@secvisogram/csaf-validator-lib/schemas/cvss-v3.1.js'

// ajv-formats is CommonJS: under NodeNext its default export arrives as the module object.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as unknown as (ajv: Ajv) => Ajv

// ---- CSAF ----

const csafTests = [csaf_2_0_strict, ...Object.values(csafMandatoryTests)]

/** "mandatoryTest_6_1_27_9" → "CSAF 6.1.27.9"; the schema test keeps its name. */
const csafTestLabel = (name: string) =>
  name.startsWith('mandatoryTest_')
    ? `CSAF ${name.slice('mandatoryTest_'.length).replace(/_/g, '.')}`
    : `CSAF schema (${name})`

/** The CSAF 2.0 strict schema and all mandatory tests (informative 6.3.8, the spell check, is not run). */
export async function validateCsaf(doc: unknown): Promise<string[]> {
  const result = await validateStrict(csafTests, doc)
  return result.tests.flatMap((test) => test.errors.map((error) => `${csafTestLabel(test.name)}: ${describe(error)}`))
}

// ---- JSON schemas given by the caller ----

/** OSV's schema is JSON Schema 2020-12; the CSAF provider schema too, and it refers to the CSAF schema. */
const ajv2020 = new Ajv2020({ allErrors: true, strict: false })
addFormats(ajv2020)
for (const [schema, id] of [
  [cvss20Schema, 'https://www.first.org/cvss/cvss-v2.0.json'],
  [cvss30Schema, 'https://www.first.org/cvss/cvss-v3.0.json'],
  [cvss31Schema, 'https://www.first.org/cvss/cvss-v3.1.json'],
] as const)
  ajv2020.addSchema(schema as AnySchema, id)
ajv2020.addSchema(csafSchema as AnySchema)

/** The CVE record format is JSON Schema draft-07, ajv's default. */
const ajv07 = new Ajv({ allErrors: true, strict: false })
addFormats(ajv07)

const compiled = new WeakMap<object, ValidateFunction>()

function validatorFor(schema: object, compile: () => ValidateFunction): ValidateFunction {
  let validate = compiled.get(schema)
  if (!validate) compiled.set(schema, (validate = compile()))
  return validate
}

function check(validate: ValidateFunction, doc: unknown): string[] {
  if (validate(doc)) return []
  return [...new Set((validate.errors ?? []).map(describe))]
}

/** An OSV document against the OSV schema (validation/schema.json of ossf/osv-schema). */
export function validateOsv(doc: unknown, osvSchema: object): string[] {
  return check(
    validatorFor(osvSchema, () => ajv2020.compile(withoutId(osvSchema))),
    doc,
  )
}

/** A CVE record against CVE_Record_Format_bundled.json, as a PUBLISHED record (the schema's first branch). */
export function validateCveRecord(doc: unknown, cveRecordSchema: object): string[] {
  return check(
    validatorFor(cveRecordSchema, () => {
      // Registered under its $id so the reference to its first branch resolves; another schema
      // object with the same $id (a newer copy) replaces it.
      const id = (cveRecordSchema as { $id?: string }).$id ?? 'https://cve.org/cve-record-format.json'
      ajv07.removeSchema(id)
      ajv07.addSchema({ ...cveRecordSchema, $id: id })
      return ajv07.compile({ $ref: `${id}#/oneOf/0` })
    }),
    doc,
  )
}

/** CSAF provider-metadata.json against provider_json_schema.json (its publisher is checked by the CSAF schema). */
export function validateProviderMetadata(doc: unknown, providerSchema: object): string[] {
  return check(
    validatorFor(providerSchema, () => ajv2020.compile(withoutId(providerSchema))),
    doc,
  )
}

// A schema compiled twice under the same $id would clash in ajv's registry; these are compiled
// once per object, and the $id is not needed for their own references ("#/..." stay relative).
function withoutId(schema: object): AnySchema {
  const { $id: _id, ...rest } = schema as { $id?: string }
  return rest
}

// ---- messages ----

/** "/affected/0/package/ecosystem: must match pattern …" — the place first, then the problem. */
function describe(
  error: Pick<ErrorObject, 'instancePath' | 'message'> & Partial<Pick<ErrorObject, 'keyword' | 'params'>>,
): string {
  const where = error.instancePath || '(document)'
  const params = (error.params ?? {}) as Record<string, unknown>
  if (error.keyword === 'additionalProperties')
    return `${where}: has the property "${String(params.additionalProperty)}", which is not allowed here`
  if (error.keyword === 'enum')
    return `${where}: ${error.message ?? 'is not allowed'} (${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')})`
  return `${where}: ${error.message ?? 'is not valid'}`
}
