// Requests that arrive together and each load one row by its id share one database round trip:
// the ids asked for during one turn of the event loop are read with one `id = any($1)` query when
// the turn ends (DataLoader's idea, without its cache). Under load, fifty requests for
// organizations cost one query instead of fifty; alone, a request waits for nothing (the query
// goes out as soon as this turn's other callbacks have run). Nothing is kept: every lookup reads
// the database at or after the moment it was asked for, so it is never older than a query of its
// own would have been, and another server's writes are seen exactly as before. Inside a
// transaction the lookup runs alone on the transaction's connection, which it must not leave.
import { CompiledQuery, type Kysely } from 'kysely'
import type { Db } from './db.js'
import type { Database } from './schema.js'

interface Waiting<Row> {
  resolve(row: Row | undefined): void
  reject(error: unknown): void
}

/** `select * from <table> where id = ...`, one id at a time for the caller, batched underneath. */
export function batchedById<Row extends { id: string }>(table: keyof Database & string) {
  const one = `select * from ${table} where id = $1::uuid`
  const many = `select * from ${table} where id = any($1::uuid[])`
  // One batch per database (tests open several in one process).
  const batches = new WeakMap<Kysely<Database>, Map<string, Waiting<Row>[]>>()

  async function flush(db: Kysely<Database>, batch: Map<string, Waiting<Row>[]>): Promise<void> {
    batches.delete(db)
    const ids = [...batch.keys()]
    try {
      const { rows } =
        ids.length === 1
          ? await db.executeQuery<Row>(CompiledQuery.raw(one, ids))
          : await db.executeQuery<Row>(CompiledQuery.raw(many, [ids]))
      const byId = new Map(rows.map((r) => [r.id, r]))
      for (const [id, waiting] of batch) for (const w of waiting) w.resolve(byId.get(id))
    } catch (error) {
      for (const waiting of batch.values()) for (const w of waiting) w.reject(error)
    }
  }

  return (db: Db, id: string): Promise<Row | undefined> => {
    if (db.isTransaction) return db.executeQuery<Row>(CompiledQuery.raw(one, [id])).then(({ rows }) => rows[0])
    const root = db as Kysely<Database>
    let batch = batches.get(root)
    if (!batch) {
      const created = new Map<string, Waiting<Row>[]>()
      batches.set(root, created)
      setImmediate(() => void flush(root, created))
      batch = created
    }
    const waiting = batch.get(id) ?? []
    batch.set(id, waiting)
    return new Promise((resolve, reject) => waiting.push({ resolve, reject }))
  }
}
