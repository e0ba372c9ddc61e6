// Each test file gets databases of its own: a copy of the migrated PGlite folder, and (when a
// server is there) a new database on the PostgreSQL server, dropped afterwards.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { inject } from 'vitest'
import { openDatabase, type OpenDatabase } from '../../src/store/database.js'
import { migrate } from '../../src/store/migrate.js'
import { installJobQueue } from '../../src/jobs/jobQueue.js'

export type Backend = 'pglite' | 'postgres'

export interface TestDatabase extends OpenDatabase {
  backend: Backend
  /** On PostgreSQL, where a second server can open the same database (PGlite allows one process). */
  databaseUrl?: string
}

/** The backends this run can use; PostgreSQL is absent (and was reported) when no server runs. */
export function availableBackends(): Backend[] {
  return inject('postgresUrl') ? ['pglite', 'postgres'] : ['pglite']
}

export async function openTestDatabase(backend: Backend): Promise<TestDatabase> {
  if (backend === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-test-'))
    fs.cpSync(inject('pgliteTemplate'), dir, { recursive: true })
    const opened = await openDatabase({ dataDir: dir })
    return {
      ...opened,
      backend,
      async close() {
        await opened.close()
        fs.rmSync(dir, { recursive: true, force: true })
      },
    }
  }
  const serverUrl = inject('postgresUrl')!
  const name = `lockstep_test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  const opened = await openDatabase({ databaseUrl: url.toString(), dataDir: '' })
  await migrate(opened.db)
  // A release enqueues its after-release job: the queue must exist, as on a started server.
  await installJobQueue(opened.db)
  return {
    ...opened,
    backend,
    databaseUrl: url.toString(),
    async close() {
      await opened.close()
      const dropper = new pg.Client({ connectionString: serverUrl })
      await dropper.connect()
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await dropper.end()
    },
  }
}

export function pgliteTemplate(): string {
  return inject('pgliteTemplate')
}
