// Opens the one database Lockstep runs on: a real PostgreSQL server when DATABASE_URL is set,
// otherwise the embedded PGlite. Everything above this file sees the same Kysely<Database>.
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { startEmbeddedPostgres } from './embedded.js'
import { PGliteDialect } from './pgliteDialect.js'
import {
  LocalPrincipalWrites,
  listenOnPostgres,
  PrincipalChangeHub,
  PRINCIPALS_CHANNEL,
  type PrincipalChanges,
} from './principalChanges.js'
import { PreparedStatementClient } from './preparedClient.js'
import { EVENTS_CHANNEL, LiveEventHub, type LiveEvents } from './liveEvents.js'
import type { Database } from './schema.js'
import { namedConnection } from './servers.js'

// bigint (count(*), sums) arrives as a string from pg; timestamps as Date. Both stay as pg gives them.
// A DATE has no time zone: keep it as its 'YYYY-MM-DD' text instead of a Date at local midnight.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value)

export interface OpenDatabase {
  db: Kysely<Database>
  kind: 'postgres' | 'embedded'
  /** Where the data is, for messages: a redacted URL or a folder. */
  location: string
  /** Word that a caller may have changed, from this process and from every other server. */
  principalChanges: PrincipalChanges
  /** What open pages show changed, committed through this server or any other. */
  liveEvents: LiveEvents
  close(): Promise<void>
}

export interface OpenOptions {
  databaseUrl?: string | undefined
  dataDir: string
  poolSize?: number
}

export class DatabaseUnreachableError extends Error {}

export async function openDatabase(options: OpenOptions): Promise<OpenDatabase> {
  if (options.databaseUrl) {
    // Every connection says which server opened it, so others can tell it is alive (servers.ts).
    const connectionString = namedConnection(options.databaseUrl)
    const pool = new pg.Pool({
      connectionString,
      max: options.poolSize ?? 20,
      connectionTimeoutMillis: 5000,
      Client: PreparedStatementClient,
    })
    try {
      const client = await pool.connect()
      client.release()
    } catch (error) {
      await pool.end().catch(() => undefined)
      throw new DatabaseUnreachableError(
        `cannot connect to DATABASE_URL (${redactUrl(options.databaseUrl)}): ${(error as Error).message}`,
      )
    }
    watchIdleErrors(pool)
    const hub = new PrincipalChangeHub()
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool }),
      plugins: [new LocalPrincipalWrites(hub)],
    })
    const live = new LiveEventHub()
    const listener = listenOnPostgres(hub, connectionString, { [EVENTS_CHANNEL]: (payload) => live.notified(payload) })
    return {
      db,
      kind: 'postgres',
      location: redactUrl(options.databaseUrl),
      principalChanges: hub,
      liveEvents: live,
      async close() {
        await listener.close()
        await db.destroy()
      },
    }
  }
  const embedded = await startEmbeddedPostgres(options.dataDir)
  const hub = new PrincipalChangeHub()
  const db = new Kysely<Database>({
    dialect: new PGliteDialect(embedded.pglite),
    plugins: [new LocalPrincipalWrites(hub)],
  })
  // PGlite hands notifications to its listeners in-process; LISTEN goes through Kysely so that it
  // waits its turn for the one session instead of landing inside someone's transaction.
  const live = new LiveEventHub()
  const onNotification = (channel: string, payload: string) => {
    if (channel === PRINCIPALS_CHANNEL) hub.changed(payload || null)
    else if (channel === EVENTS_CHANNEL) live.notified(payload)
  }
  embedded.pglite.onNotification(onNotification)
  try {
    await sql.raw(`LISTEN ${PRINCIPALS_CHANNEL}`).execute(db)
    await sql.raw(`LISTEN ${EVENTS_CHANNEL}`).execute(db)
  } catch (error) {
    await embedded.stop()
    throw error
  }
  hub.listening(true)
  return {
    db,
    kind: 'embedded',
    location: options.dataDir,
    principalChanges: hub,
    liveEvents: live,
    async close() {
      hub.listening(false)
      embedded.pglite.offNotification(onNotification)
      await db.destroy()
      await embedded.stop()
    },
  }
}

/**
 * An idle pooled connection can die under us (the server restarts, an admin ends it). pg reports
 * that as an 'error' event on the pool, which would crash the process if nobody listened; the pool
 * drops the connection and opens a new one when next needed, so noting it is enough.
 */
function watchIdleErrors(pool: pg.Pool): void {
  pool.on('error', (error) => {
    process.stderr.write(`lockstep: a database connection was closed (${error.message}); it will be replaced\n`)
  })
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url)
    if (u.password) u.password = '***'
    return u.toString()
  } catch {
    return '(unparseable URL)'
  }
}
