// Reads one package URL from an inventory into its canonical spelling, so that components and
// advisories compare as strings. packageurl-js does the reading and the per-type normalising; this
// only trims, turns its exceptions into a reason, and adds what the current purl specification
// asks beyond packageurl-js 2.0.1 (the exceptions are listed in purl.test.ts).
import { PackageURL } from 'packageurl-js'

export type PurlResult =
  | { ok: true; purl: string; type: string; namespace: string | null; name: string; version: string | null }
  | { ok: false; reason: string }

// Types the specification declares case-insensitive but packageurl-js 2.0.1 does not lower-case
// yet: without this, pkg:brew/SQLite and pkg:brew/sqlite would be two components.
const lowerCasedBeyondLibrary = new Set(['brew', 'git'])

/**
 * The specification's canonical spelling where packageurl-js 2.0.1 differs: "+" in a version is
 * encoded ("1:2.4.47-2%2Bb1"), ":" in qualifier values and the subpath is not
 * ("checksum=sha256:de4d…", "repository_url=https:%2F%2F…"). Both spellings decode to the same
 * purl; only the string differs, and the string is what two inventories are compared by.
 */
function canonicalSpelling(text: string): string {
  const cut = text.search(/[?#]/)
  const [head, tail] = cut < 0 ? [text, ''] : [text.slice(0, cut), text.slice(cut)]
  // In the head the only literal "@" is the version's: a namespace's "@" (npm scopes) is encoded.
  const at = head.lastIndexOf('@')
  const canonicalHead = at < 0 ? head : head.slice(0, at + 1) + head.slice(at + 1).replace(/\+/g, '%2B')
  return canonicalHead + tail.replace(/%3A/gi, ':')
}

export function normalizePurl(text: string): PurlResult {
  const trimmed = text.trim()
  if (!trimmed) return { ok: false, reason: 'is empty' }
  // packageurl-js reads an "@" right after a "/" as part of the name (lenient with npm scopes
  // written unencoded); the specification reads it as the start of the version, so
  // pkg:cran/@0.9.1 has no name and must be refused rather than read as the package "@0.9.1".
  if (/\/@[^/]*$/.test(trimmed.replace(/[?#].*$/s, ''))) return { ok: false, reason: 'has no name (pkg:<type>/<name>)' }
  let purl: PackageURL
  try {
    purl = PackageURL.fromString(trimmed)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    return { ok: false, reason: message.replace(/^Invalid purl:\s*/i, '') }
  }
  if (lowerCasedBeyondLibrary.has(purl.type)) {
    purl.namespace = purl.namespace?.toLowerCase()
    purl.name = purl.name.toLowerCase()
  }
  return {
    ok: true,
    purl: canonicalSpelling(purl.toString()),
    type: purl.type,
    namespace: purl.namespace || null,
    name: purl.name,
    version: purl.version || null,
  }
}
