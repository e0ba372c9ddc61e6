// The official schemas of the VEX formats, read from ../shared/conformance, for the tests that
// check every VEX document Lockstep writes (and the fixtures it reads): OpenVEX 0.2.0 (JSON Schema
// 2020-12) and CycloneDX 1.6 (draft-07, with the SPDX, JSF and cryptography schemas it refers to).
// CSAF VEX goes through the domain's validateCsaf (csaf-validator-lib). [] means valid.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { Ajv, type AnySchema, type ValidateFunction } from 'ajv'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'

const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as unknown as (ajv: Ajv) => Ajv

export const conformance = path.resolve(process.cwd(), '../shared/conformance')
export const readConformance = (file: string) =>
  JSON.parse(readFileSync(path.join(conformance, file), 'utf8')) as unknown

const errors = (validate: ValidateFunction, doc: unknown) =>
  validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message}`)

let openVex: ValidateFunction | null = null
export function validateOpenVex(doc: unknown): string[] {
  if (!openVex) {
    const ajv = new Ajv2020({ allErrors: true, strict: false })
    addFormats(ajv as unknown as Ajv)
    // ajv-formats knows no "iri"; an IRI is checked as the URI it must at least be written like.
    ajv.addFormat('iri', /^[a-z][a-z0-9+.-]*:\S+$/i)
    openVex = ajv.compile(readConformance('openvex/openvex_json_schema.json') as AnySchema)
  }
  return errors(openVex, doc)
}

let cycloneDx: ValidateFunction | null = null
export function validateCycloneDx16(doc: unknown): string[] {
  if (!cycloneDx) {
    const ajv = new Ajv({ allErrors: true, strict: false })
    addFormats(ajv)
    ajv.addFormat('idn-email', true)
    ajv.addFormat('iri-reference', true)
    for (const file of ['spdx.schema.json', 'jsf-0.82.schema.json', 'cryptography-defs.schema.json'])
      ajv.addSchema(readConformance(`cyclonedx/schema/${file}`) as AnySchema)
    cycloneDx = ajv.compile(readConformance('cyclonedx/schema/bom-1.6.schema.json') as AnySchema)
  }
  return errors(cycloneDx, doc)
}
