// An uploaded VEX document in whichever of the three formats it is: told apart by the fields each
// format requires (CSAF's document.csaf_version, OpenVEX's @context, CycloneDX's bomFormat), then
// read to statements. Anything else is refused with what it looks like.
import { readCsafVex } from './csafVex.js'
import { readCycloneDxVex } from './cycloneDxVex.js'
import { readOpenVex } from './openVex.js'
import { asObject, type VexFormat, type VexReading } from './vexCase.js'

export function vexFormatOf(doc: unknown): VexFormat | null {
  const d = asObject(doc)
  if (!d) return null
  if (asObject(d.document)?.csaf_version !== undefined) return 'csaf'
  if (typeof d['@context'] === 'string' && d['@context'].includes('openvex')) return 'openvex'
  if (d.bomFormat === 'CycloneDX') return 'cyclonedx'
  return null
}

export function readVexDocument(doc: unknown): VexReading {
  const format = vexFormatOf(doc)
  const d = doc as Record<string, unknown>
  if (format === 'csaf') return readCsafVex(d)
  if (format === 'openvex') return readOpenVex(d)
  if (format === 'cyclonedx') return readCycloneDxVex(d)
  return {
    ok: false,
    problems: [
      {
        field: 'document',
        message:
          'is not a VEX document Lockstep reads: expected CSAF 2.0 VEX (document.csaf_version), OpenVEX 0.2.0 (@context) or CycloneDX (bomFormat)',
      },
    ],
  }
}
