// SPDX 2.2 and 2.3 JSON documents. No SPDX schema ships with our dependencies (and we do not copy
// one in), so a zod schema checks the fields we read, and says by JSON pointer what is wrong with
// them; the rest of the document is the owner's business. A package's purl is its external
// reference of type "purl" (category PACKAGE-MANAGER in 2.2 and 2.3, PACKAGE_MANAGER in 2.3's JSON).
import { z } from 'zod'
import { componentOf } from './component.js'
import { maxErrors, type InventoryProblem, type InventoryResult } from './types.js'

const externalRef = z.object({
  referenceCategory: z.string(),
  referenceType: z.string(),
  referenceLocator: z.string(),
})

const spdxPackage = z.object({
  name: z.string().min(1, 'a package needs a name'),
  versionInfo: z.string().optional(),
  primaryPackagePurpose: z.string().optional(),
  externalRefs: z.array(externalRef).optional(),
})

export const spdxDocument = z.object({
  spdxVersion: z.enum(['SPDX-2.2', 'SPDX-2.3'], {
    error: (issue) => `must be SPDX-2.2 or SPDX-2.3 (found ${JSON.stringify(issue.input)})`,
  }),
  // A document may describe only files; it then has no package to match.
  packages: z.array(spdxPackage).optional(),
})

const packageManager = new Set(['PACKAGE-MANAGER', 'PACKAGE_MANAGER'])

/** "/packages/3/externalRefs/0/referenceType", as ajv names places, so all formats read alike. */
const pointer = (path: readonly PropertyKey[]) => (path.length ? '/' + path.map(String).join('/') : '/')

export function readSpdx(doc: unknown): InventoryResult {
  const parsed = spdxDocument.safeParse(doc)
  if (!parsed.success)
    return {
      ok: false,
      errors: parsed.error.issues.slice(0, maxErrors).map((issue) => `${pointer(issue.path)}: ${issue.message}`),
    }
  const problems: InventoryProblem[] = []
  const components = (parsed.data.packages ?? []).map((pkg) => {
    const ref = pkg.externalRefs?.find((r) => packageManager.has(r.referenceCategory) && r.referenceType === 'purl')
    // "NOASSERTION" says the author did not know the version: that is no version at all.
    const version = pkg.versionInfo && pkg.versionInfo !== 'NOASSERTION' ? pkg.versionInfo : null
    return componentOf(
      { purl: ref?.referenceLocator ?? null, type: pkg.primaryPackagePurpose ?? null, name: pkg.name, version },
      problems,
    )
  })
  return { ok: true, format: parsed.data.spdxVersion === 'SPDX-2.2' ? 'spdx-2.2' : 'spdx-2.3', components, problems }
}
