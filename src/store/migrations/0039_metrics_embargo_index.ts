// The metrics' embargo figures read only the cases that had an embargo (issue 15: all years of
// 20,000 cases in p95 <= 200 ms): an archive's imported cases have none, and without this index
// each request read every case to find the few that did. Ordered by when a case was opened, so
// that a year's figures read only that year's.
export const name = 'metrics_embargo_index'

export const up = /* sql */ `
CREATE INDEX cases_embargo_opened_idx ON cases (created_at) WHERE embargo_ends_at IS NOT NULL;
`
