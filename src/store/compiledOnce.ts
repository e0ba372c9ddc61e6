// Kysely builds and compiles a query's SQL on every call. For the few queries that run on every
// request (resolving the caller), that costs more than the database does: compile once, then run
// the same SQL with new parameter values.
import { CompiledQuery, type Compilable } from 'kysely'
import type { Db } from './db.js'

export function compiledOnce<Row, Params extends unknown[]>(
  build: (db: Db, ...placeholders: Params) => Compilable<Row>,
  placeholders: Params,
) {
  let cached: { sql: string; count: number } | undefined
  return async (db: Db, ...params: Params): Promise<Row[]> => {
    if (!cached) {
      const compiled = build(db, ...placeholders).compile()
      cached = { sql: compiled.sql, count: compiled.parameters.length }
    }
    // The placeholders must be the query's only parameters, in order; anything else is a bug here.
    if (cached.count !== params.length)
      throw new Error(`compiled query expects ${cached.count} parameters, got ${params.length}`)
    const result = await db.executeQuery<Row>(CompiledQuery.raw(cached.sql, params))
    return result.rows
  }
}
