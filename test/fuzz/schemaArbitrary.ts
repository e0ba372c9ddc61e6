// Values shaped by a JSON Schema from the OpenAPI document (the subset zod produces: objects,
// arrays, strings with formats, numbers, enums, anyOf), where any value may instead be hostile:
// a body that passes the outer checks and carries its poison one field deep.
import fc from 'fast-check'
import { hostileString, hostileValue } from './hostile.js'

export interface JsonSchema {
  type?: string | string[]
  enum?: unknown[]
  const?: unknown
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  additionalProperties?: boolean | JsonSchema
  items?: JsonSchema
  minItems?: number
  maxItems?: number
  minLength?: number
  maxLength?: number
  minimum?: number
  maximum?: number
  format?: string
  default?: unknown
}

export interface ShapeOptions {
  /** Real ids (an organization, a case, a report...) so a shaped body can reach past the lookups. */
  ids: string[]
}

function stringOf(schema: JsonSchema, opts: ShapeOptions): fc.Arbitrary<string> {
  switch (schema.format) {
    case 'uuid':
      return fc.oneof(fc.constantFrom(...opts.ids), fc.uuid())
    case 'email':
      return fc.emailAddress()
    case 'date-time':
      return fc.date({ noInvalidDate: true, min: new Date(0), max: new Date(4e12) }).map((d) => d.toISOString())
    case 'date':
      return fc
        .date({ noInvalidDate: true, min: new Date(0), max: new Date(4e12) })
        .map((d) => d.toISOString().slice(0, 10))
    case 'uri':
      return fc.webUrl()
  }
  const minLength = schema.minLength ?? 0
  const maxLength = Math.min(schema.maxLength ?? 60, Math.max(minLength, 60))
  return fc.string({ minLength, maxLength })
}

function shaped(schema: JsonSchema, opts: ShapeOptions, depth: number): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum)
  if (schema.const !== undefined) return fc.constant(schema.const)
  const alternatives = schema.anyOf ?? schema.oneOf
  if (alternatives) return fc.oneof(...alternatives.map((s) => valueOf(s, opts, depth)))
  const types = [schema.type ?? 'object'].flat()
  if (types.length > 1) return fc.oneof(...types.map((type) => valueOf({ ...schema, type }, opts, depth)))
  switch (types[0]) {
    case 'string':
      return stringOf(schema, opts)
    case 'integer':
      return fc.integer({ min: Math.max(schema.minimum ?? -1e6, -1e9), max: Math.min(schema.maximum ?? 1e6, 1e9) })
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true })
    case 'boolean':
      return fc.boolean()
    case 'null':
      return fc.constant(null)
    case 'array':
      if (depth > 4) return fc.constant([])
      return fc.array(valueOf(schema.items ?? {}, opts, depth + 1), {
        minLength: Math.min(schema.minItems ?? 0, 3),
        maxLength: Math.min(schema.maxItems ?? 3, 3),
      })
    default: {
      if (depth > 4) return fc.constant({})
      const properties = schema.properties ?? {}
      const record = fc.record(
        Object.fromEntries(Object.entries(properties).map(([k, s]) => [k, valueOf(s, opts, depth + 1)])),
        { requiredKeys: (schema.required ?? []).filter((k) => k in properties) },
      )
      const extra =
        typeof schema.additionalProperties === 'object'
          ? fc.dictionary(fc.string({ maxLength: 10 }), valueOf(schema.additionalProperties, opts, depth + 1), {
              maxKeys: 3,
            })
          : fc.constant({})
      return fc.tuple(extra, record).map(([a, b]) => ({ ...a, ...b }))
    }
  }
}

/** A value the schema accepts most of the time; one time in five, something hostile in its place. */
export function valueOf(schema: JsonSchema, opts: ShapeOptions, depth = 0): fc.Arbitrary<unknown> {
  const hostile = schema.type === 'string' ? fc.oneof(hostileString, hostileValue) : hostileValue
  return fc.oneof({ weight: 4, arbitrary: shaped(schema, opts, depth) }, { weight: 1, arbitrary: hostile })
}

/** A whole body: shaped with poison inside, an unknown field added, or any JSON at all. */
export function bodyOf(schema: JsonSchema, opts: ShapeOptions): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 6, arbitrary: valueOf(schema, opts) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(shaped(schema, opts, 0), fc.string({ maxLength: 10 }), hostileValue)
        .map(([body, key, value]) =>
          body && typeof body === 'object' && !Array.isArray(body) ? { ...body, [key]: value } : body,
        ),
    },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  )
}
