// The stored search vectors of migration 35 stay out of every ordinary read: the tables that keep
// one are read through their column lists (store/columns.ts), and those lists are every column
// the database has but the vector, so naming columns never leaves one out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { availableBackends, openTestDatabase, type TestDatabase } from '../support/databases.js'
import { makeCase } from '../support/factories.js'
import { findCase } from '../../src/store/cases.js'
import { advisoryColumns, caseColumns, organizationColumns, reportColumns } from '../../src/store/columns.js'

describe.each(availableBackends())('stored search vectors on %s', (backend) => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await openTestDatabase(backend)
  })
  afterAll(() => t?.close())

  it('reads every column of a searched table but its vector', async () => {
    const { rows } = await sql<{ table_name: string; columns: string[] }>`
      SELECT table_name, array_agg(column_name::text ORDER BY column_name) AS columns
      FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name IN ('cases', 'reports', 'organizations', 'advisories')
        AND column_name <> 'search_vector'
      GROUP BY table_name`.execute(t.db)
    const inDatabase = Object.fromEntries(rows.map((r) => [r.table_name, r.columns]))
    const sorted = (list: string[]) => [...list].sort()
    expect(inDatabase).toEqual({
      cases: sorted(caseColumns),
      reports: sorted(reportColumns),
      organizations: sorted(organizationColumns),
      advisories: sorted(advisoryColumns),
    })
  })

  it('loads a case without its vector, and its search still finds it', async () => {
    const opened = await makeCase(t, { title: 'Header injection in vectormail' })
    const row = await findCase(t.db, opened.id)
    expect(row).toMatchObject({ id: opened.id, title: 'Header injection in vectormail' })
    expect(row).not.toHaveProperty('search_vector')
    const { rows } = await sql<{ id: string }>`
      SELECT id FROM cases WHERE search_vector @@ to_tsquery('simple', 'vectorm:*')`.execute(t.db)
    expect(rows.map((r) => r.id)).toEqual([opened.id])
  })
})
