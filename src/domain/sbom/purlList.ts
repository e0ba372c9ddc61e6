// A plain list of purls, one a line, for owners without an SBOM tool: blank lines and "#"
// comments are skipped, and a line that is not a purl is reported by its number while the other
// lines are still imported. A text with no purl at all is refused, since it is most likely not
// a purl list (a CSV, an SBOM in an unsupported format).
import { packageFacts } from '../advisory/packages.js'
import { normalizePurl } from './purl.js'
import { chunkSize, runAtOnce, type Steps } from './steps.js'
import { maxErrors, type InventoryComponent, type InventoryProblem, type InventoryResult } from './types.js'

export function* readPurlListSteps(text: string): Steps<InventoryResult> {
  const components: InventoryComponent[] = []
  const problems: InventoryProblem[] = []
  const lines = text.split(/\r?\n/)
  for (const [index, raw] of lines.entries()) {
    if (index > 0 && index % chunkSize === 0) yield
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) continue
    if (line.includes('\u0000') || line.includes('%00'))
      // A NUL cannot be stored: refused, naming its line, rather than failing at the database.
      return {
        ok: false,
        errors: [`line ${index + 1}: holds a NUL character (\\u0000 or %00), which no purl may contain`],
      }
    const read = normalizePurl(line)
    if (!read.ok) {
      problems.push({ component: `line ${index + 1}`, message: `${JSON.stringify(line)} ${read.reason}` })
      continue
    }
    const name = read.namespace ? `${read.namespace}/${read.name}` : read.name
    components.push({
      purl: read.purl,
      type: null,
      name,
      version: read.version,
      ecosystem: packageFacts(read.purl)?.osvEcosystem ?? null,
    })
  }
  if (components.length === 0) {
    if (problems.length === 0)
      return { ok: false, errors: ['the list holds no purl (one a line, like pkg:npm/lodash@4.17.21)'] }
    return { ok: false, errors: problems.slice(0, maxErrors).map((p) => `${p.component}: ${p.message}`) }
  }
  return { ok: true, format: 'purls', components, problems }
}

/** At once: for the demo's short lists. */
export const readPurlList = (text: string): InventoryResult => runAtOnce(readPurlListSteps(text))
