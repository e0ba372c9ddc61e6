// readInventory: an owner's uploaded inventory (CycloneDX JSON or XML, SPDX JSON or tag-value, a
// purl list) read into components, with the CycloneDX schema check wired in. The reading itself
// is pure and lives in src/domain/sbom/; this supplies the check that needs the library's schema
// files, and the pause between chunks that lets the server answer others during a large upload.
import { setImmediate } from 'node:timers/promises'
import { readInventorySteps, readInventoryWith } from '../../domain/sbom/inventory.js'
import { runPausing } from '../../domain/sbom/steps.js'
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

/** At once, without yielding (tests, scripts, the demo). The first CycloneDX document of a spec version compiles its schema (about 0.5 s). */
export function readInventory(text: string, hint?: InventoryHint): InventoryResult {
  return readInventoryWith(text, hint, checkCycloneDxSchema)
}

/** The same reading, letting the event loop run between chunks: what a server does with an upload. */
export function readInventoryYielding(text: string, hint?: InventoryHint): Promise<InventoryResult> {
  return runPausing(readInventorySteps(text, hint, checkCycloneDxSchema), () => setImmediate())
}
