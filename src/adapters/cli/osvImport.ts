// `lockstep import osv <dir>`: imports every OSV file below a folder (an osv.dev export, the Go
// vulnerability database, RustSec) so that owners' inventories are matched against them. The
// operator sees progress on stderr (in place on a terminal, every 10% in a log) and a summary
// naming the first failures; the command fails only when no file could be imported at all.
// runOsvImport is the whole use, minus printing: a caller adds what follows an import (alerting
// the owners of the advisories that changed) through `afterImport`.
import type { Command } from 'commander'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { importOsv, type ImportOutcome, type OsvDocument } from '../../commands/owners/externalAdvisories.js'
import type { Db } from '../../store/db.js'
import { alertOwnersOfImported, type ImportAlertOutcome } from '../../commands/owners/importAlerts.js'
import { withDatabase } from './withDatabase.js'
import { certccImportCommand } from './certccImport.js'

export interface OsvImportProgress {
  done: number
  total: number
  failed: number
}

export interface OsvImportOptions {
  onProgress?: (p: OsvImportProgress) => void
  /** Runs after the import with the advisories it added or changed (not called when there are none). */
  afterImport?: (changedIds: string[]) => Promise<void>
}

export async function jsonFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true })
  const nested = await Promise.all(
    entries.map((e) =>
      e.isDirectory()
        ? jsonFiles(path.join(dir, e.name))
        : Promise.resolve(e.isFile() && e.name.endsWith('.json') ? [path.join(dir, e.name)] : []),
    ),
  )
  return nested.flat().sort()
}

/** Files are read one at a time as the import asks for them, so memory stays flat. */
async function* documents(files: readonly string[], root: string): AsyncGenerator<OsvDocument> {
  for (const file of files) yield { file: path.relative(root, file) || file, text: await readFile(file, 'utf8') }
}

export async function runOsvImport(
  db: Db,
  dir: string,
  o: OsvImportOptions = {},
): Promise<ImportOutcome & { files: number }> {
  const files = await jsonFiles(dir)
  const outcome = await importOsv(db, documents(files, dir), (p) => o.onProgress?.({ ...p, total: files.length }))
  if (o.afterImport && outcome.changedIds.length) await o.afterImport(outcome.changedIds)
  return { ...outcome, files: files.length }
}

/** A counter rewritten in place on a terminal; a line at each further 10% otherwise. */
export function progressPrinter(
  stream: NodeJS.WriteStream,
  what = 'OSV files',
): { update(p: OsvImportProgress): void; end(): void } {
  let lastTenth = -1
  let drawn = false
  const text = (p: OsvImportProgress) =>
    `importing ${what}: ${p.done.toLocaleString('en')} / ${p.total.toLocaleString('en')} (${p.total ? Math.floor((p.done / p.total) * 100) : 100}%)${p.failed ? `, ${p.failed} failed` : ''}`
  return {
    update(p) {
      if (stream.isTTY) {
        stream.write(`\r${text(p)}\u001b[K`)
        drawn = true
        return
      }
      const tenth = p.total ? Math.floor((p.done / p.total) * 10) : 10
      if (tenth > lastTenth) {
        lastTenth = tenth
        stream.write(`${text(p)}\n`)
      }
    },
    end() {
      if (drawn) stream.write('\n')
    },
  }
}

export function summary(outcome: ImportOutcome & { files: number }, dir: string): string {
  const lines = [
    `${outcome.files.toLocaleString('en')} file${outcome.files === 1 ? '' : 's'} in ${dir}: imported ${outcome.imported}, updated ${outcome.updated}, unchanged ${outcome.unchanged}, failed ${outcome.failed.length}`,
  ]
  for (const f of outcome.failed.slice(0, 5))
    lines.push(`  failed: ${f.error.startsWith(f.file) ? f.error : `${f.file}: ${f.error}`}`)
  if (outcome.failed.length > 5) lines.push(`  … and ${outcome.failed.length - 5} more`)
  if (outcome.notes.length)
    lines.push(
      `${outcome.notes.length} affected packages could not be expressed exactly, for example ${outcome.notes[0]!.id}: ${outcome.notes[0]!.note}`,
    )
  return lines.join('\n') + '\n'
}

export function importCommands(program: Command): Command {
  const imports = program
    .command('import')
    .description('Import advisories published elsewhere, and case archives of other trackers')
  certccImportCommand(imports)
  imports
    .command('osv')
    .argument('<dir>', 'a folder of OSV JSON files (searched recursively)')
    .description(
      'Import OSV advisories (an osv.dev export, the Go vulnerability database, RustSec) and alert the owners they affect; re-importing skips those not modified since',
    )
    .action(async (dir: string) => {
      await withDatabase(async (db) => {
        const progress = progressPrinter(process.stderr)
        let alerted: ImportAlertOutcome | null = null
        const outcome = await runOsvImport(db, dir, {
          onProgress: (p) => progress.update(p),
          afterImport: async (changedIds) => {
            alerted = await alertOwnersOfImported(db, changedIds)
          },
        })
        progress.end()
        process.stdout.write(summary(outcome, dir))
        const told = alerted as ImportAlertOutcome | null
        process.stdout.write(
          told && told.newItems
            ? `owners alerted: ${told.owners} (${told.newItems} affected components)\n`
            : 'no owner is affected by what changed\n',
        )
        if (outcome.files === 0 || outcome.failed.length === outcome.files) process.exitCode = 1
      })
    })
  return imports
}
