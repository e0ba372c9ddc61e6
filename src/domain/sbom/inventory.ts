// Which format an uploaded inventory is in, and reading it with the right reader. The owner may
// say (a hint, from the upload form); otherwise the text tells: JSON with spdxVersion is SPDX, with
// bomFormat CycloneDX (a wrong bomFormat is then the schema's error to name), else a list of
// purls. Formats we do not read yet are named as such, so the owner learns what to upload
// instead of seeing a purl error on every line.
import { readCycloneDx, type CycloneDxSchemaCheck } from './cyclonedx.js'
import { readPurlList } from './purlList.js'
import { readSpdx } from './spdx.js'
import type { InventoryHint, InventoryResult } from './types.js'

export type { CycloneDxSchemaCheck, CycloneDxVersion } from './cyclonedx.js'

function parseJson(text: string): { doc: Record<string, unknown> } | { error: string } {
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch (error) {
    return { error: `not JSON: ${error instanceof Error ? error.message : String(error)}` }
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return { error: '/: must be a JSON object' }
  return { doc: doc as Record<string, unknown> }
}

function unsupported(text: string): string | null {
  if (/^\s*</.test(text)) return 'XML is not read (CycloneDX XML, SPDX RDF): upload the JSON form'
  if (/^\s*SPDXVersion:/m.test(text)) return 'SPDX tag-value is not read: upload the SPDX JSON form'
  return null
}

export function readInventoryWith(
  text: string,
  hint: InventoryHint | undefined,
  checkCycloneDx: CycloneDxSchemaCheck,
): InventoryResult {
  // A byte-order mark is common in files saved on Windows, and JSON.parse refuses it.
  const body = text.replace(/^\uFEFF/, '')
  const notRead = unsupported(body)
  if (notRead && hint !== 'purls') return { ok: false, errors: [notRead] }
  if (hint === 'purls' || (hint === undefined && !/^\s*\{/.test(body))) return readPurlList(body)
  const json = parseJson(body)
  if ('error' in json) return { ok: false, errors: [json.error] }
  const { doc } = json
  const format = hint ?? ('spdxVersion' in doc ? 'spdx' : 'bomFormat' in doc ? 'cyclonedx' : undefined)
  if (format === 'cyclonedx') return readCycloneDx(doc, checkCycloneDx)
  if (format === 'spdx') return readSpdx(doc)
  return { ok: false, errors: ['/: neither CycloneDX (no bomFormat) nor SPDX (no spdxVersion)'] }
}
