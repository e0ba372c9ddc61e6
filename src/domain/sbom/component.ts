// One entry of an SBOM (whatever the format) made into an inventory component: its purl read
// and canonicalised, its ecosystem looked up, and what is missing said as a problem rather than
// dropping the entry, since a component known by name can still be matched by hand.
import { packageFacts } from '../advisory/packages.js'
import { normalizePurl } from './purl.js'
import type { InventoryComponent, InventoryProblem } from './types.js'

export interface SbomEntry {
  purl: string | null
  type: string | null
  name: string
  version: string | null
}

export const noPurl = 'no purl: matched by name only'

/** "name@version", or the name alone: how a problem names its component to the owner. */
export const entryLabel = (entry: { name: string; version: string | null }) =>
  entry.version ? `${entry.name}@${entry.version}` : entry.name

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
