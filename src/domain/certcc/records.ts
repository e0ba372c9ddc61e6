// The two kinds of record in a CERT/CC Vulnerability Notes archive (a folder per note holding one
// `vu_<n>.json` and any number of `vendor_<rec>.json`), read into the fields Lockstep keeps, with
// a warning for each value that had to be cleaned or dropped. A file that is neither is named
// with what it looks like, so an operator who pointed at the wrong folder sees it at once.
import { parseArchiveDate } from './dates.js'
import { storable, type TextWarning } from './text.js'

export type VendorStatus = 'affected' | 'not_affected' | 'unknown'

export type RecordWarning =
  | TextWarning
  | 'bad_date'
  | 'unknown_status'
  /** Folder-level: a vendor record naming another note, a note without vendors, vendors without a note, a vendor twice. */
  | 'vendor_of_other_note'
  | 'no_vendors'
  | 'no_note'
  | 'vendor_merged'

export interface Warning {
  kind: RecordWarning
  detail: string
}

export interface CertNote {
  /** "VU#398025", the key a second import finds the case by. */
  id: string
  title: string
  overview: string
  description: string
  impact: string
  resolution: string
  workarounds: string
  references: string[]
  cveIds: string[]
  certAdvisory: string
  credit: string
  dateCreated: Date | null
  datePublic: Date | null
  dateFirstPublished: Date | null
  dateLastUpdated: Date | null
  /** What makes a later import an update: the revision and the last update, as the archive wrote them. */
  version: string
}

export interface CertVendorRecord {
  noteId: string
  vendor: string
  recordId: string
  status: VendorStatus
  dateNotified: Date | null
  dateResponded: Date | null
  dateLastUpdated: Date | null
  statement: string
  references: string[]
}

export type ArchiveRecord =
  | { kind: 'note'; note: CertNote; warnings: Warning[] }
  | { kind: 'vendor'; vendor: CertVendorRecord; warnings: Warning[] }
  | { kind: 'other'; looksLike: string }

/** Two generations of words for the same thing: Vulnerable/Not Vulnerable, then Affected/Not Affected. */
const statusWords: Record<string, VendorStatus> = {
  vulnerable: 'affected',
  affected: 'affected',
  'not vulnerable': 'not_affected',
  'not affected': 'not_affected',
  unknown: 'unknown',
  '': 'unknown',
}

const CVE = /CVE-\d{4}-\d{4,}/gi

/** "CVE-2002-1337 CVE-2003-0161", "CVE-2002-1337,CVE-2003-0161" or "CVE-2002-1337; ..." → the IDs, once each. */
export function parseCveIds(value: unknown): string[] {
  if (typeof value !== 'string') return []
  return [...new Set([...value.matchAll(CVE)].map((m) => m[0].toUpperCase()))]
}

