// The names of MITRE's weaknesses, by ID ("CWE-120" → "Buffer Copy without Checking Size of
// Input ('Classic Buffer Overflow')"). CSAF 2.0 requires both the ID and the name of a CWE, and
// its mandatory test 6.1.11 checks the name against the CWE list; the list used here is the one
// that test reads (bundled by @secvisogram/csaf-validator-lib), so the two cannot disagree. A
// case records only the ID: without this, CSAF left out a weakness that OSV and CVE carry.
import { weaknesses } from '@secvisogram/csaf-validator-lib/cwe.js'

const names = new Map(weaknesses.map((w) => [w.id, w.name]))

/** The catalogue's name of a CWE ID ("CWE-79"), or null when the ID is not a weakness it lists. */
export function cweName(id: string | null | undefined): string | null {
  if (!id) return null
  return names.get(id.trim().toUpperCase()) ?? null
}

/**
 * The version of MITRE's CWE list the names above come from (the library's bundled list is
 * CWE 4.17, 2025-04-03): CSAF 2.1 states it beside each weakness, and its test 6.1.11 checks the
 * name against that version.
 */
export const cweCatalogueVersion = '4.17'
