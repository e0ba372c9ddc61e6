// Checks a CSAF 2.1 document with csaf-validator-lib's csaf_2_1 tests: the strict schema, every
// mandatory test and (for the tests and the crawler) every recommended test. Messages read like
// validate.ts's 2.0 ones: the test, where (a JSON pointer) and what. An empty list means valid.
//
// Two places where the library, not the document, is wrong (csaf-validator-lib 2.0.10):
// - Its ajv checks `multipleOf: 0.1` in floating point, so a CVSS 4.0 score such as 8.7 (8.7 / 0.1
//   = 86.99999999999999) "is not a multiple of 0.1". The schema test and test 6.1.8 report it on
//   the cvss_v4 object; such reports are dropped only when that very object passes the same CVSS
//   4.0 schema compiled with a precision for multipleOf (any other problem there still counts).
// - Its mandatory test 6.1.26 is 2.0's: it refuses the 2.1 profiles csaf_withdrawn and
//   csaf_superseded as an unknown use of the reserved "csaf_" prefix. Dropped for those two only
//   (the 2.1 tests 6.1.27.14–19 that check them do run).
// - Its recommended test 6.2.20 (additional properties) runs the CSAF 2.0 strict schema, which
//   refuses every field 2.1 added (`$schema`, `license_expression`, `metrics`...): not run.
import validate from '@secvisogram/csaf-validator-lib/validate.js'
import { Ajv2020 } from 'ajv/dist/2020.js'
import type { Ajv } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { csaf_2_1_strict } from '@secvisogram/csaf-validator-lib/csaf_2_1/schemaTests.js'
import * as mandatoryTests from '@secvisogram/csaf-validator-lib/csaf_2_1/mandatoryTests.js'
import * as recommendedTests from '@secvisogram/csaf-validator-lib/csaf_2_1/recommendedTests.js'
import cvss40Schema from '@secvisogram/csaf-validator-lib/csaf_2_1/csafAjv/cvss-v4.0.js'

const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as unknown as (ajv: Ajv) => Ajv

const cvss40Ajv = new Ajv2020({ strict: false, allErrors: true, multipleOfPrecision: 6 })
addFormats(cvss40Ajv as unknown as Ajv)
const cvss40Valid = cvss40Ajv.compile(cvss40Schema)

const LIBRARY_BUG_TESTS = new Set(['recommendedTest_6_2_20'])
const recommended = Object.entries(recommendedTests)
  .filter(([name]) => !LIBRARY_BUG_TESTS.has(name))
  .map(([, test]) => test)

/** "mandatoryTest_6_1_27_9" → "CSAF 2.1 6.1.27.9"; the schema test keeps its name. */
const label = (name: string) => {
  const numbered = /^(?:mandatory|recommended)Tests?_(.*)$/.exec(name)
  return numbered ? `CSAF 2.1 ${numbered[1]!.replace(/_/g, '.')}` : `CSAF 2.1 schema (${name})`
}

/** The value a JSON pointer names in doc, or undefined. */
function at(doc: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .reduce<unknown>(
      (value, key) =>
        value !== null && typeof value === 'object'
          ? (value as Record<string, unknown>)[key.replace(/~1/g, '/').replace(/~0/g, '~')]
          : undefined,
      doc,
    )
}

/** A report on a CVSS 4.0 object that passes its schema once multipleOf is computed with a precision. */
function isFloatingPointReport(doc: unknown, instancePath: string): boolean {
  const cvss = /^(.*\/content\/cvss_v4)(\/|$)/.exec(instancePath)
  return cvss !== null && cvss40Valid(at(doc, cvss[1]!)) === true
}

/** The categories of the 2.1 profiles that 2.0 did not have, which 6.1.26 (2.0's) calls reserved. */
const profiles21 = new Set(['csaf_withdrawn', 'csaf_superseded'])
const isProfile21 = (doc: unknown) => profiles21.has(String(at(doc, '/document/category')))

async function run(doc: unknown, withRecommended: boolean): Promise<string[]> {
  const tests = [csaf_2_1_strict, ...Object.values(mandatoryTests), ...(withRecommended ? recommended : [])]
  const result = await validate(tests, doc)
  return result.tests.flatMap((test) =>
    [...test.errors, ...(withRecommended ? test.warnings : [])]
      .filter((problem) => !isFloatingPointReport(doc, problem.instancePath))
      .filter(() => !(test.name === 'mandatoryTest_6_1_26' && isProfile21(doc)))
      .map((problem) => `${label(test.name)}: ${problem.instancePath || '(document)'}: ${problem.message}`),
  )
}

/** The strict schema and every mandatory test: what the release requires. */
export function validateCsaf21(doc: unknown): Promise<string[]> {
  return run(doc, false)
}

/** The same, and the recommended tests' warnings too: what Lockstep's own documents are held to. */
export function validateCsaf21Recommended(doc: unknown): Promise<string[]> {
  return run(doc, true)
}
