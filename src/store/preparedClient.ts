// A pg client that turns every parameterised query into a named prepared statement, so PostgreSQL
// parses and plans each distinct statement once per connection instead of on every request.
// Kysely produces the same SQL text for the same query shape, so the set of names stays small.
// Not for the embedded database: its socket multiplexes all clients onto one PGlite session, where
// one client's statement names would collide with another's.
import { createHash } from 'node:crypto'
import pg from 'pg'

const names = new Map<string, string>()

function statementName(text: string): string {
  let name = names.get(text)
  if (!name) {
    name = 'ls_' + createHash('sha1').update(text).digest('base64url')
    if (names.size < 10_000) names.set(text, name)
  }
  return name
}

export class PreparedStatementClient extends pg.Client {
  // pg's typings for query() are a large overload set; this forwards every form unchanged except
  // (text, values) with values, which gains a statement name.
  override query(...args: unknown[]): never {
    const [config, values] = args
    if (typeof config === 'string' && Array.isArray(values) && values.length > 0 && args.length === 2) {
      return (super.query as (...a: unknown[]) => never)({ name: statementName(config), text: config, values })
    }
    return (super.query as (...a: unknown[]) => never)(...args)
  }
}
