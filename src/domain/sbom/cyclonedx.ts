// CycloneDX JSON 1.2 to 1.6: the document is checked against the schema of its own specVersion
// first (a check the caller passes in, since the schemas are files a library reads: see
// src/adapters/sbom/), and only a valid document is read, so nothing half-read is imported. The
// components are those of "components", nested ones included; metadata.component is the product
// the SBOM describes, not one of its parts, and is left out.
import { componentOf } from './component.js'
import {
  maxErrors,
  type InventoryComponent,
  type InventoryFormat,
  type InventoryProblem,
  type InventoryResult,
} from './types.js'

export const cycloneDxVersions = ['1.2', '1.3', '1.4', '1.5', '1.6'] as const
export type CycloneDxVersion = (typeof cycloneDxVersions)[number]

/** Checks the parsed document against the schema of that version; the errors name a JSON path each, [] if valid. */
export type CycloneDxSchemaCheck = (version: CycloneDxVersion, doc: unknown) => string[]

interface CdxComponent {
  type?: string
  group?: string
  name: string
  version?: string
  purl?: string
  components?: CdxComponent[]
}

function specVersionOf(doc: Record<string, unknown>): CycloneDxVersion | { error: string } {
  const found = doc.specVersion
  if (typeof found !== 'string') return { error: '/specVersion: missing (CycloneDX JSON says its version, 1.2 to 1.6)' }
  const known = cycloneDxVersions.find((v) => v === found)
  return known ?? { error: `/specVersion: CycloneDX ${found} is not supported (1.2 to 1.6 are)` }
}

export function readCycloneDx(doc: Record<string, unknown>, check: CycloneDxSchemaCheck): InventoryResult {
  const version = specVersionOf(doc)
  if (typeof version !== 'string') return { ok: false, errors: [version.error] }
  const errors = check(version, doc)
  if (errors.length > 0) return { ok: false, errors: errors.slice(0, maxErrors) }
  const problems: InventoryProblem[] = []
  const components: InventoryComponent[] = []
  // The schema has vouched for the shape: every component has a name (and a type).
  // A loop with a stack rather than recursion, so a deeply nested SBOM cannot overflow the call stack.
  const pending: CdxComponent[] = [...((doc.components as CdxComponent[] | undefined) ?? [])].reverse()
  for (let next = pending.pop(); next; next = pending.pop()) {
    const name = next.group ? `${next.group}/${next.name}` : next.name
    components.push(
      componentOf({ purl: next.purl ?? null, type: next.type ?? null, name, version: next.version ?? null }, problems),
    )
    if (next.components) pending.push(...[...next.components].reverse())
  }
  return { ok: true, format: `cyclonedx-${version}` as InventoryFormat, components, problems }
}
