// CycloneDX 1.2 to 1.6 (JSON, and XML once cyclonedxXml.ts has read it into the JSON shape): the
// document is checked against the schema of its own specVersion first (a check the caller passes
// in, since the schemas are files a library reads: see src/adapters/sbom/), and only a valid
// document is read, so nothing half-read is imported. The components are those of "components",
// nested ones included; metadata.component is the product the SBOM describes, not one of its
// parts, and is left out.
import { componentsOf, type PathedEntry } from './component.js'
import type { Steps } from './steps.js'
import { maxErrors, type InventoryFormat, type InventoryResult } from './types.js'

export const cycloneDxVersions = ['1.2', '1.3', '1.4', '1.5', '1.6'] as const
export type CycloneDxVersion = (typeof cycloneDxVersions)[number]

/**
 * Checks the parsed document against the schema of that version, yielding between chunks of a
 * large document; the errors name a JSON path each, [] if valid.
 */
export type CycloneDxSchemaCheck = (version: CycloneDxVersion, doc: unknown) => Steps<string[]>

interface CdxComponent {
  type?: string
  group?: string
  name: string
  version?: string
  purl?: string
  components?: CdxComponent[]
}

/** The version, or why it is not one we read; `where` names the field ("/specVersion", or the XML namespace). */
export function cycloneDxVersionOf(found: unknown, where = '/specVersion'): CycloneDxVersion | { error: string } {
  if (typeof found !== 'string') return { error: `${where}: missing (CycloneDX says its version, 1.2 to 1.6)` }
  const known = cycloneDxVersions.find((v) => v === found)
  return known ?? { error: `${where}: CycloneDX ${found} is not supported (1.2 to 1.6 are)` }
}

const fields = { purl: 'purl', name: 'name', version: 'version', type: 'type' }

/**
 * Reads a document of a known version; `place` turns a JSON pointer into the words of the
 * document's own form (XML element paths), for the schema's errors and the component's.
 */
export function* readCycloneDxOf(
  version: CycloneDxVersion,
  doc: Record<string, unknown>,
  check: CycloneDxSchemaCheck,
  place: (pointer: string) => string = (p) => p,
): Steps<InventoryResult> {
  const errors = yield* check(version, doc)
  if (errors.length > 0) return { ok: false, errors: errors.slice(0, maxErrors).map(place) }
  // The schema has vouched for the shape: every component has a name (and a type).
  // A loop with a stack rather than recursion, so a deeply nested SBOM cannot overflow the call stack.
  const entries: PathedEntry[] = []
  const top = (doc.components as CdxComponent[] | undefined) ?? []
  const pending = top.map((component, i) => ({ component, path: `/components/${i}` })).reverse()
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { component: c, path } = next
    const name = c.group ? `${c.group}/${c.name}` : c.name
    entries.push({
      path: place(path),
      fields,
      entry: { purl: c.purl ?? null, type: c.type ?? null, name, version: c.version ?? null },
    })
    const nested = c.components ?? []
    for (let i = nested.length - 1; i >= 0; i--)
      pending.push({ component: nested[i]!, path: `${path}/components/${i}` })
  }
  const read = yield* componentsOf(entries)
  if (!read.ok) return read
  // XML or JSON, the stored format is the version's: the components read are the same.
  return {
    ok: true,
    format: `cyclonedx-${version}` as InventoryFormat,
    components: read.components,
    problems: read.problems,
  }
}

export function* readCycloneDx(doc: Record<string, unknown>, check: CycloneDxSchemaCheck): Steps<InventoryResult> {
  const version = cycloneDxVersionOf(doc.specVersion)
  if (typeof version !== 'string') return { ok: false, errors: [version.error] }
  return yield* readCycloneDxOf(version, doc, check)
}
