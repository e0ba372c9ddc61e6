// ajv-formats-draft2019 ships no types; this is the one call the CycloneDX schema check makes.
declare module 'ajv-formats-draft2019' {
  import type { Ajv } from 'ajv'
  const addFormats2019: (ajv: Ajv, options?: { formats?: string[] }) => Ajv
  export default addFormats2019
}
