// `lockstep backup <file>`: the whole instance in one gzip'd tar, from one consistent snapshot:
// every table's rows (store/backupTables.ts: attachments, mail and the instance's keys, the
// ledger key among them, are rows too), a part per table or per few thousand rows, and at the end
// manifest.json with the schema's migrations, each table's columns and count, and each part's
// SHA-256. Written to <file>.partial and renamed, so a file named <file> is always whole.
import { createHash } from 'node:crypto'
import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import { rename, rm } from 'node:fs/promises'
import { finished } from 'node:stream/promises'
import { createGzip } from 'node:zlib'
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  dependencyOrder,
  type BackupManifest,
  type BackupTable,
} from '../../domain/backup/manifest.js'
import { tarEnd, tarHeader, tarPadding } from '../../domain/backup/tar.js'
import { readCatalogue, tableRows } from '../../store/backupTables.js'
import type { Db } from '../../store/db.js'

export interface BackupProgress {
  table: string
  tablesDone: number
  tables: number
  rows: number
}

const PART_BYTES = 8 * 1024 * 1024
const PART_ROWS = 5000

export async function writeBackup(
  db: Db,
  file: string,
  o: { source: string; onProgress?: (p: BackupProgress) => void },
): Promise<BackupManifest> {
  const partial = `${file}.partial`
  const gzip = createGzip()
  const out = gzip.pipe(createWriteStream(partial))
  const now = new Date()
  const write = async (chunk: Buffer) => {
    if (!gzip.write(chunk)) await once(gzip, 'drain')
  }
  const entry = async (name: string, content: Buffer) => {
    await write(tarHeader(name, content.length, now))
    await write(content)
    await write(tarPadding(content.length))
  }
  try {
    const manifest = await db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        const catalogue = await readCatalogue(trx)
        const byName = new Map(catalogue.tables.map((t) => [t.name, t]))
        const order = dependencyOrder([...byName.keys()], catalogue.references)
        const migrations = (
          await trx.selectFrom('schema_migrations').select('version').orderBy('version').execute()
        ).map((r) => r.version)
        const tables: BackupTable[] = []
        let rowsSoFar = 0
        for (const [i, name] of order.entries()) {
          const facts = byName.get(name)!
          const table: BackupTable = { name, columns: facts.columns, rows: 0, parts: [] }
          let lines: string[] = []
          let bytes = 0
          const flush = async () => {
            if (lines.length === 0) return
            const content = Buffer.from(lines.join('\n') + '\n', 'utf8')
            const part = `tables/${name}.${String(table.parts.length + 1).padStart(4, '0')}.jsonl`
            await entry(part, content)
            table.parts.push({
              name: part,
              rows: lines.length,
              sha256: createHash('sha256').update(content).digest('hex'),
            })
            lines = []
            bytes = 0
          }
          for await (const batch of tableRows(trx, facts)) {
            for (const line of batch) {
              lines.push(line)
              bytes += line.length
              table.rows++
              if (bytes >= PART_BYTES || lines.length >= PART_ROWS) await flush()
            }
            rowsSoFar += batch.length
            o.onProgress?.({ table: name, tablesDone: i, tables: order.length, rows: rowsSoFar })
          }
          await flush()
          tables.push(table)
          o.onProgress?.({ table: name, tablesDone: i + 1, tables: order.length, rows: rowsSoFar })
        }
        return {
          format: BACKUP_FORMAT,
          formatVersion: BACKUP_FORMAT_VERSION,
          createdAt: now.toISOString(),
          source: o.source,
          schemaVersion: migrations.at(-1) ?? 0,
          migrations,
          tables,
        } satisfies BackupManifest
      })
    await entry('manifest.json', Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8'))
    await write(tarEnd())
    gzip.end()
    await finished(out)
    await rename(partial, file)
    return manifest
  } catch (error) {
    gzip.destroy()
    await rm(partial, { force: true })
    throw error
  }
}
