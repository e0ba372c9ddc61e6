// readInventory: an owner's uploaded inventory (CycloneDX JSON, SPDX JSON or a purl list) read
// into components, with the CycloneDX schema check wired in. The reading itself is pure and lives
// in src/domain/sbom/; this only supplies the check that needs the library's schema files.
import { readInventoryWith } from '../../domain/sbom/inventory.js'
import type { InventoryHint, InventoryResult } from '../../domain/sbom/types.js'
import { checkCycloneDxSchema } from './cyclonedxSchema.js'

export { prepareCycloneDxSchema } from './cyclonedxSchema.js'

export type {
  InventoryComponent,
  InventoryFormat,
  InventoryHint,
  InventoryProblem,
  InventoryResult,
} from '../../domain/sbom/types.js'

/** Synchronous: the first CycloneDX document of a spec version reads and compiles that version's schema (about 0.5 s), later ones reuse it. */
export function readInventory(text: string, hint?: InventoryHint): InventoryResult {
  return readInventoryWith(text, hint, checkCycloneDxSchema)
}
