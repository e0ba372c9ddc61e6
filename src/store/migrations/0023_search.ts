// Search (store/search.ts): a GIN index on a full-text vector of each thing a person may look for
// (cases, reports, vendors, published advisories). They are expression indexes, not columns, so
// rows read elsewhere carry nothing new and a backup restores as before; the search queries use
// these very expressions (exported below, never to change: a changed one would miss its index).
// The 'simple' configuration keeps words as written (no stemming, no stop words), so that a prefix
// typed by hand ("Sendm") matches the word it starts ("sendmail").
//
// Also: a person's time zone is theirs to choose, and until they do (NULL) every page shows the
// browser's. The old default, UTC, was never a choice anyone could see, so it is forgotten.
export const name = 'search'

export const searchVectors = {
  cases: `(setweight(to_tsvector('simple', cases.case_number || ' ' || cases.title), 'A') || setweight(to_tsvector('simple', cases.summary), 'C'))`,
  reports: `(setweight(to_tsvector('simple', reports.tracking_id || ' ' || reports.title), 'A') || setweight(to_tsvector('simple', reports.description), 'C'))`,
  organizations: `(to_tsvector('simple', organizations.name))`,
  advisories: `(setweight(to_tsvector('simple', advisories.public_id || ' ' || coalesce(advisories.snapshot ->> 'title', '')), 'A') || setweight(jsonb_to_tsvector('simple', coalesce(advisories.snapshot, '{}'::jsonb), '["string"]'), 'D'))`,
} as const

export const up = /* sql */ `
CREATE INDEX cases_search_idx ON cases USING gin (${searchVectors.cases});
CREATE INDEX reports_search_idx ON reports USING gin (${searchVectors.reports});
CREATE INDEX organizations_search_idx ON organizations USING gin (${searchVectors.organizations});
ALTER TABLE users ALTER COLUMN time_zone DROP NOT NULL, ALTER COLUMN time_zone DROP DEFAULT;
UPDATE users SET time_zone = NULL WHERE time_zone = 'UTC';
CREATE INDEX advisories_search_idx ON advisories USING gin (${searchVectors.advisories}) WHERE state = 'published';
`
