// The vers test suite (package-url/vers-spec tests, read from the shared conformance folder):
// every comparison and equality case of every *_version_cmp_test.json (and lexicographic-test.json)
// and every containment case of every *_range_containment_test.json, run against our schemes.
// Cases for schemes we do not support, and the documented exceptions below, are reported as
// skipped with the reason in the title, never silently dropped.

import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { resolveScheme } from './registry.js'
import { sign, type VersionScheme } from './scheme.js'
import { versContains } from './versContains.js'

const folder = path.resolve(process.cwd(), '../shared/conformance/vers/tests')

interface VersTest {
  description: string
  test_group: 'required' | 'recommended' | string
  test_type: string
  input: { input_scheme?: string; versions?: string[]; vers?: string; version?: string }
  expected_output: unknown
}

function load(file: string): VersTest[] {
  return (JSON.parse(readFileSync(path.join(folder, file), 'utf8')) as { tests: VersTest[] }).tests
}

const files = readdirSync(folder).sort()
const comparisonFiles = files.filter((f) => f.endsWith('_version_cmp_test.json') || f === 'lexicographic-test.json')
const containmentFiles = files.filter((f) => f.endsWith('_range_containment_test.json'))

/** Files of the suite this test does not run, and why (a new upstream file fails the test below until it is placed). */
const notRun: Record<string, string> = {
  'conan_range_from_native_basic_test.json': 'converts Conan native range syntax to vers (from_native), not ordering',
  'conan_range_from_native_test.json': 'converts Conan native range syntax to vers (from_native), not ordering',
  'gem_range_from_native_test.json': 'converts RubyGems native range syntax to vers (from_native), not ordering',
  'nginx_range_from_native_test.json': 'converts nginx native range syntax to vers (from_native), not ordering',
  'npm_range_from_native_test.json': 'converts npm native range syntax to vers (from_native), not ordering',
  'nuget_range_from_native_test.json': 'converts NuGet native range syntax to vers (from_native), not ordering',
  'openssl_range_from_native_test.json': 'converts OpenSSL native range syntax to vers (from_native), not ordering',
  'pypi_range_from_native_test.json': 'converts PEP 440 specifiers to vers (from_native), not ordering',
  'pypi_range_validate_test.json': 'range validation and normalisation; several expected outputs keep duplicate constraints that src/domain/vers.ts rejects',
  'vers_canonical_parse_test.json': 'parsing and canonical text belong to src/domain/vers.ts and its tests',
}

/** Cases left out on purpose, by file and index, with the reason (kept empty when all pass). */
const leftOut: Record<string, Record<number, string>> = {}

/** Expected outputs sometimes re-spell a version (NuGet lower-cases labels): same text ignoring case and equal under the scheme. */
function same(scheme: VersionScheme, got: string, expected: string): boolean {
  return got === expected || (got.toLowerCase() === expected.toLowerCase() && scheme.compare(got, expected) === 0)
}

describe('vers conformance: the suite is accounted for', () => {
  it('runs or explains every test file', () => {
    const unplaced = files.filter((f) => f.endsWith('.json') && !comparisonFiles.includes(f) && !containmentFiles.includes(f) && !(f in notRun))
    expect(unplaced).toEqual([])
  })
})

describe('vers conformance: version comparison', () => {
  it('finds the test files', () => {
    expect(comparisonFiles.length).toBeGreaterThan(5)
  })
  for (const file of comparisonFiles) {
    describe(file, () => {
      load(file).forEach((t, index) => {
        const schemeName = t.input.input_scheme ?? ''
        const { scheme, fellBack } = resolveScheme(schemeName)
        const title = `#${index} ${t.test_group} ${t.test_type} ${JSON.stringify(t.input.versions)}`
        const reason = leftOut[file]?.[index] ?? (fellBack ? `scheme "${schemeName}" is not supported` : undefined)
        if (reason !== undefined) {
          it.skip(`${title} — left out: ${reason}`, () => {})
          return
        }
        const versions = t.input.versions ?? []
        if (t.test_type === 'comparison') {
          it(title, () => {
            for (const v of versions) expect(scheme.valid(v), v).toBe(true)
            const sorted = [...versions].sort(scheme.compare)
            const expected = t.expected_output as string[]
            expect(sorted.length).toBe(expected.length)
            sorted.forEach((v, i) => expect(same(scheme, v, expected[i]!), `${v} at ${i}, expected ${expected[i]}`).toBe(true))
          })
        } else if (t.test_type === 'equality') {
          it(title, () => {
            const [a, b] = versions as [string, string]
            expect(sign(scheme.compare(a, b)) === 0).toBe(t.expected_output)
            expect(sign(scheme.compare(b, a)) === 0).toBe(t.expected_output)
          })
        } else {
          it.skip(`${title} — left out: test type "${t.test_type}" is not a comparison`, () => {})
        }
      })
    })
  }
})

describe('vers conformance: range containment', () => {
  it('finds the test files', () => {
    expect(containmentFiles.length).toBeGreaterThan(0)
  })
  for (const file of containmentFiles) {
    describe(file, () => {
      load(file).forEach((t, index) => {
        const title = `#${index} ${t.test_group} ${t.input.version} in ${t.input.vers}`
        const reason = leftOut[file]?.[index]
        if (reason !== undefined || t.test_type !== 'containment') {
          it.skip(`${title} — left out: ${reason ?? `test type "${t.test_type}"`}`, () => {})
          return
        }
        it(title, () => {
          const result = versContains(t.input.vers!, t.input.version!)
          expect(result).toMatchObject({ ok: true, contains: t.expected_output, fellBack: false })
        })
      })
    })
  }
})
