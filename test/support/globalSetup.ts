// Once per test run: build a migrated PGlite folder that each test file copies (opening a fresh
// PGlite takes seconds, copying a prepared one a fraction of that), and find out whether a real
// PostgreSQL server is there. A suite that cannot run is reported plainly, and in CI it is a failure.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { openDatabase } from '../../src/store/database.js'
import { migrate } from '../../src/store/migrate.js'
import { migrations } from '../../src/store/migrations/index.js'
import { installJobQueue } from '../../src/jobs/jobQueue.js'
import { createHash } from 'node:crypto'

export const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres'

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string
    postgresUrl: string | null
  }
}

async function postgresReachable(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 })
  try {
    await client.connect()
    await client.query('SELECT 1')
    return null
  } catch (error) {
    return (error as Error).message
  } finally {
    await client.end().catch(() => undefined)
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const digest = createHash('sha256')
    .update(migrations.map((m) => m.up).join('\n'))
    .update('and the job queue')
    .digest('hex')
    .slice(0, 12)
  const template = path.join(os.tmpdir(), `lockstep-pglite-template-${digest}`)
  if (!fs.existsSync(path.join(template, 'READY'))) {
    fs.rmSync(template, { recursive: true, force: true })
    const db = await openDatabase({ dataDir: template })
    await migrate(db.db)
    await installJobQueue(db.db)
    await db.close()
    fs.writeFileSync(path.join(template, 'READY'), digest)
  }
  project.provide('pgliteTemplate', template)

  const url = process.env.LOCKSTEP_TEST_POSTGRES_URL ?? DEFAULT_POSTGRES_URL
  const problem = await postgresReachable(url)
  if (problem) {
    const message = `PostgreSQL suites SKIPPED: no server at ${url} (${problem}). Set LOCKSTEP_TEST_POSTGRES_URL or start PostgreSQL; .ci/run does.`
    if (process.env.LOCKSTEP_REQUIRE_ALL_SUITES === '1') throw new Error(message)
    process.stderr.write(`\n*** ${message}\n\n`)
    project.provide('postgresUrl', null)
  } else {
    project.provide('postgresUrl', url)
  }
  return async () => undefined
}
