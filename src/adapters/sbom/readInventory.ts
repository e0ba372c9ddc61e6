// readInventory: an owner's uploaded inventory (CycloneDX JSON, SPDX JSON or a purl list) read
// into components, with the CycloneDX schema check wired in. The reading itself is pure and lives
// in src/domain/sbom/; this only supplies the check that needs the library's schema files.
import { readInventoryWith } from '../../domain/sbom/inventory.js'
import type { InventoryHint, InventoryResult } from '../../domain/sbom/types.js'
import { checkCycloneDxSchema } from './cyclonedxSchema.js'

export type { InventoryComponent, InventoryFormat, InventoryHint, InventoryProblem, InventoryResult } from '../../domain/sbom/types.js'

/** Async because the CycloneDX validator is: it loads its schema on first use. */
export function readInventory(text: string, hint?: InventoryHint): Promise<InventoryResult> {
  return readInventoryWith(text, hint, checkCycloneDxSchema)
}
