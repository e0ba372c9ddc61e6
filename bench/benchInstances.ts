// Lockstep instances for the federation benches, each with its own database (PostgreSQL, or the
// embedded one with BENCH_DB=pglite), its HTTP server on a loopback port and its federation key,
// pinned to each other as their admins would after confirming the fingerprints.
import os from 'node:os'
import path from 'node:path'
import fs from 'node:fs'
import net from 'node:net'
import { createBenchDatabase } from './benchDatabase.js'
import { loadConfig } from '../src/config.js'
import { openDatabase } from '../src/store/database.js'
import { migrate } from '../src/store/migrate.js'
import { buildApp } from '../src/adapters/http/app.js'
import { ensureFederationKey } from '../src/store/federation/key.js'

const embedded = process.env.BENCH_DB === 'pglite'

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port
      server.close(() => resolve(port))
    })
  })
}

export async function instance(name: string) {
  const bench = embedded ? null : await createBenchDatabase(`federation_${name.toLowerCase().replace(/\W/g, '_')}`)
  const dataDir = embedded ? fs.mkdtempSync(path.join(os.tmpdir(), `lockstep-bench-fed-${name}-`)) : ''
  const database = await openDatabase({ databaseUrl: bench?.url, dataDir })
  await migrate(database.db)
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    LOCKSTEP_SMTP_PORT: 'off',
    LOCKSTEP_PUBLIC_URL: url,
    ...(bench ? { DATABASE_URL: bench.url } : { LOCKSTEP_DATA: dataDir }),
  })
  const app = await buildApp({ db: database.db, config, logger: false })
  await app.listen({ host: '127.0.0.1', port })
  const key = await ensureFederationKey(database.db)
  return {
    name,
    url,
    config,
    db: database.db,
    key,
    async close() {
      await app.close()
      await database.close()
      await bench?.drop()
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
export type Instance = Awaited<ReturnType<typeof instance>>

/** `a` pins `b`'s key (as its admin would after confirming the fingerprint); answers b's peer id at a. */
export async function pin(a: Instance, b: Instance): Promise<string> {
  const row = await a.db
    .insertInto('federation_peers')
    .values({
      base_url: b.url,
      name: b.name,
      inbox_url: `${b.url}/federation/inbox`,
      key_id: b.key.keyId,
      public_key_pem: b.key.publicKeyPem,
      state: 'pinned',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}
