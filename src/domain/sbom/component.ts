// One entry of an SBOM (whatever the format) made into an inventory component: its purl read
// and canonicalised, its ecosystem looked up, and what is missing said as a problem rather than
// dropping the entry, since a component known by name can still be matched by hand. A NUL
// character in a name, version, type or purl (raw, or %00 in the purl) cannot be stored: the
// whole document is refused, naming the entry's place, rather than failing at the database.
import { packageFacts } from '../advisory/packages.js'
import { normalizePurl } from './purl.js'
import { chunkSize, type Steps } from './steps.js'
import { maxErrors, type InventoryComponent, type InventoryProblem } from './types.js'

export interface SbomEntry {
  purl: string | null
  type: string | null
  name: string
  version: string | null
}

/** An entry with where it is in its document ("/components/3", "line 12") and what each field is called there. */
export interface PathedEntry {
  path: string
  fields: Record<keyof SbomEntry, string>
  entry: SbomEntry
}

export const noPurl = 'no purl: matched by name only'

/** "name@version", or the name alone: how a problem names its component to the owner. */
export const entryLabel = (entry: { name: string; version: string | null }) =>
  entry.version ? `${entry.name}@${entry.version}` : entry.name

const hasNul = (text: string | null | undefined) => text != null && text.includes('\u0000')

/** The first field of the entry that holds a NUL, as "path/field: …", or null. */
function nulIn({ path, fields, entry }: PathedEntry): string | null {
  for (const key of ['name', 'version', 'type', 'purl'] as const)
    if (hasNul(entry[key]))
      return `${path}/${fields[key]}: holds a NUL character (\\u0000), which no ${key} may contain`
  return null
}

export function componentOf(entry: SbomEntry, problems: InventoryProblem[]): InventoryComponent {
  const byName: InventoryComponent = {
    purl: null,
    type: entry.type,
    name: entry.name,
    version: entry.version,
    ecosystem: null,
  }
  if (entry.purl === null || entry.purl.trim() === '') {
    problems.push({ component: entryLabel(entry), message: noPurl })
    return byName
  }
  const read = normalizePurl(entry.purl)
  if (!read.ok) {
    problems.push({
      component: entryLabel(entry),
      message: `purl ${JSON.stringify(entry.purl)} ${read.reason}: matched by name only`,
    })
    return byName
  }
  return {
    purl: read.purl,
    type: entry.type,
    name: entry.name,
    // The SBOM's own version field wins; a purl's version stands in when the entry has none.
    version: entry.version ?? read.version,
    ecosystem: packageFacts(read.purl)?.osvEcosystem ?? null,
  }
}

/** A purl whose decoded parts hold a NUL ("pkg:npm/a%00b"): refused like a raw one. */
function decodedNul(purl: string | null): boolean {
  if (purl === null) return false
  const read = normalizePurl(purl)
  return read.ok && [read.namespace, read.name, read.version].some(hasNul)
}

/** Every entry made a component, a chunk at a time; refused with the places of the first NULs. */
export function* componentsOf(
  entries: readonly PathedEntry[],
): Steps<
  { ok: true; components: InventoryComponent[]; problems: InventoryProblem[] } | { ok: false; errors: string[] }
> {
  const errors: string[] = []
  for (const pathed of entries) {
    const nul =
      nulIn(pathed) ??
      (pathed.entry.purl !== null && pathed.entry.purl.includes('%00') && decodedNul(pathed.entry.purl)
        ? `${pathed.path}/${pathed.fields.purl}: the purl decodes to a NUL character (%00), which no purl may contain`
        : null)
    if (nul) errors.push(nul)
    if (errors.length >= maxErrors) break
  }
  if (errors.length > 0) return { ok: false, errors }
  const problems: InventoryProblem[] = []
  const components: InventoryComponent[] = []
  for (const [index, { entry }] of entries.entries()) {
    if (index > 0 && index % chunkSize === 0) yield
    components.push(componentOf(entry, problems))
  }
  return { ok: true, components, problems }
}
