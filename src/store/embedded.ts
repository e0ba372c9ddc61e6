// The embedded database: PGlite (PostgreSQL compiled to WASM) in this process, served on a private
// Unix socket so that `pg`, Kysely and later pg-boss talk to it exactly as to a real server.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'
import type { PoolConfig } from 'pg'

export interface EmbeddedPostgres {
  poolConfig: PoolConfig
  stop(): Promise<void>
}

/** Opens (creating if needed) the PGlite data folder and serves it to `maxConnections` clients. */
export async function startEmbeddedPostgres(dataDir: string, maxConnections = 20): Promise<EmbeddedPostgres> {
  fs.mkdirSync(dataDir, { recursive: true })
  const releaseLock = lockDataDir(dataDir)
  const db = await PGlite.create(dataDir).catch((error: Error) => {
    releaseLock()
    throw error
  })
  // A 0700 folder of our own keeps other local users off the socket (PGlite has no passwords).
  const socketDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-db-'))
  fs.chmodSync(socketDir, 0o700)
  const server = new PGLiteSocketServer({ db, path: path.join(socketDir, '.s.PGSQL.5432'), maxConnections })
  await server.start()
  return {
    // One connection: PGlite is one session, and the socket server interleaves the protocol
    // messages of concurrent connections outside a transaction (one client's Bind after another's
    // Parse), which mixes up their statements. Queries queue on the one connection instead; PGlite
    // runs one at a time anyway. Code must therefore never wait on `db` while holding a transaction.
    poolConfig: { host: socketDir, port: 5432, user: 'postgres', database: 'postgres', max: 1 },
    async stop() {
      await server.stop()
      await db.close()
      fs.rmSync(socketDir, { recursive: true, force: true })
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
