// The embedded database: PGlite (PostgreSQL compiled to WASM) in this process, which Kysely talks
// to through PGlite's own query API (pgliteDialect.ts): no socket and no wire protocol in between.
import fs from 'node:fs'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'

export interface EmbeddedPostgres {
  pglite: PGlite
  stop(): Promise<void>
}

/** Opens (creating if needed) the PGlite data folder, for this process only. */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  fs.mkdirSync(dataDir, { recursive: true })
  const releaseLock = lockDataDir(dataDir)
  const pglite = await PGlite.create(dataDir).catch((error: Error) => {
    releaseLock()
    throw error
  })
  return {
    pglite,
    async stop() {
      await pglite.close()
      releaseLock()
    },
  }
}

export class DataDirInUseError extends Error {}

/** PGlite must have one process per folder: two would corrupt it. A pid file keeps the second out. */
function lockDataDir(dataDir: string): () => void {
  const lockFile = path.join(dataDir, 'lockstep.pid')
  const holder = Number(fs.existsSync(lockFile) ? fs.readFileSync(lockFile, 'utf8') : NaN)
  if (holder && holder !== process.pid && isAlive(holder)) {
    throw new DataDirInUseError(
      `the embedded database in ${dataDir} is in use by another Lockstep process (pid ${holder}); stop it first, or use a PostgreSQL server (DATABASE_URL) to run several`,
    )
  }
  fs.writeFileSync(lockFile, String(process.pid))
  return () => {
    if (fs.existsSync(lockFile) && fs.readFileSync(lockFile, 'utf8') === String(process.pid)) fs.rmSync(lockFile)
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
