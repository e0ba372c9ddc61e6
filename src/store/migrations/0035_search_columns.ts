// Search reads stored vectors (issue 14: the staff's search over 10,000 cases in p95 <= 100 ms).
// Migration 23 indexed expressions: every match found by a prefix was checked again by computing
// its vector anew from the title and the whole summary (or a report's description), and planning
// each query matched those long expressions against the index. Now each searched table keeps its
// vector in a generated column, computed once when the row is written, with its GIN index on it;
// the expressions are migration 23's own, so what matches does not change. Backups skip generated
// columns (backupTables.ts reads only columns that are never generated) and a restore computes
// them again.
//
// Each index's list of rows waiting to be merged is kept small (64 kB, the least): a search reads
// that whole list every time, and PostgreSQL's default (4 MB) held all 10,000 rows of a bulk
// insert until a vacuum came, which made every search read them one by one.
//
// A vendor's products are searched by an index of their own, so that a vendor found by a product
// is looked up in it instead of reading every product of every vendor.
import { searchVectors } from './0023_search.js'

export const name = 'search_columns'

const small = 'WITH (gin_pending_list_limit = 64)'

export const up = /* sql */ `
DROP INDEX cases_search_idx;
ALTER TABLE cases ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ${searchVectors.cases} STORED;
CREATE INDEX cases_search_idx ON cases USING gin (search_vector) ${small};
DROP INDEX reports_search_idx;
ALTER TABLE reports ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ${searchVectors.reports} STORED;
CREATE INDEX reports_search_idx ON reports USING gin (search_vector) ${small};
DROP INDEX organizations_search_idx;
ALTER TABLE organizations ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ${searchVectors.organizations} STORED;
CREATE INDEX organizations_search_idx ON organizations USING gin (search_vector) ${small};
DROP INDEX advisories_search_idx;
ALTER TABLE advisories ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ${searchVectors.advisories} STORED;
CREATE INDEX advisories_search_idx ON advisories USING gin (search_vector) ${small} WHERE state = 'published';
CREATE INDEX vendor_products_search_idx ON vendor_products USING gin (${productVector('vendor_products')}) ${small};
`

/** A product's pattern as words (pkg:generic/sendmail is found by "sendmail"); the index's expression. */
export function productVector(table: string): string {
  return `(to_tsvector('simple', translate(${table}.pattern, ':/@*', '    ')))`
}
