// Backup and restore of a whole instance: the demo (cases, messages, statements, the ledger and
// its signed heads, keys) plus a file of every byte value, backed up from the embedded database,
// restored into a fresh PostgreSQL database, backed up from there and restored into a fresh
// embedded one: every table comes back row for row, the file byte for byte, and every ledger
// verifies. A second restore is refused unless forced; a damaged file, a backup of a newer
// schema and a file that is no backup are refused before anything is written.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { availableBackends, openTestDatabase, type TestDatabase } from '../support/databases.js'
import { seedDemo } from '../../src/seed/demo.js'
import { makeOrganization } from '../support/factories.js'
import { insertAttachment } from '../../src/store/attachments.js'
import { writeBackup } from '../../src/commands/backup/backup.js'
import { restoreBackup } from '../../src/commands/backup/restore.js'
import { auditCaseLedger } from '../../src/store/ledgerAudit.js'
import { readCatalogue } from '../../src/store/backupTables.js'
import { TarReader, tarEnd, tarHeader, tarPadding } from '../../src/domain/backup/tar.js'
import type { Db } from '../../src/store/db.js'

const everyByte = Buffer.from(Array.from({ length: 1024 }, (_, i) => i % 256))

/** Every table's rows as PostgreSQL prints them, in key order: equal texts, equal instances. */
async function contents(db: Db): Promise<Record<string, string[]>> {
  await sql`SET TIME ZONE 'UTC'`.execute(db)
  const out: Record<string, string[]> = {}
  for (const t of (await readCatalogue(db)).tables) {
    const { rows } = await sql<{ j: string }>`SELECT row_to_json(x)::text AS j FROM ${sql.id(t.name)} x`.execute(db)
    out[t.name] = rows.map((r) => r.j).sort()
  }
  return out
}

async function everyLedgerVerifies(db: Db): Promise<string[]> {
  const cases = await db.selectFrom('cases').select(['id', 'case_number']).execute()
  const bad: string[] = []
  for (const c of cases) if (!(await auditCaseLedger(db, c.id)).ok) bad.push(c.case_number)
  return bad
}

/** The backup rewritten: its entries changed by `edit` (the hashes in the manifest left alone). */
function rewritten(file: string, edit: (name: string, data: Buffer) => Buffer): string {
  const reader = new TarReader()
  const entries = reader.push(gunzipSync(fs.readFileSync(file)))
  const chunks = entries.flatMap((e) => {
    const data = edit(e.name, e.data)
    return [tarHeader(e.name, data.length, new Date()), data, tarPadding(data.length)]
  })
  const out = `${file}.${Math.random().toString(36).slice(2)}.tar.gz`
  fs.writeFileSync(out, gzipSync(Buffer.concat([...chunks, tarEnd()])))
  return out
}

const other = (b: string) => (b === 'pglite' ? 'postgres' : 'pglite')

for (const from of availableBackends()) {
  const to = availableBackends().includes(other(from)) ? other(from) : from
  describe(`backup and restore, ${from} to ${to} and back`, () => {
    let dir: string
    const open: TestDatabase[] = []
    const database = async (backend: typeof from) => {
      const d = await openTestDatabase(backend)
      open.push(d)
      return d
    }
    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-backup-'))
    })
    afterAll(async () => {
      for (const d of open) await d.close()
      fs.rmSync(dir, { recursive: true, force: true })
    })

    it('round-trips every row, file and ledger, refusing a second restore unless forced', async () => {
      const source = await database(from)
      await seedDemo(source.db)
      const c = await source.db.selectFrom('cases').select(['id', 'case_number']).executeTakeFirstOrThrow()
      await insertAttachment(source.db, {
        caseId: c.id,
        author: 'coordinator',
        authorUserId: null,
        filename: 'every-byte.bin',
        declaredType: 'application/octet-stream',
        content: everyByte,
        tlp: 'AMBER',
      })
      const before = await contents(source.db)
      expect(before.cases!.length).toBeGreaterThan(0)
      expect(before.case_messages!.length).toBeGreaterThan(0)
      expect(before.vendor_statements!.length).toBeGreaterThan(0)
      expect(before.ledger_heads!.length).toBeGreaterThan(0)

      const first = path.join(dir, 'first.lockstep-backup')
      const seen: number[] = []
      const manifest = await writeBackup(source.db, first, { source: from, onProgress: (p) => seen.push(p.tablesDone) })
      expect(seen.at(-1)).toBe(manifest.tables.length)
      expect(manifest.tables.find((t) => t.name === 'cases')?.rows).toBe(before.cases!.length)
      expect(fs.existsSync(`${first}.partial`)).toBe(false)

      const target = await database(to)
      const stages = new Set<string>()
      const restored = await restoreBackup(target.db, first, { onProgress: (p) => stages.add(p.stage) })
      expect([...stages]).toEqual(['checking', 'restoring', 'verifying'])
      expect(restored.ledgers).toEqual({ cases: before.cases!.length, failed: [] })
      expect(await contents(target.db)).toEqual(before)
      const file = await target.db
        .selectFrom('attachments')
        .select(['content', 'sha256'])
        .where('filename', '=', 'every-byte.bin')
        .executeTakeFirstOrThrow()
      expect(Buffer.compare(file.content, everyByte)).toBe(0)
      // New rows after a restore are numbered past the restored ones.
      await expect(
        target.db
          .insertInto('report_events')
          .values({
            report_id: (await target.db.selectFrom('reports').select('id').executeTakeFirstOrThrow()).id,
            kind: 'test',
          })
          .execute(),
      ).resolves.toBeDefined()

      await expect(restoreBackup(target.db, first)).rejects.toThrow(
        'the target database already holds an instance: restore into an empty one, or give --force to replace it',
      )
      await restoreBackup(target.db, first, { force: true })
      expect(await contents(target.db)).toEqual(before)

      const second = path.join(dir, 'second.lockstep-backup')
      await writeBackup(target.db, second, { source: to })
      const back = await database(from)
      await restoreBackup(back.db, second)
      expect(await contents(back.db)).toEqual(before)
      expect(await everyLedgerVerifies(back.db)).toEqual([])
    }, 180_000)

    it('refuses a damaged file, a newer schema and a file that is no backup, writing nothing', async () => {
      const source = await database(from)
      await makeOrganization(source.db, { name: 'Kept' })
      const file = path.join(dir, 'small.lockstep-backup')
      await writeBackup(source.db, file, { source: from })
      const target = await database(to)
      const damaged = rewritten(file, (name, data) =>
        name === 'tables/organizations.0001.jsonl' ? Buffer.concat([data, Buffer.from('{}\n')]) : data,
      )
      const newer = rewritten(file, (name, data) => {
        if (name !== 'manifest.json') return data
        return Buffer.from(JSON.stringify({ ...JSON.parse(data.toString()), schemaVersion: 9999 }))
      })
      const notBackup = path.join(dir, 'notes.txt')
      fs.writeFileSync(notBackup, 'not a backup')
      await expect(restoreBackup(target.db, damaged)).rejects.toThrow(
        'it is damaged: tables/organizations.0001.jsonl does not match its SHA-256 in the manifest',
      )
      await expect(restoreBackup(target.db, newer)).rejects.toThrow(
        /it was taken from a newer Lockstep \(schema version 9999; this one knows up to \d+\): upgrade Lockstep first/,
      )
      await expect(restoreBackup(target.db, notBackup)).rejects.toThrow(/it is not a readable backup/)
      expect(await target.db.selectFrom('organizations').select('name').execute()).toEqual([])
    }, 60_000)
  })
}
