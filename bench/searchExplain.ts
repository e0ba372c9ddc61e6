// `BENCH_DATABASE_URL=... npx tsx bench/searchExplain.ts`: EXPLAIN (ANALYZE, BUFFERS) of every SQL
// statement the search runs, per query of bench/search.ts and per kind, as the staff and as the
// bench's vendor, against a database kept by `BENCH_KEEP=1 npm run bench:cases`. On a busy machine
// the planner's and executor's own figures (rows, buffers, time inside PostgreSQL) say far more
// than a wall clock around an HTTP request.
import { Kysely, PostgresDialect, type CompiledQuery } from 'kysely'
import pg from 'pg'
import { searchTerms } from '../src/domain/search.js'
import type { Database } from '../src/store/schema.js'
import { searchAll, searchKindAlone } from '../src/store/search.js'
import { benchSearchQueries, benchSearchScopes } from './searchQueries.js'

const url = process.env.BENCH_DATABASE_URL
if (!url) throw new Error('BENCH_DATABASE_URL: a database kept by BENCH_KEEP=1 npm run bench:cases')
const pool = new pg.Pool({ connectionString: url, max: 1 })
let captured: CompiledQuery[] = []
const db = new Kysely<Database>({
  dialect: new PostgresDialect({ pool }),
  log: (event) => {
    if (event.level === 'query') captured.push(event.query)
  },
})
const verbose = Boolean(process.env.EXPLAIN_PLANS)
// The server prepares every statement (store/preparedClient.ts), so after five runs PostgreSQL may
// keep one generic plan for every value typed: EXPLAIN_GENERIC=1 shows that plan.
const generic = Boolean(process.env.EXPLAIN_GENERIC)
const literal = (v: unknown) => (typeof v === 'number' ? String(v) : pg.escapeLiteral(String(v)))
async function explain(query: CompiledQuery) {
  const client = await pool.connect()
  try {
    if (!generic) {
      // Twice: the first warms the caches as the bench's thousands of requests do.
      await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${query.sql}`, query.parameters as unknown[])
      return await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${query.sql}`, query.parameters as unknown[])
    }
    await client.query(`SET plan_cache_mode = force_generic_plan`)
    await client.query(`PREPARE explained AS ${query.sql}`)
    const run = `EXPLAIN (ANALYZE, BUFFERS) EXECUTE explained(${query.parameters.map(literal).join(', ')})`
    await client.query(run)
    return await client.query(run)
  } finally {
    if (generic) await client.query(`DEALLOCATE ALL; RESET plan_cache_mode`)
    client.release()
  }
}
const only = process.env.EXPLAIN_ONLY
try {
  const actors = await benchSearchScopes(db)
  for (const [who, scopes] of Object.entries(actors)) {
    for (const typed of benchSearchQueries) {
      const terms = searchTerms(typed)!
      const kinds = {
        cases: () => searchKindAlone.cases(db, terms, scopes.cases, 10),
        reports: () => searchKindAlone.reports(db, terms, scopes.reports, 10),
        vendors: () => searchKindAlone.vendors(db, terms, scopes.vendors, 10),
        advisories: () => searchKindAlone.advisories(db, terms, 10),
        // The route's one statement with the four kinds (its total is the cases').
        all: async () => (await searchAll(db, terms, scopes, 10)).cases,
      }
      for (const [kind, run] of Object.entries(kinds)) {
        if (only && only !== kind) continue
        captured = []
        const result = await run()
        for (const query of captured) {
          const plan = await explain(query)
          const lines = plan.rows.map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN'])
          const execution = lines.find((l: string) => l.startsWith('Execution Time'))
          const planning = lines.find((l: string) => l.startsWith('Planning Time'))
          const buffers = lines.find((l: string) => l.trim().startsWith('Buffers'))
          process.stdout.write(
            `${who.padEnd(7)} ${JSON.stringify(typed).padEnd(20)} ${kind.padEnd(11)} total ${String(result.total).padStart(4)}${result.more ? '+' : ' '}  ${planning}  ${execution}  ${buffers?.trim() ?? ''}\n`,
          )
          if (verbose) process.stdout.write(`${query.sql}\n${lines.join('\n')}\n\n`)
        }
      }
    }
  }
} finally {
  await db.destroy()
}
