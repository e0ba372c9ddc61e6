// What a file handed to an importer looks like, so that a refusal can say it in one line: an
// operator who points `import csaf` at a folder of OSV files or SBOMs learns which files they are
// instead of reading a page of schema errors.
export type Sniffed = { kind: 'csaf'; doc: Record<string, unknown> } | { kind: 'other'; looksLike: string }

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

export function sniffJsonDocument(text: string): Sniffed {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    const start = text.trimStart().slice(0, 1)
    return { kind: 'other', looksLike: start === '<' ? 'XML or HTML, not JSON' : 'not JSON' }
  }
  if (!isObject(parsed)) return { kind: 'other', looksLike: 'JSON, but not an object' }
  const document = parsed.document
  if (isObject(document) && typeof document.csaf_version === 'string') return { kind: 'csaf', doc: parsed }
  if (parsed.bomFormat === 'CycloneDX') return { kind: 'other', looksLike: 'a CycloneDX SBOM, not a CSAF advisory' }
  if (typeof parsed.spdxVersion === 'string')
    return { kind: 'other', looksLike: 'an SPDX document, not a CSAF advisory' }
  if (typeof parsed.id === 'string' && (typeof parsed.modified === 'string' || Array.isArray(parsed.affected)))
    return { kind: 'other', looksLike: `an OSV advisory (${parsed.id.slice(0, 40)}), not a CSAF advisory` }
  if (typeof parsed.canonical_url === 'string' && isObject(parsed.publisher))
    return { kind: 'other', looksLike: 'CSAF provider metadata, not an advisory (give its URL instead)' }
  if (isObject(parsed.feed)) return { kind: 'other', looksLike: 'a ROLIE feed, not an advisory' }
  if (isObject(parsed.cveMetadata)) return { kind: 'other', looksLike: 'a CVE record, not a CSAF advisory' }
  return { kind: 'other', looksLike: 'JSON without document.csaf_version: not a CSAF advisory' }
}
