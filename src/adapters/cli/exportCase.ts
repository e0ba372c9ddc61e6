// `lockstep export case <id> --as <user-email|organization> [--output <path>]`: the bundle of what
// that participant may see of the case, written as a folder, or as a .tar.gz when the path says so.
import type { Command } from 'commander'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { exportActor, exportCase, type BundleEntry } from '../../commands/cases/exportCase.js'
import { loadConfig } from '../../config.js'
import { tarEnd, tarHeader, tarPadding } from '../../domain/backup/tar.js'
import { withDatabase } from './withDatabase.js'

export async function writeBundle(entries: readonly BundleEntry[], output: string): Promise<void> {
  if (/\.(tar\.gz|tgz)$/i.test(output)) {
    const now = new Date()
    const parts = entries.flatMap((e) => [tarHeader(e.name, e.data.length, now), e.data, tarPadding(e.data.length)])
    await writeFile(output, gzipSync(Buffer.concat([...parts, tarEnd()])))
    return
  }
  for (const e of entries) {
    const file = path.join(output, e.name)
    await mkdir(path.dirname(file), { recursive: true })
    await writeFile(file, e.data)
  }
}

export function exportCommands(program: Command): void {
  program
    .command('export')
    .description('Export what a participant may see')
    .command('case')
    .argument('<case>', 'case number (LS-2026-0001) or id')
    .requiredOption('--as <who>', 'the participant: a user’s e-mail address, or an organization’s slug or id')
    .option('-o, --output <path>', 'a folder, or a file ending in .tar.gz (default: <case>-<who>.tar.gz)')
    .description(
      'Write a bundle (JSON and files) of the case as that participant sees it through the API: their threads, the statements and names they may see, the embargo, the advisory and the signed ledger heads',
    )
    .action(async (caseRef: string, opts: { as: string; output?: string }) => {
      const config = loadConfig()
      await withDatabase(async (db) => {
        const who = await exportActor(db, opts.as)
        const entries = await exportCase(db, caseRef, who, { embargo: config.embargo })
        const output = opts.output ?? `${caseRef}-${opts.as.replace(/[^A-Za-z0-9._-]+/g, '_')}.tar.gz`
        process.stderr.write(`writing ${entries.length} parts…\n`)
        await writeBundle(entries, output)
        const files = entries.filter((e) => e.name.includes('/files/')).length
        process.stdout.write(
          `exported ${caseRef} as seen by ${who.label} to ${output} (${entries.length - files} JSON parts, ${files} files)\n`,
        )
      })
    })
}
