// Types for the parts of @secvisogram/csaf-validator-lib that validate.ts uses: the package is
// JavaScript with JSDoc only and ships no declarations (its README gives these signatures).

declare module '@secvisogram/csaf-validator-lib/validateStrict.js' {
  type Problem = { message: string; instancePath: string }
  type DocumentTest = (doc: unknown) => unknown
  const validateStrict: (
    tests: DocumentTest[],
    doc: unknown,
  ) => Promise<{
    isValid: boolean
    tests: { name: string; isValid: boolean; errors: Problem[]; warnings: Problem[]; infos: Problem[] }[]
  }>
  export default validateStrict
}

declare module '@secvisogram/csaf-validator-lib/mandatoryTests.js' {
  type DocumentTest = (doc: unknown) => unknown
  const tests: Record<string, DocumentTest>
  export = tests
}

declare module '@secvisogram/csaf-validator-lib/schemaTests.js' {
  type DocumentTest = (doc: unknown) => unknown
  export const csaf_2_0_strict: DocumentTest
  export const csaf_2_0: DocumentTest
}

// The CSAF 2.0 JSON schema and the FIRST CVSS schemas it refers to, as the library bundles them.
declare module '@secvisogram/csaf-validator-lib/lib/schemaTests/csaf_2_0/schema.js' {
  const schema: { $id: string }
  export default schema
}
declare module '@secvisogram/csaf-validator-lib/schemas/cvss-v2.0.js' {
  const schema: object
  export default schema
}
declare module '@secvisogram/csaf-validator-lib/schemas/cvss-v3.0.js' {
  const schema: object
  export default schema
}
declare module '@secvisogram/csaf-validator-lib/schemas/cvss-v3.1.js' {
  const schema: object
  export default schema
}

// MITRE's CWE list (id and name of every weakness), as the library bundles it for test 6.1.11.
declare module '@secvisogram/csaf-validator-lib/cwe.js' {
  export const weaknesses: readonly { id: string; name: string }[]
}

declare module '@secvisogram/csaf-validator-lib/optionalTests.js' {
  type DocumentTest = (doc: unknown) => unknown
  const tests: Record<string, DocumentTest>
  export = tests
}

// CSAF 2.1 (validate21.ts): the library's runner without strict mode (strict mode knows only the
// 2.0 tests), the csaf_2_1 tests, and the CVSS 4.0 schema they use.
declare module '@secvisogram/csaf-validator-lib/validate.js' {
  type Problem = { message: string; instancePath: string }
  type DocumentTest = (doc: unknown) => unknown
  const validate: (
    tests: DocumentTest[],
    doc: unknown,
  ) => Promise<{
    isValid: boolean
    tests: { name: string; isValid: boolean; errors: Problem[]; warnings: Problem[]; infos: Problem[] }[]
  }>
  export default validate
}
declare module '@secvisogram/csaf-validator-lib/csaf_2_1/schemaTests.js' {
  type DocumentTest = (doc: unknown) => unknown
  export const csaf_2_1_strict: DocumentTest
  export const csaf_2_1: DocumentTest
}
declare module '@secvisogram/csaf-validator-lib/csaf_2_1/mandatoryTests.js' {
  type DocumentTest = (doc: unknown) => unknown
  const tests: Record<string, DocumentTest>
  export = tests
}
declare module '@secvisogram/csaf-validator-lib/csaf_2_1/recommendedTests.js' {
  type DocumentTest = (doc: unknown) => unknown
  const tests: Record<string, DocumentTest>
  export = tests
}
declare module '@secvisogram/csaf-validator-lib/csaf_2_1/csafAjv/cvss-v4.0.js' {
  const schema: object
  export default schema
}
