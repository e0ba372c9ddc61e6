// Which format an inventory file is in, read in the browser before sending, so the upload goes
// with the content type the API reads it by and the form can say what it will send. The server
// decides the same way (src/domain/sbom/inventory.ts): JSON with spdxVersion is SPDX, with
// bomFormat CycloneDX; XML with a <bom> CycloneDX XML; "SPDXVersion:" lines SPDX tag-value;
// anything else a list of purls.
import type { InventoryHint } from '../../api/ownerTypes'

export interface DetectedFormat {
  hint: InventoryHint
  contentType: string
  label: string
}

/** The file types the chooser offers (any file may still be dropped or chosen). */
export const inventoryFileTypes = '.json,.xml,.spdx,.txt,.cdx,.bom,application/json,application/xml,text/xml,text/plain'

const cycloneDxXml: DetectedFormat = {
  hint: 'cyclonedx',
  contentType: 'application/vnd.cyclonedx+xml',
  label: 'CycloneDX XML',
}
const spdxTagValue: DetectedFormat = { hint: 'spdx', contentType: 'text/spdx', label: 'SPDX tag-value' }

const formats: Record<InventoryHint, DetectedFormat> = {
  cyclonedx: { hint: 'cyclonedx', contentType: 'application/vnd.cyclonedx+json', label: 'CycloneDX JSON' },
  spdx: { hint: 'spdx', contentType: 'application/spdx+json', label: 'SPDX JSON' },
  purls: { hint: 'purls', contentType: 'text/plain', label: 'a list of package URLs, one per line' },
}

/** The format, or why the file cannot be sent as it is (a JSON file that is neither SBOM). */
export function detectFormat(fileName: string, text: string): DetectedFormat | { error: string } {
  const body = text.replace(/^\uFEFF/, '')
  if (/^\s*</.test(body)) {
    if (/<rdf:RDF|spdx\.org\/rdf/.test(body.slice(0, 4096)))
      return {
        error: `${fileName} is SPDX RDF/XML, which Lockstep does not read: upload the SPDX JSON or tag-value form.`,
      }
    return cycloneDxXml
  }
  if (/^SPDXVersion:/m.test(body) && !/^\s*\{/.test(body)) return spdxTagValue
  const looksJson = /\.json$/i.test(fileName) || /^\s*\{/.test(body)
  if (!looksJson) return formats.purls
  let doc: unknown
  try {
    doc = JSON.parse(body)
  } catch {
    return { error: `${fileName} is not valid JSON: check that it is the whole SBOM file.` }
  }
  if (doc && typeof doc === 'object' && !Array.isArray(doc)) {
    if ('spdxVersion' in doc) return formats.spdx
    if ('bomFormat' in doc) return formats.cyclonedx
  }
  return {
    error: `${fileName} is JSON but neither CycloneDX (no "bomFormat") nor SPDX (no "spdxVersion"). Upload a CycloneDX or SPDX JSON SBOM, or a text file with one package URL per line.`,
  }
}

/** "cyclonedx-1.5" → "CycloneDX 1.5": the stored format in words. */
export function formatWords(format: string): string {
  const [kind, version] = format.split('-')
  if (kind === 'cyclonedx') return `CycloneDX ${version ?? ''}`.trim()
  if (kind === 'spdx') return `SPDX ${version ?? ''}`.trim()
  if (kind === 'purls') return 'Package URL list'
  return format
}
