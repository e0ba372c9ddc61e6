// Kysely over PGlite's own query API, in this process: no socket, no wire protocol between us and
// the embedded database. PGlite is one session, so the driver hands out one connection at a time:
// a transaction holds it from BEGIN to COMMIT and no other request's statement can run inside it
// (hence the rule that code never waits on `db` while holding a transaction: it would wait forever).
// Values go in and come out exactly as through `pg` (its serialisation and its type parsers, with
// our DATE override), so nothing above this file can tell the two apart.
import { createRequire } from 'node:module'
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  type TransactionSettings,
} from 'kysely'
import { parse, protocol, type PGlite, type Results } from '@electric-sql/pglite'
import pg from 'pg'

const { serialize } = protocol
const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils.js') as {
  prepareValue(value: unknown): string | Buffer | null
}

/** pg's text parser for every type OID, so rows look as they do through `pg`. */
const parsers = new Proxy({} as Record<number, (x: string) => unknown>, {
  get: (_target, oid) => (typeof oid === 'string' ? pg.types.getTypeParser(Number(oid), 'text') : undefined),
})

/** A parameter as `pg` sends it, as text (bytea in its hex form). */
function textValue(value: unknown): string | null {
  const v = prepareValue(value)
  return v === null ? null : typeof v === 'string' ? v : '\\x' + Buffer.from(v).toString('hex')
}

export class PGliteDialect implements Dialect {
  constructor(private readonly pglite: PGlite) {}
  createDriver(): Driver {
    return new PGliteDriver(this.pglite)
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler()
  }
  createAdapter() {
    return new PostgresAdapter()
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db)
  }
}

class PGliteDriver implements Driver {
  /** The tail of the queue of those waiting for the one session. */
  private queue: Promise<void> = Promise.resolve()
  private readonly connection: PGliteConnection

  constructor(pglite: PGlite) {
    this.connection = new PGliteConnection(pglite)
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.queue
    let release!: () => void
    this.queue = new Promise((resolve) => (release = resolve))
    await previous
    this.connection.release = release
    return this.connection
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    ;(connection as PGliteConnection).release()
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    let sql = 'begin'
    if (settings.isolationLevel) sql += ` isolation level ${settings.isolationLevel}`
    if (settings.accessMode) sql += ` ${settings.accessMode}`
    await connection.executeQuery(CompiledQuery.raw(sql))
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'))
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'))
  }

  async destroy(): Promise<void> {
    // Wait for the last holder of the session; closing PGlite is the opener's business.
    await this.queue
  }
}

// Each distinct parameterised statement is parsed once, as a named prepared statement, and then
// only bound and executed: one call into PGlite per query, and no parsing or planning each time
// (PostgreSQL keeps a generic plan after a few runs), as PreparedStatementClient does on a server.
const MAX_STATEMENTS = 5_000

class PGliteConnection implements DatabaseConnection {
  release: () => void = () => undefined
  private readonly statements = new Map<string, string>()

  constructor(private readonly pglite: PGlite) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    if (compiled.parameters.length === 0) {
      // No parameters: the simple protocol, which also runs several statements (migrations, pg-boss).
      const results = await this.run(serialize.query(compiled.sql))
      const last = results.at(-1)
      return { rows: (last?.rows ?? []) as R[], numAffectedRows: BigInt(last?.affectedRows ?? 0) }
    }
    let name = this.statements.get(compiled.sql)
    if (name === undefined) {
      const next = this.statements.size < MAX_STATEMENTS ? `ls_${this.statements.size}` : ''
      await this.run(serialize.parse({ name: next, text: compiled.sql }), serialize.sync())
      if (next) this.statements.set(compiled.sql, next)
      name = next
    }
    const [result] = await this.run(
      serialize.bind({ statement: name, values: compiled.parameters.map(textValue) }),
      serialize.describe({ type: 'P' }),
      serialize.execute({}),
      serialize.sync(),
    )
    return { rows: (result?.rows ?? []) as R[], numAffectedRows: BigInt(result?.affectedRows ?? 0) }
  }

  /** Sends the messages in one call; an error is thrown after Sync has brought the session back. */
  private async run(...messages: Uint8Array[]): Promise<Results[]> {
    // PGlite answers in this process through promises alone: a loop of queries would never let the
    // event loop turn, and every other request (even one that needs no database) would wait for
    // the whole loop. Yielding once per query keeps the server fair, as a socket did.
    await new Promise<void>((resolve) => setImmediate(resolve))
    const { messages: replies } = await this.pglite.runExclusive(() =>
      this.pglite.execProtocol(messages.length === 1 ? messages[0]! : Buffer.concat(messages)),
    )
    return parse.parseResults(replies, parsers)
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not supported on the embedded database')
  }
}
