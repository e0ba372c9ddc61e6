// What reading an owner's inventory (an SBOM or a list of purls) yields: the components to match
// against advisories, and per component what could not be read, so that one bad entry does not
// cost the owner the whole upload. A document that fails its own schema yields errors instead.

export type InventoryHint = 'cyclonedx' | 'spdx' | 'purls'

export type InventoryFormat =
  | 'cyclonedx-1.2'
  | 'cyclonedx-1.3'
  | 'cyclonedx-1.4'
  | 'cyclonedx-1.5'
  | 'cyclonedx-1.6'
  | 'spdx-2.2'
  | 'spdx-2.3'
  | 'purls'

export interface InventoryComponent {
  /** Canonical purl (see normalizePurl), or null when the entry had none that reads. */
  purl: string | null
  /** The component's kind as the SBOM says it (CycloneDX "library", SPDX "APPLICATION"), null in a purl list. */
  type: string | null
  /** As the SBOM writes it, a CycloneDX group in front ("org.keycloak/keycloak-core"); from the purl otherwise. */
  name: string
  /** Kept as written: parsing it in its ecosystem is the version parsers' job (src/domain/versions/). */
  version: string | null
  /** The OSV ecosystem of the purl's type ("npm", "Maven", "Debian"), null when unknown or no purl. */
  ecosystem: string | null
}

export interface InventoryProblem {
  /** Which entry: "name@version", or "line 3" in a purl list. */
  component: string
  message: string
}

export type InventoryResult =
  | { ok: true; format: InventoryFormat; components: InventoryComponent[]; problems: InventoryProblem[] }
  | { ok: false; errors: string[] }

/** At most this many errors are returned: the first ones are what an owner fixes first. */
export const maxErrors = 10
