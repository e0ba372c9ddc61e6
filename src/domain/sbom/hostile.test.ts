// Hostile inventories that used to crash an upload (500) or read wrongly: JSON nested thousands of
// levels deep, NUL characters where the database cannot store them; and the chunked JSON reading
// (jsonChunks.ts), which must read every document exactly as JSON.parse does.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readInventoryWith, type CycloneDxSchemaCheck } from './inventory.js'
import { maxJsonDepth, parseJsonInChunks } from './jsonChunks.js'
import { runAtOnce } from './steps.js'

// eslint-disable-next-line require-yield
const anyCycloneDx: CycloneDxSchemaCheck = function* () {
  return []
}
const read = (text: string) => readInventoryWith(text, undefined, anyCycloneDx)

/** A CycloneDX document whose components nest `depth` levels deep. */
function nested(depth: number): string {
  let inner = '{"type":"library","name":"deepest"}'
  for (let i = 0; i < depth; i++) inner = `{"type":"library","name":"level${i}","components":[${inner}]}`
  return `{"bomFormat":"CycloneDX","specVersion":"1.6","components":[${inner}]}`
}

describe('hostile inventories', () => {
  it('refuses JSON nested thousands of levels deep with a 4xx naming where, reads a sane nesting', () => {
    const result = read(nested(5000))
    expect(result.ok).toBe(false)
    const [error] = (result as { errors: string[] }).errors
    expect(error).toMatch(/^\/components\/0\/components\/0\/components\/0\/.*: nested deeper than 100 levels/)
    expect(read('['.repeat(100_000)).ok).toBe(false)
    const sane = read(nested(30))
    expect(sane.ok && sane.components.length).toBe(31)
  })

  it('refuses a NUL in a version or a purl (raw or %00), naming the component’s place', () => {
    const doc = (component: object) =>
      JSON.stringify({
        bomFormat: 'CycloneDX',
        specVersion: '1.6',
        components: [{ type: 'library', name: 'a' }, component],
      })
    expect(read(doc({ type: 'library', name: 'b', version: '1.0\u0000' }))).toEqual({
      ok: false,
      errors: ['/components/1/version: holds a NUL character (\\u0000), which no version may contain'],
    })
    expect(read(doc({ type: 'library', name: 'b', purl: 'pkg:npm/b\u0000@1' }))).toEqual({
      ok: false,
      errors: ['/components/1/purl: holds a NUL character (\\u0000), which no purl may contain'],
    })
    expect(read(doc({ type: 'library', name: 'b', purl: 'pkg:npm/b%00c@1' }))).toEqual({
      ok: false,
      errors: ['/components/1/purl: the purl decodes to a NUL character (%00), which no purl may contain'],
    })
    expect(read('pkg:npm/lodash@4.17.21\npkg:npm/b%00c@1\n')).toEqual({
      ok: false,
      errors: [expect.stringMatching(/^line 2: holds a NUL character/)],
    })
  })
})

describe('reading JSON in chunks', () => {
  const parse = (text: string) => runAtOnce(parseJsonInChunks(text))

  it('reads any JSON value as JSON.parse does, long root arrays included', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.oneof(fc.array(fc.jsonValue(), { maxLength: 5000 }), fc.jsonValue())),
        (value) => {
          const text = JSON.stringify(value)
          expect(parse(text)).toEqual({ ok: true, doc: JSON.parse(text) })
        },
      ),
      { numRuns: 200 },
    )
    const long = { components: Array.from({ length: 4500 }, (_, i) => ({ i, s: 'a,]}"\\' })), x: [] }
    expect(parse(JSON.stringify(long))).toEqual({ ok: true, doc: long })
    expect(parse('{"comp\\u006fnents": [1, 2], "components": [3]}')).toEqual({ ok: true, doc: { components: [3] } })
    expect(parse('{"__proto__": [1]}')).toEqual({ ok: true, doc: JSON.parse('{"__proto__": [1]}') })
  })

  it('refuses what JSON.parse refuses, with its message', () => {
    for (const text of ['{"a": [1,]}', '{"a": [1 2]}', '{"a": [}', '{"a": ]', '{"a": [1]', '{"a": "x}', '{"a":[1],}'])
      expect(parse(text)).toEqual({ ok: false, error: expect.stringMatching(/^not JSON: /) })
  })

  it('bounds nesting at the limit exactly', () => {
    expect(parse(`${'['.repeat(maxJsonDepth)}${']'.repeat(maxJsonDepth)}`).ok).toBe(true)
    expect(parse(`${'['.repeat(maxJsonDepth + 1)}${']'.repeat(maxJsonDepth + 1)}`)).toEqual({
      ok: false,
      error: expect.stringMatching(/nested deeper than 100 levels/),
    })
  })
})
