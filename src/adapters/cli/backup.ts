// `lockstep backup <file>` and `lockstep restore <file> [--force]`: a whole instance to one file
// and back, on either database and from one to the other (embedded to PostgreSQL is how a team
// grows). Progress on stderr; what was written or restored, and every ledger's verdict, on stdout.
import type { Command } from 'commander'
import { writeBackup } from '../../commands/backup/backup.js'
import { BackupRefusal, restoreBackup } from '../../commands/backup/restore.js'
import { loadConfig } from '../../config.js'
import { openDatabase } from '../../store/database.js'
import { migrate } from '../../store/migrate.js'

/** One line rewritten in place on a terminal; a line per change of stage otherwise. */
function stageProgress(stream: NodeJS.WriteStream) {
  let last = ''
  let drawn = false
  return {
    update(stage: string, detail: string) {
      if (stream.isTTY) {
        stream.write(`\r${stage}: ${detail}\u001b[K`)
        drawn = true
      } else if (stage !== last) stream.write(`${stage}…\n`)
      last = stage
    },
    end() {
      if (drawn) stream.write('\n')
    },
  }
}

async function openConfigured() {
  const config = loadConfig()
  return openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 })
}

export function backupCommands(program: Command): void {
  program
    .command('backup')
    .argument('<file>', 'the file to write (a gzip’d tar: manifest.json and every table’s rows)')
    .description(
      'Write the whole instance to one file from one consistent snapshot: every table (files, mail, keys and ledgers included), with a manifest of counts and SHA-256 per part',
    )
    .action(async (file: string) => {
      const database = await openConfigured()
      try {
        await migrate(database.db)
        const progress = stageProgress(process.stderr)
        const manifest = await writeBackup(database.db, file, {
          source: database.kind,
          onProgress: (p) =>
            progress.update(
              'backing up',
              `${p.tablesDone}/${p.tables} tables, ${p.rows.toLocaleString('en')} rows (${p.table})`,
            ),
        })
        progress.end()
        const rows = manifest.tables.reduce((n, t) => n + t.rows, 0)
        process.stdout.write(
          `backed up ${manifest.tables.length} tables, ${rows.toLocaleString('en')} rows (schema version ${manifest.schemaVersion}, ${database.kind} database) to ${file}\n`,
        )
      } finally {
        await database.close()
      }
    })

  program
    .command('restore')
    .argument('<file>', 'a file written by `lockstep backup`')
    .option('--force', 'replace the instance the target database holds')
    .description(
      'Restore a backup into the configured database (embedded or PostgreSQL, whichever it was taken from): checks every part against the manifest, refuses a newer schema or a database in use unless --force, migrates, and verifies every ledger',
    )
    .action(async (file: string, opts: { force?: boolean }) => {
      const database = await openConfigured()
      try {
        const progress = stageProgress(process.stderr)
        const outcome = await restoreBackup(database.db, file, {
          force: opts.force === true,
          onProgress: (p) =>
            progress.update(p.stage, `${p.done.toLocaleString('en')} / ${p.total.toLocaleString('en')}`),
        }).catch((error: unknown) => {
          progress.end()
          if (error instanceof BackupRefusal) throw new Error(`${file} was not restored: ${error.message}`)
          throw error
        })
        progress.end()
        const lines = [
          `restored ${outcome.rows.toLocaleString('en')} rows of ${outcome.manifest.tables.length} tables from ${file} (taken ${outcome.manifest.createdAt} on ${outcome.manifest.source}, schema version ${outcome.manifest.schemaVersion}; now at ${outcome.migratedTo}) into the ${database.kind} database ${database.location}`,
          outcome.ledgers.failed.length === 0
            ? `ledgers: all ${outcome.ledgers.cases} verify (chain and signed heads)`
            : `ledgers: ${outcome.ledgers.failed.length} of ${outcome.ledgers.cases} do NOT verify:`,
          ...outcome.ledgers.failed.map((f) => `  ${f.caseNumber}: ${f.reason}`),
        ]
        process.stdout.write(lines.join('\n') + '\n')
        if (outcome.ledgers.failed.length) process.exitCode = 1
      } finally {
        await database.close()
      }
    })
}
