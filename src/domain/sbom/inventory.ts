// Which format an uploaded inventory is in, and reading it with the right reader. The owner may
// say (a hint, from the upload form or the content type); otherwise the text tells: JSON with
// spdxVersion is SPDX, with bomFormat CycloneDX (a wrong bomFormat is then the schema's error to
// name); XML with a <bom> root CycloneDX XML; "SPDXVersion:" lines SPDX tag-value; else a list of
// purls. Formats we do not read are named as such (SPDX RDF), so the owner learns what to upload
// instead of seeing a purl error on every line. Reading is a generator (steps.ts), so that a
// large inventory is read in chunks between which the server answers other requests.
import { readCycloneDx, type CycloneDxSchemaCheck } from './cyclonedx.js'
import { readCycloneDxXml } from './cyclonedxXml.js'
import { parseJsonInChunks } from './jsonChunks.js'
import { readPurlListSteps } from './purlList.js'
import { readSpdx } from './spdx.js'
import { readSpdxTagValue } from './spdxTagValue.js'
import { runAtOnce, type Steps } from './steps.js'
import type { InventoryHint, InventoryResult } from './types.js'

export type { CycloneDxSchemaCheck, CycloneDxVersion } from './cyclonedx.js'

const looksXml = (text: string) => /^\s*</.test(text)
const looksTagValue = (text: string) => /^\s*(#.*\s*)*SPDXVersion:/.test(text) || /^SPDXVersion:/m.test(text)

export function* readInventorySteps(
  text: string,
  hint: InventoryHint | undefined,
  checkCycloneDx: CycloneDxSchemaCheck,
): Steps<InventoryResult> {
  // A byte-order mark is common in files saved on Windows, and JSON.parse refuses it.
  const body = text.replace(/^\uFEFF/, '')
  if (hint !== 'purls' && looksXml(body)) {
    if (hint === 'spdx' || /<rdf:RDF|spdx\.org\/rdf/.test(body.slice(0, 4096)))
      return { ok: false, errors: ['SPDX RDF/XML is not read: upload the SPDX JSON or tag-value form'] }
    return yield* readCycloneDxXml(body, checkCycloneDx)
  }
  if (hint !== 'purls' && hint !== 'cyclonedx' && looksTagValue(body) && !/^\s*\{/.test(body))
    return yield* readSpdxTagValue(body)
  if (hint === 'purls' || (hint === undefined && !/^\s*\{/.test(body))) return yield* readPurlListSteps(body)
  const json = yield* parseJsonInChunks(body)
  if (!json.ok) return { ok: false, errors: [json.error] }
  if (typeof json.doc !== 'object' || json.doc === null || Array.isArray(json.doc))
    return { ok: false, errors: ['/: must be a JSON object'] }
  const doc = json.doc as Record<string, unknown>
  const format = hint ?? ('spdxVersion' in doc ? 'spdx' : 'bomFormat' in doc ? 'cyclonedx' : undefined)
  if (format === 'cyclonedx') return yield* readCycloneDx(doc, checkCycloneDx)
  if (format === 'spdx') return yield* readSpdx(doc)
  return { ok: false, errors: ['/: neither CycloneDX (no bomFormat) nor SPDX (no spdxVersion)'] }
}

/** The steps run at once: for tests, scripts and small texts (the HTTP adapter yields between them). */
export function readInventoryWith(
  text: string,
  hint: InventoryHint | undefined,
  checkCycloneDx: CycloneDxSchemaCheck,
): InventoryResult {
  return runAtOnce(readInventorySteps(text, hint, checkCycloneDx))
}
