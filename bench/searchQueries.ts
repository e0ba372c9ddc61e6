// What the search bench types, in turn: a prefix found in a tenth of the cases, two and three
// words, an identifier, a short prefix, a word and a number, a quoted phrase.
import type { Db } from '../src/store/db.js'
import type { SearchScopes } from '../src/store/search.js'

export const benchSearchQueries = [
  'sendm',
  'Sendmail buffer',
  'remote root nginx',
  'LS-BENCH-12',
  'zli',
  'kernel 4711',
  '"use after free"',
]

/** The scopes the policy gives the bench's two searchers: the staff (all) and the vendor (its 100 cases). */
export async function benchSearchScopes(db: Db): Promise<Record<'staff' | 'vendor', SearchScopes>> {
  const vendorOrg = (
    await db.selectFrom('organizations').select('id').where('slug', '=', 'bench-vendor-1').executeTakeFirstOrThrow()
  ).id
  return {
    staff: { cases: 'all', reports: 'all', vendors: 'all' },
    vendor: {
      cases: { userId: null, organizationIds: [vendorOrg] },
      reports: { reporterUserId: null },
      vendors: { organizationIds: [vendorOrg] },
    },
  }
}
