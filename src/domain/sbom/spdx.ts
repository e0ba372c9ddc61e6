// SPDX 2.2 and 2.3 documents (the JSON form, and the tag-value form once spdxTagValue.ts has read
// it into the same shape). No SPDX schema ships with our dependencies (and we do not copy one
// in), so a zod schema checks by hand what the SPDX 2.2/2.3 JSON schemas make mandatory — the
// document's spdxVersion, SPDXID, name, dataLicense, documentNamespace and creationInfo (created,
// creators), each package's SPDXID, name and downloadLocation — plus the fields we read, and says
// by JSON pointer what is wrong. A document that is only {"spdxVersion": "SPDX-2.3"} is therefore
// refused instead of read as an inventory of nothing. A package's purl is its external reference
// of type "purl" (category PACKAGE-MANAGER in 2.2 and 2.3, PACKAGE_MANAGER in 2.3's JSON).
import { z } from 'zod'
import { componentsOf, type PathedEntry } from './component.js'
import type { Steps } from './steps.js'
import { maxErrors, type InventoryResult } from './types.js'

const required = (what: string) => ({
  error: (issue: { input: unknown }) => (issue.input === undefined ? `is required (${what})` : `must be ${what}`),
})
const text = (what: string) => z.string(required(what)).min(1, `must not be empty (${what})`)

const externalRef = z.object({
  referenceCategory: text('a category, e.g. PACKAGE-MANAGER'),
  referenceType: text('a type, e.g. purl'),
  referenceLocator: text('the reference itself, e.g. a purl'),
})

const spdxPackage = z.object({
  SPDXID: text('the package’s identifier, e.g. SPDXRef-Package-hello'),
  name: text('the package’s name'),
  downloadLocation: text('a URL, NONE or NOASSERTION'),
  versionInfo: z.string(required('a string')).optional(),
  primaryPackagePurpose: z.string(required('a string')).optional(),
  externalRefs: z.array(externalRef, required('a list of external references')).optional(),
})

export const spdxDocument = z.object({
  spdxVersion: z.enum(['SPDX-2.2', 'SPDX-2.3'], {
    error: (issue) =>
      issue.input === undefined
        ? 'is required (SPDX-2.2 or SPDX-2.3)'
        : `must be SPDX-2.2 or SPDX-2.3 (found ${JSON.stringify(issue.input)})`,
  }),
  SPDXID: text('SPDXRef-DOCUMENT'),
  name: text('the document’s name'),
  dataLicense: text('CC0-1.0'),
  documentNamespace: text('a URI unique to this document'),
  creationInfo: z.object(
    {
      created: text('when the document was made, e.g. 2024-01-31T12:00:00Z'),
      creators: z
        .array(z.string(), required('a list like ["Tool: syft-1.0"]'))
        .min(1, 'must name at least one creator'),
    },
    required('an object with created and creators'),
  ),
  // A document may describe only files; it then has no package to match.
  packages: z.array(spdxPackage, required('a list of packages')).optional(),
})

const packageManager = new Set(['PACKAGE-MANAGER', 'PACKAGE_MANAGER'])

/** "/packages/3/externalRefs/0/referenceType", as ajv names places, so all formats read alike. */
export const pointer = (path: readonly PropertyKey[]) => (path.length ? '/' + path.map(String).join('/') : '/')

export type SpdxDocument = z.infer<typeof spdxDocument>

/** The document checked, or its first errors as "pointer: message" (see spdxTagValue.ts for the tag-value words). */
export function checkSpdx(doc: unknown): { ok: true; doc: SpdxDocument } | { ok: false; issues: z.core.$ZodIssue[] } {
  const parsed = spdxDocument.safeParse(doc)
  return parsed.success ? { ok: true, doc: parsed.data } : { ok: false, issues: parsed.error.issues }
}

export function* readSpdx(doc: unknown): Steps<InventoryResult> {
  const checked = checkSpdx(doc)
  if (!checked.ok)
    return {
      ok: false,
      errors: checked.issues.slice(0, maxErrors).map((issue) => `${pointer(issue.path)}: ${issue.message}`),
    }
  return yield* readCheckedSpdx(checked.doc, (index) => `/packages/${index}`)
}

const jsonFields = { purl: 'externalRefs', name: 'name', version: 'versionInfo', type: 'primaryPackagePurpose' }

/** Components of a checked document; `where` and `fields` name a package and its fields in the document's form. */
export function* readCheckedSpdx(
  doc: SpdxDocument,
  where: (index: number) => string,
  fields: PathedEntry['fields'] = jsonFields,
): Steps<InventoryResult> {
  const entries: PathedEntry[] = (doc.packages ?? []).map((pkg, index) => {
    const ref = pkg.externalRefs?.find((r) => packageManager.has(r.referenceCategory) && r.referenceType === 'purl')
    // "NOASSERTION" says the author did not know the version: that is no version at all.
    const version = pkg.versionInfo && pkg.versionInfo !== 'NOASSERTION' ? pkg.versionInfo : null
    return {
      path: where(index),
      fields,
      entry: { purl: ref?.referenceLocator ?? null, type: pkg.primaryPackagePurpose ?? null, name: pkg.name, version },
    }
  })
  const read = yield* componentsOf(entries)
  if (!read.ok) return read
  return {
    ok: true,
    format: doc.spdxVersion === 'SPDX-2.2' ? 'spdx-2.2' : 'spdx-2.3',
    components: read.components,
    problems: read.problems,
  }
}
