// Cases brought in from another tracker's archive (`lockstep import certcc`): where each came from
// and under which key, so a second run finds it again, the version last imported (a changed one
// updates the case, an unchanged one is skipped), and when it was published, which an imported
// case knows without an advisory released here. The metrics read `published_at` beside advisories.
export const name = 'imported_cases'

export const up = /* sql */ `
ALTER TABLE cases
  ADD COLUMN import_source text,
  ADD COLUMN import_key text,
  ADD COLUMN import_version text,
  ADD COLUMN published_at timestamptz,
  ADD CHECK ((import_source IS NULL) = (import_key IS NULL));
CREATE UNIQUE INDEX cases_import_key ON cases (import_source, import_key) WHERE import_key IS NOT NULL;
CREATE INDEX cases_created_at_idx ON cases (created_at);
`
