// `lockstep import csaf <file|dir|provider-url>`: CSAF 2.0 advisories from other publishers, read
// from a file, a folder (searched recursively) or a provider's provider-metadata.json URL (its
// ROLIE feeds and directory listings, hashes and signatures checked). Progress on stderr, a
// summary naming each refused file and why, then the owners alerted as after an OSV import.
import type { Command } from 'commander'
import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import type { CsafFile } from '../../commands/owners/csafImport.js'
import type { ImportOutcome } from '../../commands/owners/externalAdvisories.js'
import { alertOwnersOfImported, type ImportAlertOutcome } from '../../commands/owners/importAlerts.js'
import type { Db } from '../../store/db.js'
import { listProvider, providerFiles } from '../csaf/provider.js'
import { jsonFiles, progressPrinter, type OsvImportProgress } from './osvImport.js'
import { withDatabase } from './withDatabase.js'

export interface CsafImportRun extends ImportOutcome {
  files: number
  /** Said about the provider before its files (keys that could not be used). */
  warnings: string[]
  alerted: ImportAlertOutcome | null
}

async function* localFiles(files: readonly string[], root: string): AsyncGenerator<CsafFile> {
  for (const file of files) yield { file: path.relative(root, file) || file, text: await readFile(file, 'utf8') }
}

/** The whole use minus printing: import from the source, then alert the owners of what changed. */
export async function runCsafImport(
  db: Db,
  source: string,
  onProgress?: (p: OsvImportProgress) => void,
): Promise<CsafImportRun> {
  let files: AsyncIterable<CsafFile>
  let total: number
  const warnings: string[] = []
  if (/^https?:\/\//i.test(source)) {
    const listing = await listProvider(source)
    warnings.push(...listing.keyProblems)
    total = listing.documents.length
    files = providerFiles(listing)
  } else if ((await stat(source)).isDirectory()) {
    const found = await jsonFiles(source)
    total = found.length
    files = localFiles(found, source)
  } else {
    total = 1
    files = localFiles([source], path.dirname(source))
  }
  // Loaded here, not at the top: it pulls in csaf-validator-lib, whose modules compile their JSON
  // schemas as they load (seconds of CPU), and this module is imported by main.ts, so every
  // `lockstep` command (serve, ledger verify, --version) paid that at each start.
  const { importCsaf } = await import('../../commands/owners/csafImport.js')
  const outcome = await importCsaf(db, files, (p) => onProgress?.({ ...p, total }))
  const alerted = outcome.changedIds.length ? await alertOwnersOfImported(db, outcome.changedIds) : null
  return { ...outcome, files: total, warnings, alerted }
}

export function csafSummary(run: CsafImportRun, source: string): string {
  const lines = [
    ...run.warnings.map((w) => `warning: ${w}`),
    `${run.files.toLocaleString('en')} file${run.files === 1 ? '' : 's'} from ${source}: imported ${run.imported}, updated ${run.updated}, unchanged ${run.unchanged}, refused ${run.failed.length}`,
  ]
  for (const f of run.failed) lines.push(`  refused: ${f.error.startsWith(f.file) ? f.error : `${f.file}: ${f.error}`}`)
  for (const n of run.notes.slice(0, 10)) lines.push(`  note: ${n.id}: ${n.note}`)
  if (run.notes.length > 10) lines.push(`  … and ${run.notes.length - 10} more notes`)
  lines.push(
    run.alerted?.newItems
      ? `owners alerted: ${run.alerted.owners} (${run.alerted.newItems} affected components)`
      : 'no owner is affected by what changed',
  )
  return lines.join('\n') + '\n'
}

export function csafImportCommand(importing: Command): void {
  importing
    .command('csaf')
    .argument('<source>', 'a CSAF JSON file, a folder of them, or a provider’s provider-metadata.json URL')
    .description(
      'Import CSAF 2.0 advisories (validated: schema and mandatory tests; from a provider, hashes and signatures checked) and alert the owners they affect; the same id and revision imports once',
    )
    .action(async (source: string) => {
      await withDatabase(async (db) => {
        const progress = progressPrinter(process.stderr, 'CSAF advisories')
        const run = await runCsafImport(db, source, (p) => progress.update(p))
        progress.end()
        process.stdout.write(csafSummary(run, source))
        if (run.files === 0 || run.failed.length === run.files) process.exitCode = 1
      })
    })
}
