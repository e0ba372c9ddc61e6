// `lockstep import certcc <dir>`: a CERT/CC Vulnerability Notes archive as cases. Progress (notes
// per second, how many of how many) goes to stderr, the summary to stdout: imported, updated,
// unchanged, what was skipped and why, and the warnings by kind with a few examples.
import type { Command } from 'commander'
import { system } from '../../domain/actor.js'
import { importCertccArchive, type CertccProgress, type CertccSummary } from '../../commands/imports/certcc.js'
import { withDatabase } from './withDatabase.js'

const SHOWN = 10

export function certccProgressLine(p: CertccProgress): string {
  const pct = p.total ? Math.floor((p.done / p.total) * 100) : 100
  return `importing CERT/CC notes: ${p.done.toLocaleString('en')} / ${p.total.toLocaleString('en')} (${pct}%), ${Math.round(p.notesPerSecond).toLocaleString('en')} notes/s`
}

export function certccSummaryText(s: CertccSummary, dir: string): string {
  const lines = [
    `${s.folders.toLocaleString('en')} folders in ${dir}: imported ${s.imported}, updated ${s.updated}, unchanged ${s.unchanged}, skipped ${s.skipped.length} (${s.seconds.toFixed(1)} s)`,
  ]
  if (s.vendorsCreated) lines.push(`vendors added to the directory: ${s.vendorsCreated}`)
  for (const k of s.skipped.slice(0, SHOWN)) lines.push(`  skipped: ${k.file} ${k.reason}`)
  if (s.skipped.length > SHOWN) lines.push(`  … and ${s.skipped.length - SHOWN} more skipped`)
  const kinds = Object.entries(s.warnings).sort((a, b) => b[1] - a[1])
  if (kinds.length) {
    lines.push(`warnings: ${kinds.map(([k, n]) => `${k} ${n}`).join(', ')}`)
    for (const w of s.warningExamples.slice(0, SHOWN)) lines.push(`  ${w.kind}: ${w.file}: ${w.detail}`)
  } else lines.push('warnings: none')
  return lines.join('\n') + '\n'
}

export function certccImportCommand(imports: Command): void {
  imports
    .command('certcc')
    .argument(
      '<dir>',
      'a CERT/CC Vulnerability Notes archive: a folder per note with vu_<n>.json and vendor_<rec>.json',
    )
    .option('--concurrency <n>', 'notes written at once (PostgreSQL)', '4')
    .description(
      'Import CERT/CC Vulnerability Notes as cases (released when published, closed otherwise), with their vendors, statuses and notification dates; re-running skips notes whose revision did not change',
    )
    .action(async (dir: string, opts: { concurrency: string }) => {
      const concurrency = Math.min(16, Math.max(1, Number.parseInt(opts.concurrency, 10) || 1))
      await withDatabase(
        async (db) => {
          const tty = process.stderr.isTTY
          let lastLine = 0
          const outcome = await importCertccArchive(db, dir, {
            actor: system,
            concurrency,
            onProgress: (p) => {
              if (tty) process.stderr.write(`\r${certccProgressLine(p)}\u001b[K`)
              else if (Date.now() - lastLine > 5000 || p.done === p.total) {
                lastLine = Date.now()
                process.stderr.write(`${certccProgressLine(p)}\n`)
              }
            },
          })
          if (tty) process.stderr.write('\n')
          process.stdout.write(certccSummaryText(outcome, dir))
          if (outcome.folders > 0 && outcome.imported + outcome.updated + outcome.unchanged === 0) process.exitCode = 1
        },
        { poolSize: concurrency + 1 },
      )
    })
}
