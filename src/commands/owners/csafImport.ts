// Importing CSAF 2.0 advisories from other publishers, to match owners' inventories against them
// as against OSV imports (same table, same matching, same alerts). Each file is refused on its
// own, with the reason in one line: not CSAF (and what it looks like instead), a draft, failing the
// CSAF schema or a mandatory test (the first problems named), or a refusal from the provider
// fetch (hash or signature). Re-importing the same id and revision changes nothing.
import { validateCsaf } from '../../domain/advisory/validate.js'
import { csafAffected, readCsafAdvisory } from '../../domain/csaf/csafAdvisory.js'
import { sniffJsonDocument } from '../../domain/csaf/sniffFormat.js'
import { jsonMayHoldUnstorableText, unstorableTextIn } from '../../domain/storableText.js'
import type { Db } from '../../store/db.js'
import { importExternal, type ImportOutcome, type ImportProgress, type ParsedExternal } from './externalAdvisories.js'

export interface CsafFile {
  /** The file's path or URL, as messages name it. */
  file: string
  text: string
  /** Set when the file was refused before reading (a provider's hash or signature did not check out). */
  refused?: string
}

export class CsafRefusal extends Error {}

const SHOWN_PROBLEMS = 3

export async function parseCsaf(doc: CsafFile): Promise<ParsedExternal> {
  const refuse = (why: string): never => {
    throw new CsafRefusal(`${doc.file}: ${why}`)
  }
  if (doc.refused) refuse(doc.refused)
  const sniffed = sniffJsonDocument(doc.text)
  if (sniffed.kind === 'other') return refuse(`looks like ${sniffed.looksLike}`)
  const unstorable = jsonMayHoldUnstorableText(doc.text) ? unstorableTextIn(sniffed.doc)[0] : undefined
  if (unstorable) refuse(`${unstorable.field} ${unstorable.message}`)
  const problems = await validateCsaf(sniffed.doc)
  if (problems.length)
    refuse(
      `not valid CSAF 2.0: ${problems.slice(0, SHOWN_PROBLEMS).join('; ')}${problems.length > SHOWN_PROBLEMS ? ` (and ${problems.length - SHOWN_PROBLEMS} more)` : ''}`,
    )
  const advisory = readCsafAdvisory(sniffed.doc)
  const status = (sniffed.doc.document as { tracking?: { status?: unknown } }).tracking?.status
  if (status === 'draft') refuse(`${advisory.id} is a draft, not a published advisory`)
  return {
    file: doc.file,
    advisory,
    affected: (notes) => {
      const converted = csafAffected(sniffed.doc)
      notes.push(...converted.notes.map((note) => ({ id: advisory.id, note })))
      return converted.affected
    },
  }
}

export function importCsaf(
  db: Db,
  files: AsyncIterable<CsafFile> | Iterable<CsafFile>,
  onProgress?: (p: ImportProgress) => void,
): Promise<ImportOutcome> {
  return importExternal(db, 'csaf', files, parseCsaf, onProgress)
}
