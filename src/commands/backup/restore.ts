// `lockstep restore <file>`: a backup back into a database, embedded or PostgreSQL, whichever it
// was taken from. The file is read twice: first every part's SHA-256 against the manifest (a
// damaged or foreign file is refused before anything is written), then the rows, table after
// table in the order that keeps references whole, in one transaction. The target is brought to
// the backup's schema first (its migrations, no further), refused when it holds an instance
// already (unless forced: then it is emptied), and migrated to this version after. Every case's
// ledger is verified at the end, chain and signed heads, as `lockstep ledger verify` does.
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { createGunzip } from 'node:zlib'
import { BackupRefusal, partProblems, readManifest, type BackupManifest } from '../../domain/backup/manifest.js'
import { TarReader, type TarEntry } from '../../domain/backup/tar.js'
import { emptyTables, holdsData, insertRows, readCatalogue, resetNumbering } from '../../store/backupTables.js'
import { inTransaction, type Db } from '../../store/db.js'
import { auditCaseLedger } from '../../store/ledgerAudit.js'
import { appliedVersion, latestVersion, migrate } from '../../store/migrate.js'

export { BackupRefusal }

export interface RestoreProgress {
  stage: 'checking' | 'restoring' | 'verifying'
  done: number
  total: number
}

export interface RestoreOutcome {
  manifest: BackupManifest
  rows: number
  /** Migrations applied after the rows, from the backup's schema to this version's. */
  migratedTo: number
  ledgers: { cases: number; failed: { caseNumber: string; reason: string }[] }
}

async function* entries(file: string): AsyncGenerator<TarEntry> {
  const reader = new TarReader()
  for await (const chunk of createReadStream(file).pipe(createGunzip())) yield* reader.push(chunk as Buffer)
}

async function checkFile(file: string): Promise<BackupManifest> {
  const seen = new Map<string, string>()
  let manifestText: string | null = null
  try {
    for await (const e of entries(file)) {
      if (e.name === 'manifest.json') manifestText = e.data.toString('utf8')
      else seen.set(e.name, createHash('sha256').update(e.data).digest('hex'))
    }
  } catch (error) {
    throw new BackupRefusal(`it is not a readable backup (${(error as Error).message})`)
  }
  if (manifestText === null) throw new BackupRefusal('it has no manifest.json: not a Lockstep backup')
  const manifest = readManifest(manifestText, latestVersion)
  const problems = partProblems(manifest, seen)
  if (problems.length) throw new BackupRefusal(`it is damaged: ${problems.slice(0, 3).join('; ')}`)
  return manifest
}

export async function restoreBackup(
  db: Db,
  file: string,
  o: { force?: boolean; onProgress?: (p: RestoreProgress) => void } = {},
): Promise<RestoreOutcome> {
  o.onProgress?.({ stage: 'checking', done: 0, total: 1 })
  const manifest = await checkFile(file)
  if ((await appliedVersion(db)) > 0 && (await holdsData(db)) && !o.force)
    throw new BackupRefusal(
      'the target database already holds an instance: restore into an empty one, or give --force to replace it',
    )
  await migrate(db, undefined, { upTo: manifest.schemaVersion })

  const total = manifest.tables.reduce((n, t) => n + t.rows, 0)
  const partTable = new Map(manifest.tables.flatMap((t) => t.parts.map((p) => [p.name, t] as const)))
  let rows = 0
  await inTransaction(db, async (trx) => {
    const catalogue = await readCatalogue(trx)
    const target = new Map(catalogue.tables.map((t) => [t.name, new Set(t.columns)]))
    for (const t of manifest.tables) {
      const columns = target.get(t.name)
      if (!columns) throw new BackupRefusal(`its table ${t.name} does not exist here`)
      const missing = t.columns.filter((c) => !columns.has(c))
      if (missing.length)
        throw new BackupRefusal(`its table ${t.name} has columns this database lacks: ${missing.join(', ')}`)
    }
    await emptyTables(
      trx,
      catalogue.tables.map((t) => t.name),
    )
    for await (const e of entries(file)) {
      const table = partTable.get(e.name)
      if (!table) continue
      const lines = e.data.toString('utf8').split('\n').filter(Boolean)
      for (let i = 0; i < lines.length; i += 500)
        await insertRows(trx, table.name, table.columns, lines.slice(i, i + 500))
      rows += lines.length
      o.onProgress?.({ stage: 'restoring', done: rows, total })
    }
    await resetNumbering(trx, catalogue.tables)
  })
  const migrated = await migrate(db)

  const cases = await db.selectFrom('cases').select(['id', 'case_number']).orderBy('case_number').execute()
  const failed: RestoreOutcome['ledgers']['failed'] = []
  for (const [i, c] of cases.entries()) {
    const audit = await auditCaseLedger(db, c.id)
    if (!audit.ok)
      failed.push({
        caseNumber: c.case_number,
        reason: audit.chain.ok
          ? (audit.signatureProblems[0]?.reason ?? 'signed heads do not match')
          : 'its hash chain is broken',
      })
    o.onProgress?.({ stage: 'verifying', done: i + 1, total: cases.length })
  }
  return { manifest, rows, migratedTo: migrated.current, ledgers: { cases: cases.length, failed } }
}
