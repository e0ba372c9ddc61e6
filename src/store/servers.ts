// This server process among the servers of one instance. Its database connections carry its name
// (PostgreSQL's application_name), so another server can tell whether the one that claimed a piece
// of work is still running: a process killed outright closes its sockets, and PostgreSQL drops its
// sessions at once. Work claimed by a server that has no session left can be taken over without
// waiting for a timeout. On the embedded database only one process can open the folder, so any
// claim not made by this process was left by a dead one.
import { randomUUID } from 'node:crypto'
import { sql, type RawBuilder } from 'kysely'

export const thisServer = randomUUID()

const PREFIX = 'lockstep '

/** The connection string with this server's name on every connection it opens. */
export function namedConnection(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl)
    url.searchParams.set('application_name', `${PREFIX}${thisServer}`)
    return url.toString()
  } catch {
    return databaseUrl // not a URL (a key=value string): pg reports it as it always did
  }
}

/** SQL: true when the server named in `column` is neither this one nor has a session open. */
export function serverGone(column: RawBuilder<unknown>): RawBuilder<boolean> {
  return sql<boolean>`(${column} IS NOT NULL AND ${column} <> ${thisServer} AND NOT EXISTS (
    SELECT 1 FROM pg_stat_activity WHERE application_name = ${PREFIX} || ${column}))`
}
