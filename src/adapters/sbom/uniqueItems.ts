// JSON Schema's uniqueItems in linear time. ajv compares object items pair by pair (quadratic):
// on an SBOM of 10,000 components (and as many dependencies) that alone took over 4 s. Here
// each item is written out canonically (object keys sorted, so equality is ajv's deep equality)
// and looked up in a map, and the error says which two items are the same, as ajv's does.
import type { FuncKeywordDefinition, SchemaValidateFunction } from 'ajv'
import { chunkSize, type Steps } from '../../domain/sbom/steps.js'

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
    return `{${entries.join(',')}}`
  }
  return JSON.stringify(value)
}

const check: SchemaValidateFunction = (unique: boolean, data: unknown) => {
  if (!unique || !Array.isArray(data)) return true
  const seen = new Map<string, number>()
  for (const [j, item] of data.entries()) {
    const key = canonical(item)
    const i = seen.get(key)
    if (i !== undefined) {
      check.errors = [
        {
          keyword: 'uniqueItems',
          message: `must NOT have duplicate items (items ## ${i} and ${j} are identical)`,
          params: { i, j },
        },
      ]
      return false
    }
    seen.set(key, j)
  }
  return true
}

/** The first two identical items of a long array, a chunk at a time (see cyclonedxSchema.ts), or null. */
export function* duplicateItems(data: readonly unknown[]): Steps<{ i: number; j: number } | null> {
  const seen = new Map<string, number>()
  for (const [j, item] of data.entries()) {
    if (j > 0 && j % chunkSize === 0) yield
    const key = canonical(item)
    const i = seen.get(key)
    if (i !== undefined) return { i, j }
    seen.set(key, j)
  }
  return null
}

/** The keyword that stands in for "uniqueItems" in the schemas we compile. */
export const uniqueItemsKeyword = 'x-lockstep-uniqueItems'

export const uniqueItemsDefinition: FuncKeywordDefinition = {
  keyword: uniqueItemsKeyword,
  type: 'array',
  schemaType: 'boolean',
  errors: true,
  validate: check,
}

/** A copy of the schema with every "uniqueItems" replaced by the linear keyword. */
export function withLinearUniqueItems(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withLinearUniqueItems)
  if (schema === null || typeof schema !== 'object') return schema
  const copy: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(schema)) {
    // "enum" and "const" hold data, not schema: a property named uniqueItems there stays as it is.
    if (key === 'uniqueItems') copy[uniqueItemsKeyword] = value
    else
      copy[key] =
        key === 'enum' || key === 'const' || key === 'default' || key === 'examples'
          ? value
          : withLinearUniqueItems(value)
  }
  return copy
}