/** "VU#398025", "VU 398025" or "398025" → "VU#398025"; null when it is no note ID. */
export function noteKey(value: unknown): string | null {
  const m = /^\s*(?:VU\s*#?\s*)?(\d{1,9})\s*$/i.exec(typeof value === 'number' ? String(value) : String(value ?? ''))
  return m ? `VU#${m[1]}` : null
}

/** What a JSON document that is not an archive record looks like, in a few words. */
export function describeOther(doc: unknown): string {
  if (Array.isArray(doc)) return 'a JSON list, not a CERT/CC note or vendor record'
  if (!doc || typeof doc !== 'object') return 'a JSON value that is not an object'
  const o = doc as Record<string, unknown>
  if ('schema_version' in o && 'affected' in o && 'id' in o) return 'an OSV advisory (has schema_version, id, affected)'
  if ('id' in o && 'modified' in o && ('affected' in o || 'aliases' in o)) return 'an OSV advisory (has id, modified)'
  if (o.document && typeof o.document === 'object' && 'csaf_version' in (o.document as object))
    return 'a CSAF advisory (has document.csaf_version)'
  if (o.bomFormat === 'CycloneDX') return 'a CycloneDX SBOM (bomFormat CycloneDX)'
  if ('spdxVersion' in o) return 'an SPDX SBOM (has spdxVersion)'
  if (o.dataType === 'CVE_RECORD' || 'cveMetadata' in o) return 'a CVE record (has cveMetadata)'
  const keys = Object.keys(o).slice(0, 4)
  return keys.length
    ? `JSON without the fields of a CERT/CC note (its first keys: ${keys.join(', ')})`
    : 'an empty JSON object'
}

class Reader {
  readonly warnings: Warning[] = []
  private readonly textWarnings = new Set<TextWarning>()
  constructor(private readonly o: Record<string, unknown>) {}

  text(field: string, max = 100_000): string {
    const v = this.o[field]
    if (v === null || v === undefined) return ''
    const s = typeof v === 'string' ? v : Array.isArray(v) ? v.map(String).join('\n') : String(v)
    return storable(s.trim(), this.textWarnings).slice(0, max)
  }

  list(field: string): string[] {
    const v = this.o[field]
    const items = Array.isArray(v) ? v : typeof v === 'string' ? v.split(/\r?\n/) : []
    return items
      .map((x) => storable(String(x ?? '').trim(), this.textWarnings))
      .filter((x) => x !== '')
      .slice(0, 500)
  }

  date(field: string): Date | null {
    const d = parseArchiveDate(this.o[field])
    if (d.ok) return d.at
    this.warnings.push({ kind: 'bad_date', detail: `${field} is not a date: "${storable(d.text, new Set())}"` })
    return null
  }

  done(): Warning[] {
    for (const kind of this.textWarnings) this.warnings.push({ kind, detail: 'text cleaned' })
    return this.warnings
  }
}

function readNote(o: Record<string, unknown>, id: string): ArchiveRecord {
  const r = new Reader(o)
  const note: CertNote = {
    id,
    title: r.text('Title', 300) || id,
    overview: r.text('Overview'),
    description: r.text('Description'),
    impact: r.text('Impact'),
    resolution: r.text('Resolution'),
    workarounds: r.text('Workarounds'),
    references: r.list('References'),
    cveIds: parseCveIds(o.CVEIDs),
    certAdvisory: r.text('CERTAdvisory', 200),
    credit: r.text('ThanksAndCredit', 10_000),
    dateCreated: r.date('DateCreated'),
    datePublic: r.date('DatePublic'),
    dateFirstPublished: r.date('DateFirstPublished'),
    dateLastUpdated: r.date('DateLastUpdated'),
    version: '',
  }
  note.version = `${r.text('Revision', 40)}|${note.dateLastUpdated?.toISOString() ?? ''}`
  return { kind: 'note', note, warnings: r.done() }
}

function readVendor(o: Record<string, unknown>, noteId: string): ArchiveRecord {
  const r = new Reader(o)
  const word = r.text('Status', 60).toLowerCase().replace(/\s+/g, ' ')
  const status = statusWords[word]
  if (status === undefined) r.warnings.push({ kind: 'unknown_status', detail: `Status "${word}" read as unknown` })
  const vendor: CertVendorRecord = {
    noteId,
    vendor: r.text('Vendor', 200),
    recordId: r.text('VendorRecordID', 100),
    status: status ?? 'unknown',
    dateNotified: r.date('DateNotified'),
    dateResponded: r.date('DateResponded'),
    dateLastUpdated: r.date('DateLastUpdated'),
    statement: [r.text('VendorStatement'), r.text('VendorInformation'), r.text('Addendum')]
      .filter(Boolean)
      .join('\n\n'),
    references: r.list('VendorReferences'),
  }
  return { kind: 'vendor', vendor, warnings: r.done() }
}

/** A parsed JSON document as an archive record: a note has a Title or CVEIDs, a vendor record a Vendor. */
export function readRecord(doc: unknown): ArchiveRecord {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return { kind: 'other', looksLike: describeOther(doc) }
  const o = doc as Record<string, unknown>
  const id = noteKey(o.ID ?? o.IDNumber)
  if (id && typeof o.Vendor === 'string' && o.Vendor.trim()) return readVendor(o, id)
  if (id && ('Title' in o || 'CVEIDs' in o || 'DateCreated' in o)) return readNote(o, id)
  return { kind: 'other', looksLike: describeOther(doc) }
}
