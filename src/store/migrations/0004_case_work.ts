// The daily work on a report and a case: files, participants who leave, what each person has read
// and when they last looked at a case.
export const name = 'case_work'

export const up = /* sql */ `
-- Files sent with a report (by the reporter or the coordinator) or posted to a case thread. Kept in
-- the database with the rest of the case (one backup, one transaction), never served inline: the
-- download is always application/octet-stream with Content-Disposition: attachment.
CREATE TABLE attachments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  report_id uuid REFERENCES reports (id) ON DELETE CASCADE,
  case_id uuid REFERENCES cases (id) ON DELETE CASCADE,
  -- The private thread it was posted to; null for the case-wide thread (case files only).
  participant_id uuid REFERENCES participants (id) ON DELETE CASCADE,
  author text NOT NULL CHECK (author IN ('reporter', 'coordinator', 'participant')),
  author_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  filename text NOT NULL CHECK (length(filename) BETWEEN 1 AND 200),
  declared_type text NOT NULL DEFAULT 'application/octet-stream',
  size integer NOT NULL CHECK (size >= 0),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  content bytea NOT NULL,
  tlp text NOT NULL DEFAULT 'AMBER' CHECK (tlp IN ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED')),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((report_id IS NULL) <> (case_id IS NULL)),
  CHECK (participant_id IS NULL OR case_id IS NOT NULL)
);
CREATE INDEX attachments_report_idx ON attachments (report_id, created_at) WHERE report_id IS NOT NULL;
CREATE INDEX attachments_thread_idx ON attachments (case_id, participant_id, created_at) WHERE case_id IS NOT NULL;

-- A participant taken out of a case keeps its history (its private thread, its ledger entries) but
-- no longer sees the case. Adding it again brings it back.
ALTER TABLE participants ADD COLUMN removed_at timestamptz;

-- Read state of a report's conversation: per staff user, and for the reporter (who may have no
-- account) on the report itself.
CREATE TABLE report_reads (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  report_id uuid NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  last_read_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, report_id)
);
ALTER TABLE reports ADD COLUMN reporter_read_at timestamptz;

-- Visits to a case page, for "what changed since your last visit": a visit is a run of views with
-- less than half an hour between them; previous_seen_at is the last view of the visit before.
CREATE TABLE case_visits (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  last_seen_at timestamptz NOT NULL,
  previous_seen_at timestamptz,
  PRIMARY KEY (user_id, case_id)
);
`
