// Reading a CERT/CC Vulnerability Notes archive from disk, one note folder at a time (a folder
// holds one `vu_<n>.json` and its `vendor_<rec>.json` records), so memory stays flat however large
// the archive. Each folder becomes a NoteBundle: the note (or none), its vendor records, the
// warnings met reading them, and the files that were not archive records at all.
//
// A folder's listing and its files are read synchronously: they are a few small local files per
// note, and the promise API's four thread-pool round trips per file (open, stat, read, close) cost
// five times the CPU of the calls themselves, a third of the import's time (`npm run bench:import`).
import { readdirSync, readFileSync } from 'node:fs'
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { readRecord, type CertNote, type CertVendorRecord, type Warning } from '../../domain/certcc/records.js'
import { decodeBytes } from '../../domain/certcc/text.js'

export interface RefusedFile {
  file: string
  reason: string
}

export interface NoteBundle {
  folder: string
  /** The note's key: from the note, else from its vendor records. */
  key: string | null
  note: CertNote | null
  vendors: CertVendorRecord[]
  warnings: (Warning & { file: string })[]
  refused: RefusedFile[]
}

function readJsonFile(file: string, rel: string, bundle: NoteBundle): unknown {
  const decoded = decodeBytes(readFileSync(file))
  for (const kind of decoded.warnings)
    bundle.warnings.push({
      kind,
      detail: kind === 'not_utf8' ? 'not UTF-8: read as Latin-1' : 'NUL bytes removed',
      file: rel,
    })
  try {
    return JSON.parse(decoded.text)
  } catch (e) {
    bundle.refused.push({ file: rel, reason: `is not JSON (${(e as Error).message.slice(0, 80)})` })
    return undefined
  }
}

/** One folder (or one stray file at the top) read into a bundle. */
export function readBundle(root: string, relFiles: readonly string[], folder: string): NoteBundle {
  const bundle: NoteBundle = { folder, key: null, note: null, vendors: [], warnings: [], refused: [] }
  for (const rel of relFiles) {
    const doc = readJsonFile(path.join(root, rel), rel, bundle)
    if (doc === undefined) continue
    const record = readRecord(doc)
    if (record.kind === 'other') {
      bundle.refused.push({
        file: rel,
        reason: `is not a CERT/CC note or vendor record: it looks like ${record.looksLike}`,
      })
      continue
    }
    for (const w of record.warnings) bundle.warnings.push({ ...w, file: rel })
    if (record.kind === 'note') {
      if (bundle.note) {
        bundle.refused.push({ file: rel, reason: `is a second note in ${folder} (${bundle.note.id} came first)` })
        continue
      }
      bundle.note = record.note
    } else bundle.vendors.push(record.vendor)
  }
  bundle.key = bundle.note?.id ?? bundle.vendors[0]?.noteId ?? null
  if (bundle.note) {
    const other = bundle.vendors.filter((v) => v.noteId !== bundle.note!.id)
    for (const v of other)
      bundle.warnings.push({
        kind: 'vendor_of_other_note',
        detail: `${v.vendor} is recorded for ${v.noteId}, imported with ${bundle.note.id}`,
        file: folder,
      })
  }
  return bundle
}

/** The archive's folders (and stray top-level files), in name order, each with its JSON files. */
export async function archiveFolders(root: string): Promise<{ folder: string; files: string[] }[]> {
  const entries = await readdir(root, { withFileTypes: true })
  const out: { folder: string; files: string[] }[] = []
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.isFile() && e.name.endsWith('.json')) out.push({ folder: e.name, files: [e.name] })
    else if (e.isDirectory()) out.push({ folder: e.name, files: [] })
  }
  return out
}

/** The JSON files of one folder, the note first. */
export function folderFiles(root: string, folder: string): string[] {
  const names = readdirSync(path.join(root, folder), { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.json'))
    .map((e) => e.name)
    .sort((a, b) => Number(b.startsWith('vu_')) - Number(a.startsWith('vu_')) || a.localeCompare(b))
  return names.map((n) => path.join(folder, n))
}
